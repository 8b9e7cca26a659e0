"""Pages of the strategic analysis: each parses input, calls one action and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.planning import reference
from kotacerdas.planning.access import get_in_region, masterplan_of, masterplan_page, masterplan_revisions
from kotacerdas.planning.analysis import actions
from kotacerdas.planning.analysis.forms import (
    IndicatorForm,
    ProblemForm,
    ProfileForm,
    ProgrammeForm,
    StatementForm,
    SwotForm,
)
from kotacerdas.planning.checks import budget_code_warnings, code_lookup
from kotacerdas.planning.models import KeyIndicator, Problem, ProgrammeMapping, Statement, SwotItem
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage, delete_view, list_and_add
from kotacerdas.web.params import page_of

Page = RegionPage[Region]


@masterplan_page
def profile(page: Page) -> HttpResponse:
    masterplan = masterplan_of(page.region)
    initial = (
        {n: getattr(masterplan, n) for n in actions.PROFILE_FIELDS}
        if masterplan
        else {"population": page.region.population, "area_km2": page.region.area_km2}
    )
    form = ProfileForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: actions.do_save_profile(page.user, page.region, **data),
        _("Profile saved."),
        then=reverse("planning:overview", args=[page.region.code]),
    )
    context = {"form": form, "revisions": masterplan_revisions(page.region)}
    return saved or page.render("planning/profile.html", context, form)


@masterplan_page
def indicators(page: Page) -> HttpResponse:
    return list_and_add(
        page,
        IndicatorForm(page.post),
        lambda data: actions.do_add_indicator(page.user, page.region, **data),
        done=_("Indicator added."),
        template="planning/indicators.html",
        context={"items": KeyIndicator.objects.filter(region=page.region)},
    )


indicator_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(KeyIndicator, region, pk),
    actions.do_delete_indicator,
    done=gettext_lazy("Indicator deleted."),
    back="planning:indicators",
)


def _problem_fields(data: dict[str, Any]) -> dict[str, Any]:
    """The form's fields as the action takes them: the dimension follows from the element."""
    fields = dict(data)
    fields["dimension"] = reference.dimension_of(fields["element"]) or ""
    fields["opds"] = list(fields["opds"])
    return fields


@masterplan_page
def problems(page: Page) -> HttpResponse:
    return list_and_add(
        page,
        ProblemForm(page.post, region=page.region),
        lambda data: actions.do_save_problem(page.user, page.region, **_problem_fields(data)),
        done=lambda problem: _("Problem “%(code)s” recorded.") % {"code": problem.code},
        template="planning/problems.html",
        context={
            "page": page_of(
                page.request,
                Problem.objects.filter(region=page.region).select_related("region").prefetch_related("opds"),
            )
        },
    )


@masterplan_page
def problem(page: Page, problem_id: int) -> HttpResponse:
    item = get_in_region(Problem, page.region, problem_id)
    initial: dict[str, Any] = {
        n: getattr(item, n)
        for n in ("code", "title", "element", "description", "evidence", "root_causes", "origin")
    }
    initial["opds"] = list(item.opds.all())
    initial["version"] = item.version
    form = ProblemForm(page.post, region=page.region, initial=initial)
    saved = page.save(
        form,
        lambda data: actions.do_save_problem(page.user, page.region, item, **_problem_fields(data)),
        _("Problem saved."),
        then=item.get_absolute_url(),
    )
    return saved or page.render("planning/problem.html", {"item": item, "form": form}, form)


problem_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(Problem, region, pk),
    actions.do_delete_problem,
    done=gettext_lazy("Problem deleted."),
    back="planning:problems",
)


def _swot_groups(region: Region) -> list[dict[str, Any]]:
    """The SWOT items per scope (readiness element or dimension), each as four quadrants."""
    items = list(SwotItem.objects.filter(region=region))
    groups = []
    for scope, label in reference.swot_scopes():
        mine = [i for i in items if i.scope == scope]
        if mine:
            quadrants = [
                (kind_label, [i for i in mine if i.kind == kind])
                for kind, kind_label in SwotItem.Kind.choices
            ]
            groups.append({"label": label, "quadrants": quadrants})
    return groups


@masterplan_page
def swot(page: Page) -> HttpResponse:
    return list_and_add(
        page,
        SwotForm(page.post),
        lambda data: actions.do_save_swot_item(page.user, page.region, **data),
        done=_("SWOT item added."),
        template="planning/swot.html",
        context={"groups": _swot_groups(page.region)},
    )


@masterplan_page
def swot_item(page: Page, item_id: int) -> HttpResponse:
    item = get_in_region(SwotItem, page.region, item_id)
    initial = {"scope": item.scope, "kind": item.kind, "text": item.text, "version": item.version}
    form = SwotForm(page.post, initial=initial)
    saved = page.save(
        form,
        lambda data: actions.do_save_swot_item(page.user, page.region, item, **data),
        _("SWOT item saved."),
        then=item.get_absolute_url(),
    )
    context = {"item": item, "scope": reference.scope_label(item.scope), "form": form}
    return saved or page.render("planning/swot_item.html", context, form)


swot_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(SwotItem, region, pk),
    actions.do_delete_swot_item,
    done=gettext_lazy("SWOT item deleted."),
    back="planning:swot",
)


@masterplan_page
def strategy(page: Page) -> HttpResponse:
    return list_and_add(
        page,
        StatementForm(page.post),
        lambda data: actions.do_add_statement(page.user, page.region, **data),
        done=_("Statement added."),
        template="planning/strategy.html",
        context={
            "items": Statement.objects.filter(region=page.region),
            "masterplan": masterplan_of(page.region),
        },
    )


statement_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(Statement, region, pk),
    actions.do_delete_statement,
    done=gettext_lazy("Statement deleted."),
    back="planning:strategy",
)


@masterplan_page
def programmes(page: Page) -> HttpResponse:
    items = list(ProgrammeMapping.objects.filter(region=page.region).select_related("goal", "opd"))
    rows = [(item, code_lookup(item.code)) for item in items]
    return list_and_add(
        page,
        ProgrammeForm(page.post, region=page.region),
        lambda data: actions.do_add_programme(page.user, page.region, **data),
        done=lambda mapping: _programme_mapped(page, mapping),
        template="planning/programmes.html",
        context={"rows": rows},
    )


def _programme_mapped(page: Page, mapping: ProgrammeMapping) -> str:
    """Saved either way: a well-formed code the nomenclature does not know is only a warning."""
    for warning in budget_code_warnings([mapping.code]):
        messages.warning(page.request, warning)
    return _("Programme mapped.")


programme_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(ProgrammeMapping, region, pk),
    actions.do_delete_programme,
    done=gettext_lazy("Mapping deleted."),
    back="planning:programmes",
)

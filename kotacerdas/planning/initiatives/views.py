"""Pages of the initiatives, their KPIs and the XLSX workbook: parse input, call one action, render."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.audit.stamps import region_change_stamp
from kotacerdas.planning import reference
from kotacerdas.planning.access import get_in_region, masterplan_of, masterplan_page
from kotacerdas.planning.checks import budget_code_warnings, finding_lines, named_codes, plan_findings
from kotacerdas.planning.initiatives import actions, xlsx
from kotacerdas.planning.initiatives.fields import ATTRIBUTE_FIELDS
from kotacerdas.planning.initiatives.forms import (
    BudgetForm,
    ImportForm,
    InitiativeForm,
    KpiForm,
    KpiTargetsForm,
)
from kotacerdas.planning.initiatives.xlsx_read import RowError
from kotacerdas.planning.models import FundingSource, Initiative, Kpi, Masterplan
from kotacerdas.planning.pages import editors_only, needs_masterplan, post_only
from kotacerdas.planning.target_readers import approved_years
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import RegionPage, delete_view
from kotacerdas.web.params import page_of, query_int
from kotacerdas.web.region_cache import Kept, everyone, kept_fragment

Page = RegionPage[Region]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


# A page of the table, with the plan's findings, is the same for everyone who may open the list: kept
# against the region's change stamp (planning records change only through audited actions).
INITIATIVES_TABLE = Kept("planning:initiatives", audience=everyone)


@needs_masterplan
def initiatives(page: Page, masterplan: Masterplan) -> HttpResponse:
    build = lambda: _initiatives_table(page, masterplan)  # noqa: E731
    number = query_int(page.request, "page", 1)
    table = kept_fragment(
        page.request, page.region, INITIATIVES_TABLE, build, stamp=region_change_stamp, variant=number
    )
    context = {"masterplan": masterplan, "table": table, "import_form": ImportForm()}
    return page.render("planning/initiatives.html", context)


def _initiatives_table(page: Page, masterplan: Masterplan) -> str:
    # One load serves the table and the plan's findings (which need every initiative anyway); the
    # region is joined for get_absolute_url, so the query count does not grow with the list.
    items = list(
        Initiative.objects.filter(region=page.region)
        .select_related("owner", "region")
        .prefetch_related("budget_lines", "predecessors")
        .order_by("code", "pk")
    )
    context = {
        "region": page.region,
        "page": page_of(page.request, items),
        "warnings": finding_lines(plan_findings(page.region, items, masterplan)),
    }
    return render_to_string("planning/_initiatives_table.html", context)


@needs_masterplan
@editors_only
def initiative_new(page: Page, masterplan: Masterplan) -> HttpResponse:
    return _initiative_form(page, masterplan, None)


@needs_masterplan
@editors_only
def initiative_edit(page: Page, masterplan: Masterplan, initiative_id: int) -> HttpResponse:
    return _initiative_form(page, masterplan, get_in_region(Initiative, page.region, initiative_id))


def _initiative_form(page: Page, masterplan: Masterplan, item: Initiative | None) -> HttpResponse:
    """One page for a new and an existing initiative: its fields and its budget grid, saved together."""
    if item is None:
        initial: dict[str, Any] = {"start_year": masterplan.period_start, "duration": 1}
        budget_initial: dict[str, Any] = {}
    else:
        initial, budget_initial = InitiativeForm.initial_for(item), BudgetForm.initial_for(item)
    form = InitiativeForm(
        page.post, region=page.region, exclude_pk=item.pk if item else None, initial=initial
    )
    budget_form = BudgetForm(page.post, years=masterplan.years, initial=budget_initial)

    def save(data: dict[str, Any]) -> Initiative:
        fields = {n: data[n] for n in ATTRIBUTE_FIELDS if n in data}
        fields["dimension"] = reference.dimension_of(fields["element"]) or ""
        return actions.do_save_initiative(
            page.user,
            page.region,
            item,
            budget=budget_form.budget(),
            predecessors=data["predecessors"],
            problems=data["problems"],
            subactivity_codes=form.codes(),
            version=data.get("version"),
            **fields,
        )

    # The budget grid first, then page.save checks the initiative's own fields; when either is
    # invalid the page is shown again with the errors of both.
    if budget_form.is_valid():
        saved = page.save(
            form,
            save,
            lambda initiative: _saved(page, initiative),
            then=lambda initiative: initiative.get_absolute_url(),
        )
        if saved:
            return saved
    context = {"item": item, "form": form, "budget_form": budget_form, "sources": FundingSource.choices}
    return page.render("planning/initiative_form.html", context, form, budget_form)


def _saved(page: Page, initiative: Initiative) -> str:
    """The saved message; a well-formed code the nomenclature does not know is a warning beside it."""
    for warning in budget_code_warnings(initiative.subactivity_codes):
        messages.warning(page.request, warning)
    return _("Initiative “%(code)s” saved.") % {"code": initiative.code}


@needs_masterplan
def initiative(page: Page, masterplan: Masterplan, initiative_id: int) -> HttpResponse:
    item = get_in_region(Initiative, page.region, initiative_id)
    kpi_form = KpiForm(page.post, years=masterplan.years)
    saved = page.save(
        kpi_form,
        lambda data: actions.do_save_kpi(
            page.user,
            item,
            name=data["name"],
            unit=data["unit"],
            baseline=data["baseline"],
            targets=kpi_form.targets(),
        ),
        _("KPI added."),
        then=item.get_absolute_url(),
    )
    budget = {(line.year, line.source): line.amount for line in item.budget_lines.all()}
    context = {
        "item": item,
        "masterplan": masterplan,
        "kpi_form": kpi_form,
        "budget_rows": [(y, [budget.get((y, s)) for s in FundingSource.values]) for y in masterplan.years],
        "sources": FundingSource.choices,
        "kpis": [(k, k.target_list(masterplan.years)) for k in item.kpis.all()],
        "element": reference.element_label(item.element),
        "codes": named_codes(item.subactivity_codes),
    }
    return saved or page.render("planning/initiative.html", context, kpi_form)


initiative_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(Initiative, region, pk),
    actions.do_delete_initiative,
    done=gettext_lazy("Initiative deleted."),
    back="planning:initiatives",
)


@needs_masterplan
@editors_only
def kpi_targets(page: Page, masterplan: Masterplan, kpi_id: int) -> HttpResponse:
    """Correct a KPI's yearly targets in place, one field per year; blank = no target that year."""
    kpi = get_in_region(Kpi, page.region, kpi_id)
    form = KpiTargetsForm(page.post, kpi=kpi, period=masterplan.years)
    approved = approved_years(kpi)
    before = dict(kpi.targets)

    def done(saved: Kpi) -> str:
        changed = [y for y in approved if before.get(str(y)) != saved.targets.get(str(y))]
        if changed:
            messages.warning(page.request, approved_changed_message(changed))
        return _("Targets of the KPI “%(name)s” saved.") % {"name": saved.name}

    saved = page.save(
        form,
        lambda data: actions.do_set_kpi_targets(
            page.user, kpi, targets=form.targets(), version=data.get("version")
        ),
        done,
        then=f"{kpi.initiative.get_absolute_url()}#kpi-{kpi.pk}",
    )
    context = {
        "kpi": kpi,
        "item": kpi.initiative,
        "form": form,
        "masterplan": masterplan,
        "approved": approved,
    }
    return saved or page.render("planning/kpi_targets.html", context, form)


def approved_changed_message(years: list[int]) -> str:
    return _(
        "Monitoring had already approved this KPI's realisation for: %(years)s; from now on it is "
        "compared with the new target."
    ) % {"years": ", ".join(str(y) for y in years)}


@masterplan_page
@post_only
def kpi_delete(page: Page, kpi_id: int) -> HttpResponse:
    """A delete that goes back to the KPI's initiative (delete_view goes back to a fixed list)."""
    kpi = get_in_region(Kpi, page.region, kpi_id)
    page.run(lambda: actions.do_delete_kpi(page.user, kpi), _("KPI deleted."))
    return redirect(kpi.initiative.get_absolute_url())


@masterplan_page
def export_initiatives(page: Page) -> HttpResponse:
    if masterplan_of(page.region) is None:
        return redirect("planning:profile", code=page.region.code)
    response = HttpResponse(xlsx.export_workbook(page.region), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="inisiatif-{page.region.code}.xlsx"'
    return response


@masterplan_page
@editors_only
def import_initiatives(page: Page) -> HttpResponse:
    if masterplan_of(page.region) is None:
        return redirect("planning:profile", code=page.region.code)
    form = ImportForm(page.post, page.files)
    row_errors: list[RowError] = []
    if form.is_valid():
        outcome = xlsx.import_or_report(page.user, page.region, form.cleaned_data["file"].read())
        if outcome.summary is not None:
            messages.success(
                page.request,
                _("Imported: %(created)s new and %(updated)s updated initiatives, %(kpis)s KPIs.")
                % outcome.summary,
            )
            for warning in outcome.warnings:
                messages.warning(page.request, warning)
            return redirect("planning:initiatives", code=page.region.code)
        row_errors = outcome.row_errors
        form.add_error(None, _("Nothing was imported: fix the cells listed below and upload again."))
    return page.render("planning/import.html", {"form": form, "row_errors": row_errors}, form)

# ruff: noqa: SIM102  (POST-and-valid, then the action: two steps read better apart)
"""Masterplan pages of a region: views parse input, call one action, render."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.core import ahp
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA, weight_shifts, weight_stability
from kotacerdas.core.quick_wins import Candidate, QuickWinCriteria, quick_win_candidates
from kotacerdas.planning import actions, charts, reference, reports
from kotacerdas.planning import forms as pforms
from kotacerdas.planning.access import can_edit_masterplan, get_in_region, masterplan_of, masterplan_page
from kotacerdas.planning.models import (
    FundingSource,
    Initiative,
    KeyIndicator,
    Kpi,
    Masterplan,
    Problem,
    ProgrammeMapping,
    QuickWin,
    Risk,
    RoadmapRun,
    Statement,
    SwotItem,
)
from kotacerdas.planning.roadmap import current_prioritisation
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import apply_validation_error
from kotacerdas.web.pages import RegionPage, delete_view, list_and_add

T = TypeVar("T")


# ----------------------------------------------------------------- helpers


def _region(request: HttpRequest, code: str) -> tuple[Region, bool]:
    region = get_region_for_user(request.user, code)
    return region, can_edit_masterplan(request.user, region)


def _masterplan(region: Region) -> Masterplan:
    masterplan = masterplan_of(region)
    if masterplan is None:
        raise _NoProfileError
    return masterplan


class _NoProfileError(Exception):
    """The region has no masterplan period yet; the page sends the user to the profile."""


def _attempt(form: forms.BaseForm, call: Callable[[], T]) -> T | None:
    """Run an action; show its ValidationError on the form (and return None)."""
    try:
        return call()
    except ValidationError as error:
        apply_validation_error(form, error)  # type: ignore[arg-type]
        return None


def _page(
    request: HttpRequest, template: str, context: dict[str, Any], *bound: forms.BaseForm | None
) -> HttpResponse:
    failed = any(f is not None and f.is_bound and f.errors for f in bound)
    context.setdefault("dimensions", reference.dimensions())
    return render(request, f"planning/{template}", context, status=400 if failed else 200)


def _forbidden(request: HttpRequest, region: Region) -> HttpResponse:
    return render(request, "403.html", {"region": region}, status=403)


def _needs_profile(request: HttpRequest, region: Region) -> HttpResponse:
    messages.info(request, _("Fill in the region profile and the masterplan period first."))
    return redirect("planning:profile", code=region.code)


def planning_view(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """login_required + send people to the profile page when the masterplan has no period yet."""

    @login_required
    def wrapper(request: HttpRequest, code: str, *args: Any, **kwargs: Any) -> HttpResponse:
        try:
            return view(request, code, *args, **kwargs)
        except _NoProfileError:
            region = get_region_for_user(request.user, code)
            return _needs_profile(request, region)

    wrapper.__name__ = view.__name__
    wrapper.__doc__ = view.__doc__
    return wrapper


def _simple_delete(
    request: HttpRequest,
    code: str,
    model: type[Any],
    pk: int,
    delete: Callable[[Any, Any], None],
    done: str,
    back: str,
) -> HttpResponse:
    region, can_edit = _region(request, code)
    obj = get_in_region(model, region, pk)
    if not can_edit:
        return _forbidden(request, region)
    try:
        delete(request.user, obj)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done)
    return redirect(back, code=region.code)


# ----------------------------------------------------------------- overview and profile


@planning_view
def overview(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = masterplan_of(region)
    if masterplan is None:
        return _page(request, "overview.html", {"region": region, "masterplan": None, "can_edit": can_edit})
    summary = reports.masterplan_summary(region)
    findings = [actions.finding_message(f) for f in actions.plan_findings(region)]
    return _page(
        request,
        "overview.html",
        {
            "region": region,
            "can_edit": can_edit,
            "findings": findings,
            "readiness": _readiness(region),
            **summary,
        },
    )


def _readiness(region: Region) -> dict[str, Any] | None:
    """The readiness gap of the region's latest verified readiness assessment, if there is one."""
    from kotacerdas.planning.readiness import latest_verified_gap

    return latest_verified_gap(region)


@planning_view
def profile(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = masterplan_of(region)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    initial = (
        {n: getattr(masterplan, n) for n in actions.PROFILE_FIELDS}
        if masterplan
        else {"population": region.population, "area_km2": region.area_km2}
    )
    form = pforms.ProfileForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = {n: form.cleaned_data[n] for n in actions.PROFILE_FIELDS}
        if _attempt(form, lambda: actions.do_save_profile(request.user, region, **data)):
            messages.success(request, _("Profile saved."))
            return redirect("planning:overview", code=region.code)
    return _page(request, "profile.html", {"region": region, "form": form, "can_edit": can_edit}, form)


@masterplan_page
def indicators(page: RegionPage[Region]) -> HttpResponse:
    form = pforms.IndicatorForm(page.post)
    return list_and_add(
        page,
        form,
        lambda data: actions.do_add_indicator(page.user, page.region, **data),
        done=_("Indicator added."),
        template="planning/indicators.html",
        context={
            "items": KeyIndicator.objects.filter(region=page.region),
            "dimensions": reference.dimensions(),
        },
    )


indicator_delete = delete_view(
    masterplan_page,
    lambda region, pk: get_in_region(KeyIndicator, region, pk),
    actions.do_delete_indicator,
    done=gettext_lazy("Indicator deleted."),
    back="planning:indicators",
)


# ----------------------------------------------------------------- problems, SWOT, strategy, programmes


def _problem_data(form: pforms.ProblemForm) -> dict[str, Any]:
    data = dict(form.cleaned_data)
    data["dimension"] = reference.dimension_of(data["element"]) or ""
    data["opds"] = list(data.pop("opds"))
    return data


@planning_view
def problems(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.ProblemForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        data = _problem_data(form)
        problem = _attempt(form, lambda: actions.do_save_problem(request.user, region, **data))
        if problem:
            messages.success(request, _("Problem “%(code)s” recorded.") % {"code": problem.code})
            return redirect("planning:problems", code=region.code)
    items = Problem.objects.filter(region=region).prefetch_related("opds")
    return _page(
        request, "problems.html", {"region": region, "form": form, "items": items, "can_edit": can_edit}, form
    )


@planning_view
def problem(request: HttpRequest, code: str, problem_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(Problem, region, problem_id)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    initial = {
        n: getattr(item, n)
        for n in ("code", "title", "element", "description", "evidence", "root_causes", "origin")
    }
    initial["opds"] = list(item.opds.all())
    form = pforms.ProblemForm(request.POST or None, region=region, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = _problem_data(form)
        if _attempt(form, lambda: actions.do_save_problem(request.user, region, item, **data)):
            messages.success(request, _("Problem saved."))
            return redirect(item.get_absolute_url())
    return _page(
        request, "problem.html", {"region": region, "item": item, "form": form, "can_edit": can_edit}, form
    )


@login_required
@require_POST
def problem_delete(request: HttpRequest, code: str, problem_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        Problem,
        problem_id,
        actions.do_delete_problem,
        _("Problem deleted."),
        "planning:problems",
    )


@planning_view
def swot(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.SwotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: actions.do_save_swot_item(request.user, region, **form.cleaned_data)):
            messages.success(request, _("SWOT item added."))
            return redirect("planning:swot", code=region.code)
    items = list(SwotItem.objects.filter(region=region))
    groups = []
    for scope, label in reference.swot_scopes():
        mine = [i for i in items if i.scope == scope]
        if mine:
            groups.append(
                {
                    "label": label,
                    "quadrants": [
                        (kind_label, [i for i in mine if i.kind == kind])
                        for kind, kind_label in SwotItem.Kind.choices
                    ],
                }
            )
    return _page(
        request, "swot.html", {"region": region, "form": form, "groups": groups, "can_edit": can_edit}, form
    )


@planning_view
def swot_item(request: HttpRequest, code: str, item_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(SwotItem, region, item_id)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.SwotForm(
        request.POST or None, initial={"scope": item.scope, "kind": item.kind, "text": item.text}
    )
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: actions.do_save_swot_item(request.user, region, item, **form.cleaned_data)):
            messages.success(request, _("SWOT item saved."))
            return redirect(item.get_absolute_url())
    scope = reference.scope_label(item.scope)
    return _page(
        request,
        "swot_item.html",
        {"region": region, "item": item, "scope": scope, "form": form, "can_edit": can_edit},
        form,
    )


@login_required
@require_POST
def swot_delete(request: HttpRequest, code: str, item_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        SwotItem,
        item_id,
        actions.do_delete_swot_item,
        _("SWOT item deleted."),
        "planning:swot",
    )


@planning_view
def strategy(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.StatementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: actions.do_add_statement(request.user, region, **form.cleaned_data)):
            messages.success(request, _("Statement added."))
            return redirect("planning:strategy", code=region.code)
    items = Statement.objects.filter(region=region)
    return _page(
        request,
        "strategy.html",
        {
            "region": region,
            "form": form,
            "items": items,
            "masterplan": masterplan_of(region),
            "can_edit": can_edit,
        },
        form,
    )


@login_required
@require_POST
def statement_delete(request: HttpRequest, code: str, statement_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        Statement,
        statement_id,
        actions.do_delete_statement,
        _("Statement deleted."),
        "planning:strategy",
    )


@planning_view
def programmes(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.ProgrammeForm(request.POST or None, region=region)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: actions.do_add_programme(request.user, region, **form.cleaned_data)):
            messages.success(request, _("Programme mapped."))
            return redirect("planning:programmes", code=region.code)
    items = ProgrammeMapping.objects.filter(region=region).select_related("goal", "opd")
    return _page(
        request,
        "programmes.html",
        {"region": region, "form": form, "items": items, "can_edit": can_edit},
        form,
    )


@login_required
@require_POST
def programme_delete(request: HttpRequest, code: str, programme_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        ProgrammeMapping,
        programme_id,
        actions.do_delete_programme,
        _("Mapping deleted."),
        "planning:programmes",
    )


# ----------------------------------------------------------------- initiatives


@planning_view
def initiatives(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    items = (
        Initiative.objects.filter(region=region)
        .select_related("owner")
        .prefetch_related("budget_lines", "predecessors")
    )
    warnings = [actions.finding_message(f) for f in actions.plan_findings(region)]
    return _page(
        request,
        "initiatives.html",
        {
            "region": region,
            "masterplan": masterplan,
            "items": items,
            "warnings": warnings,
            "can_edit": can_edit,
            "import_form": pforms.ImportForm(),
        },
    )


def _initiative_form_page(request: HttpRequest, region: Region, item: Initiative | None) -> HttpResponse:
    masterplan = _masterplan(region)
    if item is None:
        initial: dict[str, Any] = {"start_year": masterplan.period_start, "duration": 1}
        budget_initial: dict[str, Any] = {}
    else:
        initial = {n: getattr(item, n) for n in actions.INITIATIVE_FIELDS if n != "dimension"}
        initial["owner"] = item.owner_id
        initial["problems"] = list(item.problems.all())
        initial["predecessors"] = list(item.predecessors.all())
        initial["subactivity_codes"] = "\n".join(item.subactivity_codes)
        budget_initial = pforms.BudgetForm.initial_for(item)
    data = request.POST if request.method == "POST" else None
    form = pforms.InitiativeForm(data, region=region, exclude_pk=item.pk if item else None, initial=initial)
    budget_form = pforms.BudgetForm(data, years=masterplan.years, initial=budget_initial)
    if request.method == "POST" and form.is_valid() & budget_form.is_valid():
        fields = {n: form.cleaned_data[n] for n in actions.INITIATIVE_FIELDS if n in form.cleaned_data}
        fields["dimension"] = reference.dimension_of(fields["element"]) or ""
        saved = _attempt(
            form,
            lambda: actions.do_save_initiative(
                request.user,
                region,
                item,
                budget=budget_form.budget(),
                predecessors=form.cleaned_data["predecessors"],
                problems=form.cleaned_data["problems"],
                subactivity_codes=form.codes(),
                **fields,
            ),
        )
        if saved:
            messages.success(request, _("Initiative “%(code)s” saved.") % {"code": saved.code})
            return redirect(saved.get_absolute_url())
    return _page(
        request,
        "initiative_form.html",
        {
            "region": region,
            "item": item,
            "form": form,
            "budget_form": budget_form,
            "sources": FundingSource.choices,
        },
        form,
        budget_form,
    )


@planning_view
def initiative_new(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if not can_edit:
        return _forbidden(request, region)
    return _initiative_form_page(request, region, None)


@planning_view
def initiative_edit(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(Initiative, region, initiative_id)
    if not can_edit:
        return _forbidden(request, region)
    return _initiative_form_page(request, region, item)


@planning_view
def initiative(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(Initiative, region, initiative_id)
    masterplan = _masterplan(region)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    kpi_form = pforms.KpiForm(request.POST or None, years=masterplan.years)
    if request.method == "POST" and kpi_form.is_valid():
        data = kpi_form.cleaned_data
        if _attempt(
            kpi_form,
            lambda: actions.do_save_kpi(
                request.user,
                item,
                name=data["name"],
                unit=data["unit"],
                baseline=data["baseline"],
                targets=kpi_form.targets(),
            ),
        ):
            messages.success(request, _("KPI added."))
            return redirect(item.get_absolute_url())
    budget = {(line.year, line.source): line.amount for line in item.budget_lines.all()}
    budget_rows = [(year, [budget.get((year, s)) for s in FundingSource.values]) for year in masterplan.years]
    return _page(
        request,
        "initiative.html",
        {
            "region": region,
            "item": item,
            "masterplan": masterplan,
            "kpi_form": kpi_form,
            "can_edit": can_edit,
            "budget_rows": budget_rows,
            "sources": FundingSource.choices,
            "kpis": [(k, k.target_list(masterplan.years)) for k in item.kpis.all()],
            "element": reference.element_label(item.element),
        },
        kpi_form,
    )


@login_required
@require_POST
def initiative_delete(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        Initiative,
        initiative_id,
        actions.do_delete_initiative,
        _("Initiative deleted."),
        "planning:initiatives",
    )


@login_required
@require_POST
def kpi_delete(request: HttpRequest, code: str, kpi_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    kpi = get_in_region(Kpi, region, kpi_id)
    if not can_edit:
        return _forbidden(request, region)
    actions.do_delete_kpi(request.user, kpi)
    messages.success(request, _("KPI deleted."))
    return redirect(kpi.initiative.get_absolute_url())


# ----------------------------------------------------------------- prioritisation


def _criteria_rows(masterplan: Masterplan) -> list[tuple[str, float]]:
    return [(str(pforms.CRITERION_LABELS[c.id]), masterplan.weights.get(c.id, 0.0)) for c in DEFAULT_CRITERIA]


@planning_view
def prioritisation(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    ranking, initiatives_ = current_prioritisation(region)
    by_code = {i.code: i for i in initiatives_}
    shifts = []
    if ranking is not None:
        for shift in weight_shifts(ranking, 0.2):
            if shift.moves:
                shifts.append(
                    {
                        "criterion": pforms.CRITERION_LABELS[shift.criterion],
                        "change": round(shift.change * 100),
                        "moves": [(m.id, m.rank_before, m.rank_after) for m in shift.moves],
                        "top_changed": shift.top_changed,
                    }
                )
    stability = []
    if ranking is not None:
        top = min(3, len(ranking.ranking))
        for row in weight_stability(ranking, top_k=top):
            stability.append(
                {
                    "criterion": pforms.CRITERION_LABELS[row.criterion],
                    "weight": row.weight * 100,
                    "low": row.ranking_low * 100,
                    "high": row.ranking_high * 100,
                    "top_low": row.top_k_low * 100,
                    "top_high": row.top_k_high * 100,
                }
            )
    ahp_result = None
    if masterplan.weight_method == "ahp" and masterplan.judgements:
        judgements = {tuple(k.split("|")): v for k, v in masterplan.judgements.items()}
        ahp_result = ahp.analyse(ahp.matrix_from_judgements([c.id for c in DEFAULT_CRITERIA], judgements))  # type: ignore[arg-type]
    return _page(
        request,
        "prioritisation.html",
        {
            "region": region,
            "masterplan": masterplan,
            "can_edit": can_edit,
            "weights": _criteria_rows(masterplan),
            "ranking": [(r, by_code[r.id]) for r in ranking.ranking] if ranking else [],
            "unscored": [
                i
                for i in initiatives_
                if not any(r.id == i.code for r in (ranking.ranking if ranking else []))
            ],
            "shifts": shifts,
            "stability": stability,
            "ahp": _ahp_view(ahp_result),
        },
    )


def _ahp_view(result: ahp.AhpResult | None) -> dict[str, Any] | None:
    if result is None:
        return None
    return {
        "lambda_max": result.lambda_max,
        "ci": result.consistency_index,
        "cr": result.consistency_ratio,
        "consistent": result.is_consistent,
        "priorities": [
            (pforms.CRITERION_LABELS[label], p)
            for label, p in zip(result.labels, result.priorities, strict=True)
        ],
        "worst": [
            {
                "a": pforms.CRITERION_LABELS[j.row],
                "b": pforms.CRITERION_LABELS[j.column],
                "given": _ratio(j.given),
                "implied": _ratio(j.implied),
            }
            for j in result.most_inconsistent()
        ],
    }


def _ratio(value: float) -> str:
    return f"{value:.2f}" if value >= 1 else f"1/{1 / value:.2f}"


@planning_view
def weights_ahp(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    if not can_edit:
        return _forbidden(request, region)
    initial = {k.replace("|", "__"): v for k, v in masterplan.judgements.items()}
    form = pforms.AhpForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        result = _attempt(form, lambda: actions.do_set_ahp_weights(request.user, region, form.judgements()))
        if result is not None:
            if result.is_consistent:
                messages.success(
                    request, _("AHP weights saved (CR %(cr).3f).") % {"cr": result.consistency_ratio}
                )
            else:
                messages.warning(
                    request,
                    _(
                        "AHP weights saved, but CR %(cr).3f is not below 0.10: revisit the "
                        "judgements named on the page."
                    )
                    % {"cr": result.consistency_ratio},
                )
            return redirect("planning:prioritisation", code=region.code)
    return _page(request, "weights_ahp.html", {"region": region, "form": form}, form)


@planning_view
def weights_direct(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    if not can_edit:
        return _forbidden(request, region)
    initial = {f"w_{k}": round(Decimal(v) * 100, 3) for k, v in masterplan.weights.items()}
    form = pforms.DirectWeightsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        if _attempt(form, lambda: actions.do_set_direct_weights(request.user, region, form.weights())):
            messages.success(request, _("Weights saved."))
            return redirect("planning:prioritisation", code=region.code)
    return _page(request, "weights_direct.html", {"region": region, "form": form}, form)


@planning_view
def scores(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    _masterplan(region)
    if not can_edit:
        return _forbidden(request, region)
    items = list(Initiative.objects.filter(region=region).exclude(status=Initiative.Status.CANCELLED))
    form = pforms.ScoresForm(request.POST or None, initiatives=items)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_set_scores(request.user, region, form.scores())
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Scores saved."))
            return redirect("planning:prioritisation", code=region.code)
    labels = [pforms.CRITERION_LABELS[c] for c in pforms.SCORED_CRITERIA]
    return _page(request, "scores.html", {"region": region, "form": form, "labels": labels}, form)


# ----------------------------------------------------------------- roadmap


@planning_view
def roadmap(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.RoadmapConstraintsForm(
        request.POST or None,
        years=masterplan.years,
        opds=list(region.opds.filter(is_active=True)),
        initial=pforms.RoadmapConstraintsForm.initial_for(masterplan),
    )
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form,
            lambda: actions.do_set_roadmap_constraints(
                request.user,
                region,
                budget_ceilings=form.ceilings(),
                source_ceilings=form.source_ceilings(),
                opd_capacity=form.cleaned_data["opd_capacity"],
                opd_capacities=form.capacities(),
            ),
        )
        is not None
    ):
        messages.success(request, _("Roadmap constraints saved."))
        return redirect("planning:roadmap", code=region.code)
    return _roadmap_page(request, region, masterplan, can_edit, form)


def _roadmap_page(
    request: HttpRequest,
    region: Region,
    masterplan: Masterplan,
    can_edit: bool,
    form: pforms.RoadmapConstraintsForm | None = None,
    status: int | None = None,
) -> HttpResponse:
    if form is None:
        form = pforms.RoadmapConstraintsForm(
            years=masterplan.years,
            opds=list(region.opds.filter(is_active=True)),
            initial=pforms.RoadmapConstraintsForm.initial_for(masterplan),
        )
    items = Initiative.objects.filter(region=region).exclude(status=Initiative.Status.CANCELLED)
    pins = [
        (
            i,
            pforms.PinForm(
                years=masterplan.years, initial={"year": i.pinned_start_year}, auto_id=f"pin_{i.pk}_%s"
            ),
        )
        for i in items
    ]
    runs = RoadmapRun.objects.filter(region=region)[:10]
    context = {
        "region": region,
        "masterplan": masterplan,
        "form": form,
        "pins": pins,
        "runs": runs,
        "run_form": pforms.RunForm(),
        "can_edit": can_edit,
        "sources": FundingSource.choices,
    }
    response = _page(request, "roadmap.html", context, form)
    if status is not None:
        response.status_code = status
    return response


@login_required
@require_POST
def roadmap_start(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    if not can_edit:
        return _forbidden(request, region)
    form = pforms.RunForm(request.POST)
    time_limit = form.cleaned_data["time_limit"] if form.is_valid() else 10.0
    try:
        run = actions.do_start_roadmap_run(request.user, region, time_limit=time_limit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _roadmap_page(request, region, _masterplan(region), can_edit, status=400)
    messages.success(request, _("The roadmap is being optimised."))
    return redirect(run.get_absolute_url())


@login_required
@require_POST
def roadmap_pin(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(Initiative, region, initiative_id)
    if not can_edit:
        return _forbidden(request, region)
    masterplan = masterplan_of(region)
    if masterplan is None:
        return _needs_profile(request, region)
    form = pforms.PinForm(request.POST, years=masterplan.years)
    try:
        if not form.is_valid():
            raise ValidationError(_("Choose a year of the masterplan period."))
        actions.do_pin_start(request.user, item, form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return _roadmap_page(request, region, masterplan, can_edit, status=400)
    if item.pinned_start_year:
        messages.success(
            request,
            _("%(code)s pinned to start in %(year)s.") % {"code": item.code, "year": item.pinned_start_year},
        )
    else:
        messages.success(request, _("%(code)s is no longer pinned.") % {"code": item.code})
    return redirect("planning:roadmap", code=region.code)


@planning_view
def roadmap_run(request: HttpRequest, code: str, run_id: int) -> HttpResponse:
    region, _can_edit = _region(request, code)
    run = get_in_region(RoadmapRun, region, run_id)
    context: dict[str, Any] = {"region": region, "run": run}
    if run.state == RoadmapRun.State.DONE and run.result:
        details = run.details.get("initiatives", {})
        used = sorted(
            {d["dimension"] for d in details.values()}, key=[c for c, _n in reference.dimensions()].index
        )
        context.update(
            {
                "outcomes": reports.outcomes(run),
                "infeasibility": reports.infeasibility(run),
                "schedule": [
                    (c, details.get(c, {}).get("name", ""), y, y + _duration(run, c) - 1)
                    for c, y in run.result.get("schedule_years", {}).items()
                ],
                "chart_dimensions": [(c, reference.dimension_label(c)) for c in used],
                "gap_percent": (run.result.get("gap") or 0) * 100,
            }
        )
    return _page(request, "roadmap_run.html", context)


def _duration(run: RoadmapRun, code: str) -> int:
    return next(int(i["duration"]) for i in run.instance["initiatives"] if i["id"] == code)


def _finished_run(request: HttpRequest, code: str, run_id: int) -> RoadmapRun:
    region, _can_edit = _region(request, code)
    run = get_in_region(RoadmapRun, region, run_id)
    if run.state != RoadmapRun.State.DONE:
        raise Http404
    return run


@login_required
def roadmap_gantt(request: HttpRequest, code: str, run_id: int, dimension: str) -> HttpResponse:
    run = _finished_run(request, code, run_id)
    if dimension != "semua" and dimension not in dict(reference.dimensions()):
        raise Http404
    selected = None if dimension == "semua" else dimension
    title = reference.dimension_label(dimension) if selected else _("All dimensions")
    legend = {"scheduled": _("scheduled"), "deferred": _("deferred"), "pinned": _("pinned")}
    png = charts.gantt_png(
        reports.gantt_bars(run, selected), *reports.period_of(run), title=title, legend=legend
    )
    return HttpResponse(png, content_type="image/png")


@login_required
def roadmap_budget(request: HttpRequest, code: str, run_id: int) -> HttpResponse:
    run = _finished_run(request, code, run_id)
    png = charts.budget_png(
        reports.spend_by_year_and_source(run),
        title=_("Budget per year by funding source"),
        unit=_("million rupiah"),
        source_labels={k: str(v) for k, v in FundingSource.choices},
        ceilings=reports.ceilings_of(run),
        ceiling_label=_("ceiling"),
    )
    return HttpResponse(png, content_type="image/png")


# ----------------------------------------------------------------- quick wins


def _criteria_initial(masterplan: Masterplan) -> dict[str, Any]:
    return {
        "max_years": masterplan.qw_max_years,
        "cost_ceiling": masterplan.qw_cost_ceiling,
        "citizen_benefit": masterplan.qw_citizen_benefit,
        "min_readiness": masterplan.qw_min_readiness,
    }


@planning_view
def quickwins(request: HttpRequest, code: str) -> HttpResponse:
    region, can_edit = _region(request, code)
    masterplan = _masterplan(region)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    form = pforms.QuickWinCriteriaForm(request.POST or None, initial=_criteria_initial(masterplan))
    if (
        request.method == "POST"
        and form.is_valid()
        and _attempt(
            form, lambda: actions.do_set_quick_win_criteria(request.user, region, **form.cleaned_data)
        )
        is not None
    ):
        messages.success(request, _("Quick Win criteria saved."))
        return redirect("planning:quickwins", code=region.code)
    return _quickwins_page(request, region, masterplan, can_edit, form)


def _quickwins_page(
    request: HttpRequest,
    region: Region,
    masterplan: Masterplan,
    can_edit: bool,
    form: pforms.QuickWinCriteriaForm,
    status: int | None = None,
) -> HttpResponse:
    ranking, items = current_prioritisation(region)
    priority = {r.id: r.score for r in ranking.ranking} if ranking else {}
    criteria = QuickWinCriteria(
        masterplan.qw_max_years,
        masterplan.qw_cost_ceiling,
        masterplan.qw_citizen_benefit,
        float(masterplan.qw_min_readiness) if masterplan.qw_min_readiness is not None else None,
    )
    chosen = {qw.initiative_id for qw in QuickWin.objects.filter(region=region)}
    candidates = [
        Candidate(
            i.code,
            i.start_year,
            i.duration,
            i.budget_total(),
            i.citizen_benefit,
            i.scores.get("readiness"),
            priority.get(i.code, 0.0),
        )
        for i in items
        if i.pk not in chosen
    ]
    by_code = {i.code: i for i in items}
    failed_labels = {
        "finish": _("finishes too late"),
        "cost": _("costs too much"),
        "citizen_benefit": _("no direct citizen benefit"),
        "readiness": _("readiness too low"),
    }
    assessed = [
        {
            "item": by_code[a.candidate.id],
            "qualifies": a.qualifies,
            "priority": a.candidate.priority,
            "failed": [failed_labels[f] for f in a.failed],
        }
        for a in quick_win_candidates(candidates, criteria, masterplan.period_start)
    ]
    response = _page(
        request,
        "quickwins.html",
        {
            "region": region,
            "masterplan": masterplan,
            "form": form,
            "assessed": assessed,
            "can_edit": can_edit,
            "select_form": pforms.SelectQuickWinForm(years=masterplan.years),
            "selected": QuickWin.objects.filter(region=region).select_related("initiative", "owner"),
        },
        form,
    )
    if status is not None:
        response.status_code = status
    return response


@login_required
@require_POST
def quickwin_select(request: HttpRequest, code: str, initiative_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(Initiative, region, initiative_id)
    if not can_edit:
        return _forbidden(request, region)
    masterplan = masterplan_of(region)
    if masterplan is None:
        return _needs_profile(request, region)
    form = pforms.SelectQuickWinForm(request.POST, years=masterplan.years)
    try:
        if not form.is_valid():
            raise ValidationError(_("Quick Wins are chosen for the first or second year of the period."))
        quick_win = actions.do_select_quick_win(request.user, item, year=form.cleaned_data["year"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        criteria_form = pforms.QuickWinCriteriaForm(initial=_criteria_initial(masterplan))
        return _quickwins_page(request, region, masterplan, can_edit, criteria_form, status=400)
    messages.success(
        request, _("“%(name)s” is a Quick Win for %(year)s.") % {"name": item.name, "year": quick_win.year}
    )
    return redirect(quick_win.get_absolute_url())


@planning_view
def quickwin(request: HttpRequest, code: str, quickwin_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    item = get_in_region(QuickWin, region, quickwin_id)
    masterplan = _masterplan(region)
    if request.method == "POST" and not can_edit:
        return _forbidden(request, region)
    is_risk = request.POST.get("form") == "risk"
    initial = {
        "brand": item.brand,
        "owner": item.owner_id,
        "year": item.year,
        "steps": item.steps,
        "targets": item.targets,
    }
    form = pforms.QuickWinForm(
        request.POST if request.method == "POST" and not is_risk else None,
        region=region,
        years=masterplan.years,
        initial=initial,
    )
    risk_form = pforms.RiskForm(request.POST if is_risk else None)
    if request.method == "POST" and not is_risk and form.is_valid():
        if _attempt(form, lambda: actions.do_save_quick_win_profile(request.user, item, **form.cleaned_data)):
            messages.success(request, _("Quick Win profile saved."))
            return redirect(item.get_absolute_url())
    if is_risk and risk_form.is_valid():
        if _attempt(risk_form, lambda: actions.do_add_risk(request.user, item, **risk_form.cleaned_data)):
            messages.success(request, _("Risk added."))
            return redirect(item.get_absolute_url())
    return _page(
        request,
        "quickwin.html",
        {
            "region": region,
            "item": item,
            "form": form,
            "risk_form": risk_form,
            "risks": item.risks.all(),
            "can_edit": can_edit,
        },
        form,
        risk_form,
    )


@login_required
@require_POST
def quickwin_remove(request: HttpRequest, code: str, quickwin_id: int) -> HttpResponse:
    return _simple_delete(
        request,
        code,
        QuickWin,
        quickwin_id,
        actions.do_remove_quick_win,
        _("Quick Win removed."),
        "planning:quickwins",
    )


@login_required
@require_POST
def risk_delete(request: HttpRequest, code: str, risk_id: int) -> HttpResponse:
    region, can_edit = _region(request, code)
    risk = get_in_region(Risk, region, risk_id)
    if not can_edit:
        return _forbidden(request, region)
    actions.do_delete_risk(request.user, risk)
    messages.success(request, _("Risk deleted."))
    return redirect(risk.quick_win.get_absolute_url())

"""Pages of the roadmap: constraints and pins, optimiser runs with their explanation and charts."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _

from kotacerdas.jobs.liveness import sweep
from kotacerdas.planning import reference, reports
from kotacerdas.planning.access import get_in_region, masterplan_page
from kotacerdas.planning.models import FundingSource, Initiative, Masterplan, RoadmapRun
from kotacerdas.planning.pages import needs_masterplan, post_only
from kotacerdas.planning.roadmap import actions, charts
from kotacerdas.planning.roadmap.forms import PinForm, RoadmapConstraintsForm, RunForm
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage

Page = RegionPage[Region]


def _constraints_form(page: Page, masterplan: Masterplan, data: Any = None) -> RoadmapConstraintsForm:
    return RoadmapConstraintsForm(
        data,
        years=masterplan.years,
        opds=list(page.region.opds.filter(is_active=True)),
        initial=RoadmapConstraintsForm.initial_for(masterplan),
    )


@needs_masterplan
def roadmap(page: Page, masterplan: Masterplan) -> HttpResponse:
    form = _constraints_form(page, masterplan, page.post)
    saved = page.save(
        form,
        lambda data: actions.do_set_roadmap_constraints(
            page.user,
            page.region,
            budget_ceilings=form.ceilings(),
            source_ceilings=form.source_ceilings(),
            opd_capacity=data["opd_capacity"],
            opd_capacities=form.capacities(),
        ),
        _("Roadmap constraints saved."),
    )
    return saved or _roadmap_page(page, masterplan, form)


def _roadmap_page(
    page: Page, masterplan: Masterplan, form: RoadmapConstraintsForm, *, refused: bool = False
) -> HttpResponse:
    """The roadmap page; ``refused`` when a button's action was refused (its message is flashed)."""
    items = Initiative.objects.filter(region=page.region).exclude(status=Initiative.Status.CANCELLED)
    pins = [
        (i, PinForm(years=masterplan.years, initial={"year": i.pinned_start_year}, auto_id=f"pin_{i.pk}_%s"))
        for i in items
    ]
    context = {
        "masterplan": masterplan,
        "form": form,
        "pins": pins,
        "runs": _runs(page),
        "run_form": RunForm(),
        "sources": FundingSource.choices,
    }
    response = page.render("planning/roadmap.html", context, form)
    if refused:
        response.status_code = 400
    return response


def _runs(page: Page) -> list[RoadmapRun]:
    sweep(RoadmapRun, region=page.region)  # a run whose worker died is listed failed, not running
    return list(RoadmapRun.objects.filter(region=page.region)[:10])


@needs_masterplan
@post_only
def roadmap_start(page: Page, masterplan: Masterplan) -> HttpResponse:
    form = RunForm(page.post)
    time_limit = form.cleaned_data["time_limit"] if form.is_valid() else 10.0
    run = page.run(
        lambda: actions.do_start_roadmap_run(page.user, page.region, time_limit=time_limit),
        # the run page shows whether it is still running; this message stays true after it finishes
        lambda started: _("Roadmap run #%(n)d started.") % {"n": started.pk},
    )
    if isinstance(run, Failed):
        return _roadmap_page(page, masterplan, _constraints_form(page, masterplan), refused=True)
    return redirect(run.get_absolute_url())


def _pinned_message(item: Initiative) -> str:
    if item.pinned_start_year:
        return _("%(code)s pinned to start in %(year)s.") % {
            "code": item.code,
            "year": item.pinned_start_year,
        }
    return _("%(code)s is no longer pinned.") % {"code": item.code}


@needs_masterplan
@post_only
def roadmap_pin(page: Page, masterplan: Masterplan, initiative_id: int) -> HttpResponse:
    item = get_in_region(Initiative, page.region, initiative_id)
    form = PinForm(page.post, years=masterplan.years)
    if form.is_valid():
        pinned = page.run(
            lambda: actions.do_pin_start(page.user, item, form.cleaned_data["year"]), _pinned_message
        )
        if not isinstance(pinned, Failed):
            return redirect("planning:roadmap", code=page.region.code)
    else:
        messages.error(page.request, _("Choose a year of the masterplan period."))
    return _roadmap_page(page, masterplan, _constraints_form(page, masterplan), refused=True)


@masterplan_page
def roadmap_run(page: Page, run_id: int) -> HttpResponse:
    sweep(RoadmapRun, region=page.region, pk=run_id)
    run = get_in_region(RoadmapRun, page.region, run_id)
    context: dict[str, Any] = {"run": run}
    if run.state == RoadmapRun.State.DONE and run.result:
        context.update(_run_results(run, run.result))
    return page.render("planning/roadmap_run.html", context)


def _run_results(run: RoadmapRun, result: dict[str, Any]) -> dict[str, Any]:
    """A finished run as the page shows it: outcomes with reasons, the schedule, one chart a dimension."""
    details = run.details.get("initiatives", {})
    order = [code for code, _label in reference.dimensions()]
    used = sorted({d["dimension"] for d in details.values()}, key=order.index)
    durations = {i["id"]: int(i["duration"]) for i in run.instance["initiatives"]}
    return {
        "outcomes": reports.outcomes(run),
        "infeasibility": reports.infeasibility(run),
        "schedule": [
            (code, details.get(code, {}).get("name", ""), year, year + durations[code] - 1)
            for code, year in result.get("schedule_years", {}).items()
        ],
        "chart_dimensions": [(code, reference.dimension_label(code)) for code in used],
        "gap_percent": (result.get("gap") or 0) * 100,
    }


def _finished_run(page: Page, run_id: int) -> RoadmapRun:
    run = get_in_region(RoadmapRun, page.region, run_id)
    if run.state != RoadmapRun.State.DONE:
        raise Http404
    return run


@masterplan_page
def roadmap_gantt(page: Page, run_id: int, dimension: str) -> HttpResponse:
    run = _finished_run(page, run_id)
    if dimension != "semua" and dimension not in dict(reference.dimensions()):
        raise Http404
    selected = None if dimension == "semua" else dimension
    title = reference.dimension_label(dimension) if selected else _("All dimensions")
    legend = {"scheduled": _("scheduled"), "deferred": _("deferred"), "pinned": _("pinned")}
    png = charts.gantt_png(
        reports.gantt_bars(run, selected), *reports.period_of(run), title=title, legend=legend
    )
    return HttpResponse(png, content_type="image/png")


@masterplan_page
def roadmap_budget(page: Page, run_id: int) -> HttpResponse:
    run = _finished_run(page, run_id)
    png = charts.budget_png(
        reports.spend_by_year_and_source(run),
        title=_("Budget per year by funding source"),
        unit=_("million rupiah"),
        source_labels={k: str(v) for k, v in FundingSource.choices},
        ceilings=reports.ceilings_of(run),
        ceiling_label=_("ceiling"),
    )
    return HttpResponse(png, content_type="image/png")

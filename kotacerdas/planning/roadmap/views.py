"""Pages of the roadmap: constraints and pins, optimiser runs with their explanation, the combined chart."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.db.models.fields.json import KT
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.core.formatting import rupiah
from kotacerdas.core.plan import PlanOfRecord
from kotacerdas.jobs.liveness import sweep
from kotacerdas.planning import reports
from kotacerdas.planning.access import get_in_region, masterplan_page
from kotacerdas.planning.checks import TargetsOutsidePlan, finding_lines, kpi_targets_outside_plan
from kotacerdas.planning.models import FundingSource, Initiative, Masterplan, RoadmapRun
from kotacerdas.planning.pages import needs_masterplan, post_only
from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.chart import roadmap_chart
from kotacerdas.planning.roadmap.forms import PinForm, RoadmapConstraintsForm, RunForm
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.planning.roadmap.plan_xlsx import plan_workbook
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage
from kotacerdas.web.params import parse_int

Page = RegionPage[Region]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


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
    page: Page,
    masterplan: Masterplan,
    form: RoadmapConstraintsForm,
    *,
    refused: bool = False,
    run_form: RunForm | None = None,
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
        "run_form": run_form or RunForm(),
        "sources": FundingSource.choices,
        **plan_context(plan_of_record(page.region)),
        **target_shift_context(page.region),
        "roadmap_chart": roadmap_chart(page.region),
    }
    response = page.render("planning/roadmap.html", context, form)
    if refused:
        response.status_code = 400
    return response


def _runs(page: Page) -> list[RoadmapRun]:
    sweep(RoadmapRun, region=page.region)  # a run whose worker died is listed failed, not running
    # A line shows the run's state and its result's status: the instance, the details and the schedule
    # (every initiative's years, hundreds of KB at 300 initiatives) stay unread.
    runs = RoadmapRun.objects.filter(region=page.region).defer("instance", "details", "result")
    return list(runs.annotate(result_status=KT("result__status"))[:10])


@needs_masterplan
@post_only
def roadmap_start(page: Page, masterplan: Masterplan) -> HttpResponse:
    form = RunForm(page.post)
    if not form.is_valid():  # refused and shown, never silently replaced by the default
        return _roadmap_page(
            page, masterplan, _constraints_form(page, masterplan), refused=True, run_form=form
        )
    time_limit = form.cleaned_data["time_limit"]
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
    plan = plan_of_record(page.region)
    context: dict[str, Any] = {
        "run": run,
        "adoptable": run.state == RoadmapRun.State.DONE
        and (run.result or {}).get("status") in actions.ADOPTABLE,
        "is_plan_of_record": plan is not None and plan.run_id == run.pk,
        "seconds_running": run.seconds_running(timezone.now()),
    }
    if run.state == RoadmapRun.State.DONE and run.result:
        context.update(_run_results(run, run.result))
        context["roadmap_chart"] = roadmap_chart(page.region, run=run)
    return page.render("planning/roadmap_run.html", context)


def plan_context(plan: PlanOfRecord | None) -> dict[str, Any]:
    """The plan of record as the pages show it: rows with years and cost, totals against the pagu."""
    if plan is None:
        return {"plan": None}
    totals = plan.totals_by_year()
    return {
        "plan": plan,
        "plan_rows": [(i, rupiah(i.total_cost)) for i in plan.initiatives],
        "plan_years": [
            (
                year,
                rupiah(total),
                rupiah(plan.ceilings[year]) if year in plan.ceilings else "–",
                year in plan.ceilings and total > plan.ceilings[year],
            )
            for year, total in totals.items()
        ],
    }


@needs_masterplan
@post_only
def roadmap_adopt(page: Page, masterplan: Masterplan, run_id: int) -> HttpResponse:
    run = get_in_region(RoadmapRun, page.region, run_id)
    page.run(
        lambda: actions.do_adopt_roadmap_run(page.user, run),
        _("Run #%(n)s is adopted as the plan of record.") % {"n": run.pk},
    )
    return redirect("planning:roadmap", code=page.region.code)


@needs_masterplan
@post_only
def roadmap_confirm(page: Page, masterplan: Masterplan) -> HttpResponse:
    page.run(
        lambda: actions.do_confirm_schedule(page.user, page.region),
        _("The entered schedule is adopted as the plan of record."),
    )
    return redirect("planning:roadmap", code=page.region.code)


def _run_results(run: RoadmapRun, result: dict[str, Any]) -> dict[str, Any]:
    """A finished run as the page shows it: outcomes with reasons and the schedule."""
    details = run.details.get("initiatives", {})
    durations = {i["id"]: int(i["duration"]) for i in run.instance["initiatives"]}
    return {
        "outcomes": reports.outcomes(run),
        "infeasibility": reports.infeasibility(run),
        "schedule": [
            (code, details.get(code, {}).get("name", ""), year, year + durations[code] - 1)
            for code, year in result.get("schedule_years", {}).items()
        ],
        "gap_percent": (result.get("gap") or 0) * 100,
    }


@masterplan_page
def roadmap_plan_xlsx(page: Page) -> HttpResponse:
    """The plan of record as a workbook (schedule, yearly totals against the pagu, what is left out)."""
    response = HttpResponse(plan_workbook(plan_of_record(page.region)), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="rencana-{page.region.code}.xlsx"'
    return response


def target_shift_context(region: Region) -> dict[str, Any]:
    """The KPIs with targets outside the adopted roadmap: the findings with links to fix them, and per
    initiative the KPIs a shift can move (with the versions the shift form carries)."""
    outside = kpi_targets_outside_plan(region)
    groups: dict[int, list[TargetsOutsidePlan]] = {}
    for o in outside:
        if o.shift is not None:
            groups.setdefault(o.initiative.pk, []).append(o)
    return {
        "kpi_findings": finding_lines(o.finding() for o in outside),
        "target_shifts": [(rows[0].initiative, rows[0].shift, rows) for rows in groups.values()],
        "target_shift_plan": outside[0].plan_id if outside else None,
    }


@needs_masterplan
@post_only
def roadmap_shift_targets(page: Page, masterplan: Masterplan) -> HttpResponse:
    """Shift the KPI targets of one initiative (``initiative``) or of all flagged ones to the roadmap."""
    post = page.post or {}
    back = "planning:overview" if post.get("back") == "overview" else "planning:roadmap"
    plan_id = parse_int(post.get("plan", ""))
    versions = {
        kpi: version
        for name, value in post.items()
        if name.startswith("kpi-")
        and (kpi := parse_int(name[4:])) is not None
        and (version := parse_int(value)) is not None
    }
    initiative_id = parse_int(post.get("initiative", ""))
    if plan_id is None or not versions or (post.get("initiative") and initiative_id is None):
        messages.error(page.request, _("Reload the page and press the button again."))
        return redirect(back, code=page.region.code)
    initiative = get_in_region(Initiative, page.region, initiative_id) if initiative_id else None
    page.run(
        lambda: actions.do_shift_kpi_targets(
            page.user, page.region, plan_id=plan_id, versions=versions, initiative=initiative
        ),
        actions.shifted_message,
    )
    return redirect(back, code=page.region.code)

"""The combined roadmap chart of a region: the plan of record against the latest run, as the page's data.

The pure builder (:func:`kotacerdas.core.roadmap_chart.chart_data`) takes schedules in the plan of
record's shape; this module turns a finished roadmap run into that shape (the run keeps amounts in juta
rupiah, the plan whole rupiah) and passes the words in the reader's language.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord
from kotacerdas.core.roadmap_chart import ChartText, chart_data
from kotacerdas.planning import reference, reports
from kotacerdas.planning.models import RoadmapRun
from kotacerdas.planning.roadmap.plan import plan_of_record
from kotacerdas.regions.models import Region

MILLION = 1_000_000


def run_schedule(run: RoadmapRun) -> PlanOfRecord:
    """A finished run's schedule in the plan of record's shape (not adopted: nobody signed it)."""
    first, last = reports.period_of(run)
    items = {item["id"]: item for item in run.instance["initiatives"]}
    details = run.details.get("initiatives", {})
    planned = []
    for code, start in ((run.result or {}).get("schedule_years") or {}).items():
        item, detail = items[code], details.get(code, {})
        cost = {
            source: {
                start + offset: round(amount * MILLION) for offset, amount in enumerate(values) if amount
            }
            for source, values in detail.get("per_source", {}).items()
        }
        planned.append(
            PlannedInitiative(
                code=code,
                name=detail.get("name") or item.get("name", ""),
                dimension=detail.get("dimension", ""),
                owner=detail.get("opd", ""),
                start_year=start,
                end_year=start + int(item["duration"]) - 1,
                cost_by_source=cost,
                predecessors=tuple(item.get("predecessors", ())),
            )
        )
    ceilings = {year: round(amount * MILLION) for year, amount in reports.ceilings_of(run).items()}
    return PlanOfRecord(
        adopted_at=run.created_at,
        adopted_by="",
        run_id=run.pk,
        input_hash=run.inputs_hash,
        period=(first, last),
        ceilings=ceilings,
        initiatives=tuple(planned),
    )


def adopted_plan(region: Region) -> PlanOfRecord | None:
    """The region's plan of record (what the page and the books draw against the latest run)."""
    return plan_of_record(region)


def book_chart(region: Region) -> dict[str, Any] | None:
    """The books' roadmap chart: the plan of record alone (what the region signs), in Indonesian."""
    plan = adopted_plan(region)
    if plan is None:
        return None
    return chart_data(
        plan,
        dimension_order=[code for code, _label in reference.dimensions()],
        dimension_labels=dict(reference.dimensions()),
    )


def chart_text() -> ChartText:
    return ChartText(
        title=_("Roadmap"),
        adopted=_("Adopted plan"),
        latest=_("Latest optimiser run"),
        latest_only=_("Latest optimiser run (not adopted yet)"),
        budget=_("Budget per year"),
        ceiling=_("Ceiling (pagu)"),
        over_ceiling=_("over the ceiling"),
        not_in_plan=_("not in the adopted plan"),
        not_in_latest=_("not scheduled by the latest run"),
        no_ceiling=_("no ceiling"),
        unit=_("billion rupiah"),
    )


def roadmap_chart(
    region: Region, adopted: PlanOfRecord | None = None, run: RoadmapRun | None = None
) -> dict[str, Any] | None:
    """The chart's data: the adopted plan against the latest finished run, or that run alone before an
    adoption; None when there is neither."""
    adopted = adopted if adopted is not None else adopted_plan(region)
    run = run or reports.latest_roadmap_run(region)
    latest = run_schedule(run) if run and (run.result or {}).get("schedule_years") else None
    if adopted is None and latest is None:
        return None
    if adopted is not None and latest is not None and latest.run_id == adopted.run_id:
        latest = None  # the plan was adopted from this very run: nothing to compare
    options: dict[str, Any] = {
        "dimension_order": [code for code, _label in reference.dimensions()],
        "dimension_labels": dict(reference.dimensions()),
        "text": chart_text(),
    }
    if adopted is not None:
        return chart_data(adopted, latest, adopted=True, **options)
    assert latest is not None
    return chart_data(latest, adopted=False, **options)

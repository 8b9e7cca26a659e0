"""Read-only views of a region's masterplan as plain values, for pages, charts and the books.

Functions the books can call (all take records that came through the access getters):

* :func:`latest_roadmap_run` (region) - the newest finished roadmap run, or None.
* :func:`period_of` (run) - (first year, last year).
* :func:`spend_by_year_and_source` (run) - {year: {source: juta rupiah}} of the schedule.
* :func:`ceilings_of` (run) - {year: juta rupiah} of the yearly ceilings the run respected.
* :func:`outcomes` (run) - every initiative's outcome with Indonesian reasons.
* :func:`masterplan_summary` (region) - profile, problems, SWOT, statements, initiatives with KPIs,
  budgets and Quick Wins with risks, as dicts.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.planning import reference
from kotacerdas.planning.access import masterplan_of
from kotacerdas.planning.checks import source_name
from kotacerdas.planning.models import (
    Initiative,
    KeyIndicator,
    Problem,
    ProgrammeMapping,
    QuickWin,
    RoadmapRun,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Region


def latest_roadmap_run(region: Region) -> RoadmapRun | None:
    return RoadmapRun.objects.filter(region=region, state=RoadmapRun.State.DONE).first()


def period_of(run: RoadmapRun) -> tuple[int, int]:
    start = int(run.instance["start_year"])
    return start, start + int(run.instance["horizon_years"]) - 1


def _initiatives(run: RoadmapRun) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in run.instance["initiatives"]}


def spend_by_year_and_source(run: RoadmapRun) -> dict[int, dict[str, float]]:
    first, last = period_of(run)
    spend: dict[int, dict[str, float]] = {year: defaultdict(float) for year in range(first, last + 1)}
    details = run.details.get("initiatives", {})
    for code, year in ((run.result or {}).get("schedule_years") or {}).items():
        for source, values in details.get(code, {}).get("per_source", {}).items():
            for offset, amount in enumerate(values):
                if year + offset in spend:
                    spend[year + offset][source] += amount
    return {year: dict(values) for year, values in spend.items()}


def ceilings_of(run: RoadmapRun) -> dict[int, float]:
    """The yearly total ceilings of the run (juta rupiah); years without a ceiling are left out."""
    first, _last = period_of(run)
    return {first + i: float(v) for i, v in enumerate(run.instance["budget"]) if float(v) < 1e11}


def no_scores_reason() -> str:
    return _(
        "It has no priority scores, so the plan gains no benefit from it; "
        "enter its scores under Prioritisation and run again."
    )


def reason_text(reason: dict[str, Any], opds: dict[str, str]) -> str:
    """An Indonesian sentence for a core Reason (as its dict) why an initiative waits or is dropped."""
    year = reason.get("year", "")
    kind = reason.get("constraint")
    if kind == "budget" and reason.get("source"):
        return _("The %(source)s budget ceiling in %(year)s is used up.") % {
            "source": source_name(str(reason["source"])),
            "year": year,
        }
    if kind == "budget":
        return _("The budget ceiling in %(year)s is used up.") % {"year": year}
    if kind == "agency_capacity":
        opd = opds.get(str(reason.get("agency")), reason.get("agency"))
        return _("%(opd)s already runs as many initiatives as it can in %(year)s.") % {
            "opd": opd,
            "year": year,
        }
    if kind == "predecessor":
        return _("It waits for its predecessor %(code)s to finish.") % {"code": reason.get("initiative")}
    if kind == "horizon":
        return _("It cannot finish inside the masterplan period.")
    if kind == "earliest_start":
        return _("Its earliest start year has not been reached.")
    if kind == "objective":
        return _("It could start in %(year)s, but that would not add benefit.") % {"year": year}
    return str(reason.get("message", ""))


def outcomes(run: RoadmapRun) -> list[dict[str, Any]]:
    """Deferred and dropped initiatives with the reasons in Bahasa Indonesia (per active language)."""
    opds = run.details.get("opds", {})
    details = run.details.get("initiatives", {})
    items = _initiatives(run)
    rows = []
    for kind in ("deferred", "dropped"):
        for outcome in (run.result or {}).get(kind, []):
            reasons = [reason_text(r, opds) for r in outcome.get("reasons", [])]
            if details.get(outcome["id"], {}).get("unscored"):  # the real reason, not the pagu
                reasons = [no_scores_reason()]
            rows.append(
                {
                    "code": outcome["id"],
                    "name": items.get(outcome["id"], {}).get("name", ""),
                    "outcome": kind,
                    "start_year": outcome.get("start_year"),
                    "reasons": list(dict.fromkeys(reasons)),
                }
            )
    return rows


def infeasibility(run: RoadmapRun) -> list[str]:
    """Why the mandatory and pinned initiatives cannot all be scheduled, in the active language."""
    opds = run.details.get("opds", {})
    return [reason_text(r, opds) for r in (run.result or {}).get("infeasible_because", [])]


def masterplan_summary(region: Region) -> dict[str, Any]:
    masterplan = masterplan_of(region)
    initiatives = (
        Initiative.objects.filter(region=region)
        .select_related("owner")
        .prefetch_related("budget_lines", "kpis", "predecessors", "problems")
    )
    return {
        "masterplan": masterplan,
        "indicators": list(KeyIndicator.objects.filter(region=region)),
        "problems": list(Problem.objects.filter(region=region).prefetch_related("opds")),
        "swot": list(SwotItem.objects.filter(region=region)),
        "statements": list(Statement.objects.filter(region=region)),
        "programmes": list(ProgrammeMapping.objects.filter(region=region).select_related("goal", "opd")),
        "initiatives": list(initiatives),
        "quick_wins": list(QuickWin.objects.filter(region=region).prefetch_related("risks")),
        "dimensions": reference.dimensions(),
        "roadmap": latest_roadmap_run(region),
    }

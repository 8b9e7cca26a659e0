"""Adapter between the region's records and the core roadmap optimiser (roadmap/v1).

Amounts go to the optimiser in juta rupiah (millions) to keep the model well
scaled; benefits are the initiatives' priority scores (x100) when weights and
scores exist, otherwise 1 each. The discount rate makes an earlier finish worth
a little more, so the optimiser does not defer without a reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from kotacerdas.core.prioritisation import (
    DEFAULT_CRITERIA,
    Prioritisation,
    PrioritisationError,
    prioritise,
    roadmap_benefits,
)
from kotacerdas.core.roadmap import FORMAT, Reason
from kotacerdas.planning.actions import require_masterplan
from kotacerdas.planning.models import Initiative, Masterplan
from kotacerdas.regions.models import Region

DISCOUNT_RATE = 0.05
MILLION = Decimal(1_000_000)
RECIPE_VERSION = "planning-roadmap/1"


def agency_id(opd_id: int) -> str:
    return f"opd-{opd_id}"


def initiative_scores(initiative: Initiative) -> dict[str, float] | None:
    """The criterion scores of an initiative, with cost from its budget; None when incomplete."""
    scores = dict(initiative.scores)
    scores["cost"] = float(initiative.budget_total())
    if any(c.id not in scores for c in DEFAULT_CRITERIA):
        return None
    return scores


def current_prioritisation(region: Region) -> tuple[Prioritisation | None, list[Initiative]]:
    """The ranking of every initiative with complete scores under the stored weights."""
    masterplan = require_masterplan(region)
    initiatives = list(
        Initiative.objects.filter(region=region)
        .exclude(status=Initiative.Status.CANCELLED)
        .prefetch_related("budget_lines")
        .select_related("owner")
    )
    scores = {i.code: s for i in initiatives if (s := initiative_scores(i)) is not None}
    if not scores or not masterplan.weights:
        return None, initiatives
    try:
        return prioritise(scores, masterplan.weights, DEFAULT_CRITERIA), initiatives
    except PrioritisationError:
        return None, initiatives


@dataclass
class BuiltInstance:
    document: dict[str, Any]
    details: dict[str, Any]

    def inputs_hash(self, time_limit: float) -> str:
        recipe = {"recipe": RECIPE_VERSION, "instance": self.document, "time_limit": time_limit}
        return hashlib.sha256(json.dumps(recipe, sort_keys=True).encode()).hexdigest()


def _ceilings(values: dict[str, str], masterplan: Masterplan, default: float) -> list[float]:
    return [
        float(Decimal(values[str(y)]) / MILLION) if values.get(str(y)) not in (None, "") else default
        for y in masterplan.years
    ]


def build_instance(region: Region) -> BuiltInstance:
    masterplan = require_masterplan(region)
    prioritisation, initiatives = current_prioritisation(region)
    benefits = roadmap_benefits(prioritisation) if prioritisation else {}
    years = masterplan.years
    unlimited = 1e12
    document: dict[str, Any] = {
        "format": FORMAT,
        "horizon_years": len(years),
        "start_year": masterplan.period_start,
        "discount_weights": [round(1 / (1 + DISCOUNT_RATE) ** t, 6) for t in range(len(years))],
        "budget": _ceilings(masterplan.budget_ceilings, masterplan, unlimited),
        "agencies": [],
        "initiatives": [],
    }
    by_source = {
        source: _ceilings(values, masterplan, unlimited)
        for source, values in masterplan.source_ceilings.items()
    }
    if by_source:
        document["budget_by_source"] = by_source
    agencies: set[int] = set()
    details: dict[str, Any] = {"discount_rate": DISCOUNT_RATE, "unit": "juta rupiah", "initiatives": {}}
    codes = {i.code for i in initiatives}
    for initiative in initiatives:
        agencies.add(initiative.owner_id)
        per_source: dict[str, list[float]] = defaultdict(
            lambda duration=initiative.duration: [0.0] * duration  # type: ignore[misc]
        )
        for line in initiative.budget_lines.all():
            offset = line.year - initiative.start_year
            if 0 <= offset < initiative.duration:
                per_source[line.source][offset] += float(line.amount / MILLION)
        profile = [
            round(sum(values[k] for values in per_source.values()), 6) for k in range(initiative.duration)
        ]
        item: dict[str, Any] = {
            "id": initiative.code,
            "name": initiative.name,
            "agency": agency_id(initiative.owner_id),
            "duration": initiative.duration,
            "cost_profile": profile,
            "benefit": benefits.get(initiative.code, 1.0),
            "mandatory": initiative.mandatory,
            "earliest_start": max(0, (initiative.earliest_start_year or years[0]) - years[0]),
            "predecessors": sorted(p.code for p in initiative.predecessors.all() if p.code in codes),
        }
        if initiative.pinned_start_year is not None:
            item["pinned_start"] = initiative.pinned_start_year - years[0]
        main = max(per_source, key=lambda s: sum(per_source[s]), default=None)
        if main in by_source:
            item["funding_source"] = main
        document["initiatives"].append(item)
        details["initiatives"][initiative.code] = {
            "name": initiative.name,
            "dimension": initiative.dimension,
            "opd": initiative.owner.short_name or initiative.owner.name,
            "planned_start": initiative.start_year,
            "per_source": {source: [round(v, 6) for v in values] for source, values in per_source.items()},
        }
    capacity = masterplan.opd_capacity
    document["agencies"] = [
        {"id": agency_id(pk), "max_concurrent": int(masterplan.opd_capacities.get(str(pk), capacity))}
        for pk in sorted(agencies)
    ]
    details["opds"] = {agency_id(i.owner_id): i.owner.short_name or i.owner.name for i in initiatives}
    return BuiltInstance(document, details)


def reason_text(reason: dict[str, Any], opds: dict[str, str]) -> str:
    """An Indonesian sentence for a core Reason (as its dict)."""
    year = reason.get("year", "")
    kind = reason.get("constraint")
    if kind == "budget" and reason.get("source"):
        return _("The %(source)s budget ceiling in %(year)s is used up.") % {
            "source": reason["source"],
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


__all__ = ["BuiltInstance", "Reason", "build_instance", "current_prioritisation", "reason_text"]

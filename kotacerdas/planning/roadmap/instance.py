"""Adapter between the region's records and the core roadmap optimiser (roadmap/v1).

Amounts go to the optimiser in juta rupiah (millions) to keep the model well
scaled; benefits are the initiatives' priority scores (x100) when weights and
scores exist (0 for an initiative without scores), otherwise 1 each. The discount
rate makes an earlier finish worth a little more, so the optimiser does not defer without a reason.
"""

from __future__ import annotations

import hashlib
import json
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from kotacerdas.core.prioritisation import roadmap_benefits
from kotacerdas.core.roadmap import FORMAT
from kotacerdas.planning.common import require_masterplan
from kotacerdas.planning.models import Masterplan
from kotacerdas.planning.prioritisation.ranking import current_prioritisation
from kotacerdas.regions.models import Region

DISCOUNT_RATE = 0.05
MILLION = Decimal(1_000_000)
RECIPE_VERSION = "planning-roadmap/1"


def agency_id(opd_id: int) -> str:
    return f"opd-{opd_id}"


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
            # with a ranking, an initiative without scores has no known benefit (0): the optimiser does
            # not spend the pagu on it, and the run page says why (reports.outcomes)
            "benefit": benefits.get(initiative.code, 0.0 if benefits else 1.0),
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
            "unscored": bool(benefits) and initiative.code not in benefits,
            "per_source": {source: [round(v, 6) for v in values] for source, values in per_source.items()},
        }
    capacity = masterplan.opd_capacity
    document["agencies"] = [
        {"id": agency_id(pk), "max_concurrent": int(masterplan.opd_capacities.get(str(pk), capacity))}
        for pk in sorted(agencies)
    ]
    details["opds"] = {agency_id(i.owner_id): i.owner.short_name or i.owner.name for i in initiatives}
    return BuiltInstance(document, details)

"""A seeded generator of realistic, budget-tight roadmap instances (for tests and benchmarks).

Shapes follow a kabupaten/kota masterplan: a few dozen OPDs, initiatives of 1-4
years whose spending is front- or back-loaded, roughly a third of initiatives
depending on one or two earlier ones, a handful of mandatory ones (national
programmes, Quick Wins) and benefit per rupiah that varies widely. The yearly
ceiling is a fraction (``tightness``) of what doing everything would cost per
year, so the optimiser must choose.
"""

from __future__ import annotations

import random
from typing import Any

from kotacerdas.core.roadmap.instance import RoadmapInstance, parse_instance

DISCOUNT_RATE = 0.06


def generate_instance(
    initiatives: int,
    years: int = 10,
    seed: int = 0,
    tightness: float = 0.45,
    dependency_share: float = 0.35,
    mandatory_share: float = 0.03,
    with_sources: bool = True,
) -> RoadmapInstance:
    """A reproducible instance: the same arguments always give the same instance."""
    return parse_instance(generate_document(**locals()))


def generate_document(
    initiatives: int,
    years: int = 10,
    seed: int = 0,
    tightness: float = 0.45,
    dependency_share: float = 0.35,
    mandatory_share: float = 0.03,
    with_sources: bool = True,
) -> dict[str, Any]:
    """The roadmap/v1 document behind :func:`generate_instance`."""
    rng = random.Random(seed)
    agency_count = max(2, initiatives // 12)
    items = [_initiative(rng, index, years, agency_count) for index in range(initiatives)]
    _add_dependencies(rng, items, dependency_share)
    _mark_mandatory(rng, items, mandatory_share, years)
    yearly_need = sum(sum(item["cost_profile"]) for item in items) / years
    document: dict[str, Any] = {
        "format": "roadmap/v1",
        "horizon_years": years,
        "start_year": 2026,
        "discount_weights": [round((1 + DISCOUNT_RATE) ** -t, 6) for t in range(years)],
        "budget": [round(yearly_need * tightness * rng.uniform(0.85, 1.15), 1) for _ in range(years)],
        "agencies": [_agency(rng, index, items, years) for index in range(agency_count)],
        "initiatives": items,
    }
    if with_sources:
        # Central transfers (DAK) fund about a fifth of initiatives, under their own ceiling.
        for item in items:
            if rng.random() < 0.2:
                item["funding_source"] = "DAK"
        dak_need = sum(sum(i["cost_profile"]) for i in items if i.get("funding_source") == "DAK") / years
        document["budget_by_source"] = {"DAK": [round(dak_need * tightness * 0.9, 1)] * years}
    return document


def _initiative(rng: random.Random, index: int, years: int, agency_count: int) -> dict[str, Any]:
    duration = min(years, rng.choices([1, 2, 3, 4], weights=[3, 4, 3, 1.5])[0])
    total = round(rng.lognormvariate(1.0, 0.8) * 1000, 0)  # in millions of rupiah
    shares = [rng.uniform(0.5, 1.5) for _ in range(duration)]
    profile = [round(total * share / sum(shares), 1) for share in shares]
    ratio = rng.lognormvariate(0.0, 0.5)
    return {
        "id": f"I{index:03d}",
        "agency": f"OPD{rng.randrange(agency_count):02d}",
        "duration": duration,
        "cost_profile": profile,
        "benefit": round(total * ratio / 100, 2),
        "mandatory": False,
        "earliest_start": rng.choices([0, 1, 2, 3], weights=[7, 1.5, 1, 0.5])[0],
        "predecessors": [],
    }


def _add_dependencies(rng: random.Random, items: list[dict[str, Any]], share: float) -> None:
    # Only earlier initiatives can be predecessors, so the graph stays acyclic.
    for index, item in enumerate(items[1:], start=1):
        if rng.random() < share:
            count = min(index, rng.choice([1, 1, 2]))
            pool = range(max(0, index - 30), index)
            item["predecessors"] = sorted({items[rng.choice(pool)]["id"] for _ in range(count)})


def _mark_mandatory(rng: random.Random, items: list[dict[str, Any]], share: float, years: int) -> None:
    for item in items:
        short_enough = item["earliest_start"] + item["duration"] <= years // 2
        if not item["predecessors"] and short_enough and rng.random() < share * 2:
            item["mandatory"] = True


def _agency(rng: random.Random, index: int, items: list[dict[str, Any]], years: int) -> dict[str, Any]:
    agency_id = f"OPD{index:02d}"
    busy_years = sum(item["duration"] for item in items if item["agency"] == agency_id)
    # About half of what running everything would need, so capacity binds in busy years.
    return {"id": agency_id, "max_concurrent": max(1, round(0.5 * busy_years / years + rng.uniform(0, 1)))}

"""The roadmap/v1 instance: what can be scheduled, with which money and people.

:func:`parse_instance` turns a decoded JSON document into a validated
:class:`RoadmapInstance`; every problem is reported as a
:class:`RoadmapFormatError` naming the field and the initiative. The format is
documented in docs/reference/roadmap-format.md.

Time is a 0-based year index into the horizon: index 0 is ``start_year``. An
initiative starting at ``s`` with duration ``d`` runs in years ``s .. s+d-1``,
spends ``cost_profile[k]`` in year ``s+k`` and yields
``benefit * discount_weights[s+d-1]``.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

FORMAT = "roadmap/v1"


class RoadmapFormatError(ValueError):
    """An instance document that cannot be scheduled as written; the message names the field."""


@dataclass(frozen=True)
class Agency:
    """An OPD (perangkat daerah) that can run at most ``max_concurrent`` initiatives in any year."""

    id: str
    max_concurrent: int


@dataclass(frozen=True)
class Initiative:
    id: str
    agency: str
    duration: int
    cost_profile: tuple[float, ...]
    benefit: float
    mandatory: bool = False
    earliest_start: int = 0
    predecessors: tuple[str, ...] = ()
    # A start year index fixed by the user; a pinned initiative is always scheduled.
    pinned_start: int | None = None
    # The funding source (e.g. "APBD", "DAK") whose ceiling this initiative's cost also counts
    # against; None means it only counts against the total budget.
    funding_source: str | None = None
    name: str = ""

    @property
    def total_cost(self) -> float:
        return sum(self.cost_profile)

    @property
    def must_run(self) -> bool:
        return self.mandatory or self.pinned_start is not None

    def years_running(self, start: int) -> range:
        return range(start, start + self.duration)


@dataclass(frozen=True)
class RoadmapInstance:
    horizon_years: int
    start_year: int
    discount_weights: tuple[float, ...]
    budget: tuple[float, ...]
    agencies: tuple[Agency, ...]
    initiatives: tuple[Initiative, ...]
    budget_by_source: Mapping[str, tuple[float, ...]] = field(default_factory=dict)

    def initiative(self, initiative_id: str) -> Initiative:
        return self._by_id()[initiative_id]

    def agency(self, agency_id: str) -> Agency:
        return next(agency for agency in self.agencies if agency.id == agency_id)

    def year(self, index: int) -> int:
        """The calendar year of a 0-based year index."""
        return self.start_year + index

    def weight_at_finish(self, initiative: Initiative, start: int) -> float:
        return initiative.benefit * self.discount_weights[start + initiative.duration - 1]

    def successors(self) -> dict[str, list[str]]:
        result: dict[str, list[str]] = {initiative.id: [] for initiative in self.initiatives}
        for initiative in self.initiatives:
            for predecessor in initiative.predecessors:
                result[predecessor].append(initiative.id)
        return result

    def _by_id(self) -> dict[str, Initiative]:
        return {initiative.id: initiative for initiative in self.initiatives}


def parse_instance(document: object) -> RoadmapInstance:
    """Validate a decoded roadmap/v1 JSON document."""
    if not isinstance(document, Mapping):
        raise RoadmapFormatError("the instance must be a JSON object")
    declared = document.get("format", FORMAT)
    if declared != FORMAT:
        raise RoadmapFormatError(f"format: expected {FORMAT!r}, got {declared!r}")
    horizon = _positive_int(document, "horizon_years", "instance")
    start_year = _int(document, "start_year", "instance")
    weights = _number_list(document, "discount_weights", "instance", horizon)
    budget = _number_list(document, "budget", "instance", horizon)
    by_source = _budget_by_source(document.get("budget_by_source", {}), horizon)
    agencies = _agencies(document.get("agencies"))
    initiatives = _initiatives(document.get("initiatives"), horizon, {a.id for a in agencies}, by_source)
    instance = RoadmapInstance(horizon, start_year, weights, budget, agencies, initiatives, by_source)
    topological_order(instance)  # rejects cycles
    return instance


def instance_to_document(instance: RoadmapInstance) -> dict[str, Any]:
    """The roadmap/v1 document of an instance (inverse of :func:`parse_instance`)."""
    document: dict[str, Any] = {
        "format": FORMAT,
        "horizon_years": instance.horizon_years,
        "start_year": instance.start_year,
        "discount_weights": list(instance.discount_weights),
        "budget": list(instance.budget),
        "agencies": [{"id": a.id, "max_concurrent": a.max_concurrent} for a in instance.agencies],
        "initiatives": [_initiative_document(initiative) for initiative in instance.initiatives],
    }
    if instance.budget_by_source:
        document["budget_by_source"] = {k: list(v) for k, v in instance.budget_by_source.items()}
    return document


def instance_fingerprint(instance: RoadmapInstance) -> str:
    """SHA-256 of the canonical roadmap/v1 JSON: the same instance always gives the same hash."""
    canonical = json.dumps(instance_to_document(instance), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def topological_order(instance: RoadmapInstance) -> list[Initiative]:
    """Initiatives with every predecessor before its successors; raises on a cycle."""
    by_id = {initiative.id: initiative for initiative in instance.initiatives}
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    order: list[Initiative] = []

    def visit(initiative_id: str, path: list[str]) -> None:
        if state.get(initiative_id) == 2:
            return
        if state.get(initiative_id) == 1:
            cycle = [*path[path.index(initiative_id) :], initiative_id]
            raise RoadmapFormatError(f"predecessors form a cycle: {' needs '.join(cycle)}")
        state[initiative_id] = 1
        for predecessor in by_id[initiative_id].predecessors:
            visit(predecessor, [*path, initiative_id])
        state[initiative_id] = 2
        order.append(by_id[initiative_id])

    for initiative in instance.initiatives:
        visit(initiative.id, [])
    return order


def _initiative_document(initiative: Initiative) -> dict[str, Any]:
    document: dict[str, Any] = {
        "id": initiative.id,
        "agency": initiative.agency,
        "duration": initiative.duration,
        "cost_profile": list(initiative.cost_profile),
        "benefit": initiative.benefit,
        "mandatory": initiative.mandatory,
        "earliest_start": initiative.earliest_start,
        "predecessors": list(initiative.predecessors),
    }
    if initiative.pinned_start is not None:
        document["pinned_start"] = initiative.pinned_start
    if initiative.funding_source is not None:
        document["funding_source"] = initiative.funding_source
    if initiative.name:
        document["name"] = initiative.name
    return document


def _agencies(raw: object) -> tuple[Agency, ...]:
    if not isinstance(raw, list) or not raw:
        raise RoadmapFormatError("agencies: must be a non-empty list of {id, max_concurrent}")
    agencies: list[Agency] = []
    for index, item in enumerate(raw):
        where = f"agencies[{index}]"
        if not isinstance(item, Mapping):
            raise RoadmapFormatError(f"{where}: must be an object")
        agency_id = _identifier(item, where)
        if any(agency.id == agency_id for agency in agencies):
            raise RoadmapFormatError(f"agency {agency_id!r}: duplicate id")
        agencies.append(Agency(agency_id, _positive_int(item, "max_concurrent", f"agency {agency_id!r}")))
    return tuple(agencies)


def _initiatives(
    raw: object, horizon: int, agency_ids: set[str], by_source: Mapping[str, tuple[float, ...]]
) -> tuple[Initiative, ...]:
    if not isinstance(raw, list):
        raise RoadmapFormatError("initiatives: must be a list")
    seen: set[str] = set()
    initiatives: list[Initiative] = []
    for index, item in enumerate(raw):
        if not isinstance(item, Mapping):
            raise RoadmapFormatError(f"initiatives[{index}]: must be an object")
        initiative = _initiative(item, f"initiatives[{index}]", horizon, agency_ids, by_source)
        if initiative.id in seen:
            raise RoadmapFormatError(f"initiative {initiative.id!r}: duplicate id")
        seen.add(initiative.id)
        initiatives.append(initiative)
    for initiative in initiatives:
        for predecessor in initiative.predecessors:
            if predecessor not in seen:
                raise RoadmapFormatError(
                    f"initiative {initiative.id!r}: predecessors: unknown initiative {predecessor!r}"
                )
    return tuple(initiatives)


def _initiative(
    item: Mapping[str, Any],
    where: str,
    horizon: int,
    agency_ids: set[str],
    by_source: Mapping[str, tuple[float, ...]],
) -> Initiative:
    initiative_id = _identifier(item, where)
    where = f"initiative {initiative_id!r}"
    agency = item.get("agency")
    if agency not in agency_ids:
        raise RoadmapFormatError(f"{where}: agency: {agency!r} is not one of the agencies")
    duration = _positive_int(item, "duration", where)
    if duration > horizon:
        raise RoadmapFormatError(
            f"{where}: duration: {duration} years does not fit the {horizon}-year horizon"
        )
    earliest = _int(item, "earliest_start", where, default=0)
    if not 0 <= earliest < horizon:
        raise RoadmapFormatError(f"{where}: earliest_start: {earliest} is outside 0..{horizon - 1}")
    pinned = item.get("pinned_start")
    if pinned is not None:
        pinned = _int(item, "pinned_start", where)
        if not 0 <= pinned <= horizon - duration:
            raise RoadmapFormatError(
                f"{where}: pinned_start: {pinned} must be in 0..{horizon - duration} to finish in the horizon"
            )
    source = item.get("funding_source")
    if source is not None and source not in by_source:
        raise RoadmapFormatError(f"{where}: funding_source: {source!r} has no entry in budget_by_source")
    predecessors = item.get("predecessors", [])
    if not isinstance(predecessors, list) or not all(isinstance(p, str) for p in predecessors):
        raise RoadmapFormatError(f"{where}: predecessors: must be a list of initiative ids")
    if initiative_id in predecessors or len(set(predecessors)) != len(predecessors):
        raise RoadmapFormatError(f"{where}: predecessors: must not repeat ids or name itself")
    mandatory = item.get("mandatory", False)
    if not isinstance(mandatory, bool):
        raise RoadmapFormatError(f"{where}: mandatory: must be true or false")
    name = item.get("name", "")
    if not isinstance(name, str):
        raise RoadmapFormatError(f"{where}: name: must be a string")
    return Initiative(
        id=initiative_id,
        agency=agency,
        duration=duration,
        cost_profile=_number_list(item, "cost_profile", where, duration),
        benefit=_number(item, "benefit", where),
        mandatory=mandatory,
        earliest_start=earliest,
        predecessors=tuple(predecessors),
        pinned_start=pinned,
        funding_source=source,
        name=name,
    )


def _budget_by_source(raw: object, horizon: int) -> dict[str, tuple[float, ...]]:
    if not isinstance(raw, Mapping):
        raise RoadmapFormatError("budget_by_source: must be an object {source: [ceiling per year]}")
    return {
        str(source): _number_list(
            raw, source, "budget_by_source", horizon, field_name=f"budget_by_source.{source}"
        )
        for source in raw
    }


def _identifier(item: Mapping[str, Any], where: str) -> str:
    value = item.get("id")
    if not isinstance(value, str) or not value.strip():
        raise RoadmapFormatError(f"{where}: id: must be a non-empty string")
    return value


def _int(item: Mapping[str, Any], key: str, where: str, default: int | None = None) -> int:
    value = item.get(key, default)
    if isinstance(value, bool) or not isinstance(value, int):
        raise RoadmapFormatError(f"{where}: {key}: must be an integer, got {value!r}")
    return value


def _positive_int(item: Mapping[str, Any], key: str, where: str) -> int:
    value = _int(item, key, where)
    if value < 1:
        raise RoadmapFormatError(f"{where}: {key}: must be at least 1, got {value}")
    return value


def _number(value_or_item: Any, key: str, where: str) -> float:
    value = value_or_item.get(key) if isinstance(value_or_item, Mapping) else value_or_item
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise RoadmapFormatError(f"{where}: {key}: must be a number, got {value!r}")
    if value < 0:
        raise RoadmapFormatError(f"{where}: {key}: must not be negative, got {value!r}")
    return float(value)


def _number_list(
    item: Mapping[str, Any], key: str, where: str, length: int, field_name: str | None = None
) -> tuple[float, ...]:
    label = field_name or key
    values = item.get(key)
    if not isinstance(values, Sequence) or isinstance(values, str):
        raise RoadmapFormatError(f"{where}: {label}: must be a list of {length} numbers")
    if len(values) != length:
        raise RoadmapFormatError(f"{where}: {label}: has {len(values)} values, expected {length}")
    return tuple(_number(value, f"{label}[{index}]", where) for index, value in enumerate(values))

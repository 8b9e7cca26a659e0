"""Roadmap optimiser: which initiatives to run, and when, under budgets, OPD capacity and dependencies.

Public API (pure Python; the web layer turns its records into a roadmap/v1
document or builds the dataclasses directly):

* :func:`parse_instance` / :func:`instance_to_document` - the roadmap/v1 format
  (docs/reference/roadmap-format.md), raising :class:`RoadmapFormatError`.
* :func:`optimise_roadmap` - the HiGHS-based optimiser, returning a
  :class:`RoadmapResult` (status, objective, certified bound and gap, schedule,
  and per-initiative outcomes with the constraints that deferred or dropped them).
* :func:`greedy_schedule` - the benefit/cost greedy baseline.
* :func:`check_schedule`, :func:`objective_value`, :func:`spend_by_year`,
  :func:`running_by_agency` - the independent checker and schedule figures.
* :func:`generate_instance` - seeded, budget-tight test and benchmark instances.
"""

from kotacerdas.core.roadmap.checker import (
    Schedule,
    Violation,
    check_schedule,
    objective_value,
    running_by_agency,
    spend_by_year,
)
from kotacerdas.core.roadmap.explain import InitiativeOutcome
from kotacerdas.core.roadmap.generator import generate_document, generate_instance
from kotacerdas.core.roadmap.greedy import greedy_schedule
from kotacerdas.core.roadmap.instance import (
    FORMAT,
    Agency,
    Initiative,
    RoadmapFormatError,
    RoadmapInstance,
    instance_fingerprint,
    instance_to_document,
    parse_instance,
)
from kotacerdas.core.roadmap.ledger import Reason, start_windows
from kotacerdas.core.roadmap.optimise import DEFAULT_TIME_LIMIT, RoadmapResult, optimise_roadmap

__all__ = [
    "DEFAULT_TIME_LIMIT",
    "FORMAT",
    "Agency",
    "Initiative",
    "InitiativeOutcome",
    "Reason",
    "RoadmapFormatError",
    "RoadmapInstance",
    "RoadmapResult",
    "Schedule",
    "Violation",
    "check_schedule",
    "generate_document",
    "generate_instance",
    "greedy_schedule",
    "instance_fingerprint",
    "instance_to_document",
    "objective_value",
    "optimise_roadmap",
    "parse_instance",
    "running_by_agency",
    "spend_by_year",
    "start_windows",
]

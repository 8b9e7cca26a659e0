"""The independent schedule checker catches every kind of broken rule."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kotacerdas.core.roadmap import (
    RoadmapInstance,
    check_schedule,
    objective_value,
    parse_instance,
    running_by_agency,
    spend_by_year,
)

EXAMPLE = Path(__file__).parent / "data" / "roadmap" / "kota-contoh.json"

# A hand-checked feasible schedule of the example (see the how-to).
GOOD = {
    "satu-data": 0,
    "parkir-elektronik": 0,
    "atcs": 1,
    "e-planning": 1,
    "command-center": 2,
    "rekam-medis": 2,
}


@pytest.fixture
def instance() -> RoadmapInstance:
    return parse_instance(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def constraints(instance: RoadmapInstance, schedule: dict[str, int]) -> list[str]:
    return [violation.constraint for violation in check_schedule(instance, schedule)]


def test_a_good_schedule_has_no_violations(instance: RoadmapInstance) -> None:
    assert check_schedule(instance, GOOD) == []
    # 90 + 25 finish in 2027 (0.94), 75 in 2029 (0.84), 30 in 2027, 80 + 70 in 2029.
    assert objective_value(instance, GOOD) == pytest.approx(
        90 * 0.94 + 25 * 1.0 + 75 * 0.84 + 30 * 0.94 + 80 * 0.84 + 70 * 0.84
    )


def test_it_reports_a_missing_mandatory_initiative(instance: RoadmapInstance) -> None:
    schedule = {k: v for k, v in GOOD.items() if k not in ("satu-data", "command-center", "rekam-medis")}
    assert constraints(instance, schedule) == ["mandatory"]


def test_it_reports_a_missing_pinned_initiative_and_a_moved_pin(instance: RoadmapInstance) -> None:
    schedule = {k: v for k, v in GOOD.items() if k != "e-planning"}
    assert constraints(instance, schedule) == ["mandatory"]
    assert constraints(instance, {**GOOD, "e-planning": 2}) == ["pinned_start"]


def test_it_reports_a_start_before_the_earliest_start(instance: RoadmapInstance) -> None:
    assert "earliest_start" in constraints(instance, {**GOOD, "telemedis": 0})


def test_it_reports_an_initiative_running_past_the_horizon(instance: RoadmapInstance) -> None:
    assert constraints(instance, {**GOOD, "atcs": 3}) == ["horizon"]


def test_it_reports_predecessors_missing_or_unfinished(instance: RoadmapInstance) -> None:
    without_atcs = {k: v for k, v in GOOD.items() if k != "atcs"}
    violations = check_schedule(instance, {**without_atcs, "command-center": 1})
    assert [v.message for v in violations] == ["command-center starts at 1 before satu-data finishes"]
    without_rekam_medis = {k: v for k, v in GOOD.items() if k != "rekam-medis"}
    violations = check_schedule(instance, {**without_rekam_medis, "telemedis": 4})
    assert [v.message for v in violations] == ["telemedis needs rekam-medis, which is not scheduled"]


def test_it_reports_budget_overruns_in_total_and_per_source(instance: RoadmapInstance) -> None:
    violations = check_schedule(instance, {**GOOD, "wifi-publik": 0})
    assert [(v.constraint, v.year_index) for v in violations] == [("budget", 0)]
    assert "exceeds the ceiling 1800 in 2026" in violations[0].message
    over_dak = check_schedule(instance, {**GOOD, "rekam-medis": 2, "telemedis": 4, "wifi-publik": 4})
    assert over_dak == []
    dak = {**GOOD, "telemedis": 4}
    dak_spend = spend_by_year(instance, dak, "DAK")
    assert dak_spend == [0, 0, 400, 400, 500]


def test_it_reports_opd_capacity_overruns(instance: RoadmapInstance) -> None:
    violations = check_schedule(instance, {**GOOD, "parkir-elektronik": 1})
    assert [v.constraint for v in violations] == ["agency_capacity"]
    assert "DISHUB runs 2 initiatives in 2027, more than 1" in violations[0].message
    assert running_by_agency(instance, GOOD)["DISKOMINFO"] == [1, 1, 1, 1, 0]


def test_it_rejects_unknown_initiatives(instance: RoadmapInstance) -> None:
    assert constraints(instance, {**GOOD, "monorail": 0}) == ["unknown"]

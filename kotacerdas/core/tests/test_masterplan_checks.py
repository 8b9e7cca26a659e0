"""Masterplan consistency: cycles, period, budget rows."""

from decimal import Decimal

from kotacerdas.core.masterplan_checks import PlannedInitiative, check_plan, find_cycle

PERIOD = (2026, 2030)


def kinds(findings):
    return [(f.kind, f.code) for f in findings]


def test_a_clean_plan_has_no_findings() -> None:
    plan = [
        PlannedInitiative(
            "A",
            2026,
            2,
            budget={(2026, "APBD"): Decimal(5), (2027, "DAK"): Decimal(5)},
            total_cost=Decimal(10),
        ),
        PlannedInitiative("B", 2028, 3, predecessors=("A",)),
    ]
    assert check_plan(plan, PERIOD) == []


def test_it_finds_a_dependency_cycle_with_its_path() -> None:
    plan = [
        PlannedInitiative("A", 2026, 1, predecessors=("C",)),
        PlannedInitiative("B", 2027, 1, predecessors=("A",)),
        PlannedInitiative("C", 2028, 1, predecessors=("B",)),
    ]
    cycle = [f for f in check_plan(plan, PERIOD) if f.kind == "cycle"]
    assert len(cycle) == 1
    path = cycle[0].values["path"]
    assert path[0] == path[-1] and set(path) == {"A", "B", "C"} and len(path) == 4


def test_a_self_dependency_is_a_cycle() -> None:
    assert find_cycle({"A": ["A"]}) == ["A", "A"]
    assert find_cycle({"A": ["B"], "B": []}) is None


def test_it_finds_years_outside_the_period() -> None:
    plan = [PlannedInitiative("early", 2025, 2), PlannedInitiative("late", 2029, 3)]
    assert kinds(check_plan(plan, PERIOD)) == [("start_before_period", "early"), ("end_after_period", "late")]


def test_it_finds_budget_rows_that_do_not_add_up_or_fall_outside_the_years() -> None:
    item = PlannedInitiative(
        "A",
        2026,
        2,
        budget={(2026, "APBD"): Decimal(5), (2028, "APBD"): Decimal(3), (2027, "CSR"): Decimal(-1)},
        total_cost=Decimal(10),
    )
    found = check_plan([item], PERIOD)
    assert [f.kind for f in found] == ["budget_negative", "budget_outside_years", "budget_total_mismatch"]
    assert found[1].values["year"] == 2028
    assert found[2].values == {"rows": Decimal(7), "declared": Decimal(10)}


def test_unknown_and_unfinished_predecessors_are_named() -> None:
    plan = [PlannedInitiative("A", 2026, 2), PlannedInitiative("B", 2027, 1, predecessors=("A", "Z"))]
    assert kinds(check_plan(plan, PERIOD)) == [
        ("predecessor_not_finished", "B"),
        ("unknown_predecessor", "B"),
    ]

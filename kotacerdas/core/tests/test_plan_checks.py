"""The blocking checks of a plan of record before its book version is approved."""

from datetime import UTC, datetime

from kotacerdas.core.masterplan_checks import check_plan_of_record
from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord


def plan(*items: PlannedInitiative, **extra) -> PlanOfRecord:  # type: ignore[no-untyped-def]
    return PlanOfRecord(
        adopted_at=datetime(2026, 1, 5, tzinfo=UTC),
        adopted_by="Budi",
        run_id=1,
        input_hash="x",
        period=(2026, 2030),
        ceilings=extra.pop("ceilings", {2026: 900}),
        initiatives=items,
        **extra,
    )


def item(
    code: str, start: int, end: int, cost: dict[int, int], source: str = "APBD", preds=()
) -> PlannedInitiative:  # type: ignore[no-untyped-def]
    return PlannedInitiative(code, code, "governance", "Diskominfo", start, end, {source: cost}, tuple(preds))


def test_a_plan_within_the_pagu_and_in_order_passes() -> None:
    ok = plan(item("A", 2026, 2027, {2026: 500, 2027: 100}), item("B", 2028, 2028, {2028: 300}, preds=["A"]))
    assert check_plan_of_record(ok) == []


def test_every_blocking_finding_is_named() -> None:
    bad = plan(
        item("A", 2026, 2027, {2026: 800, 2027: 100}),
        item("B", 2027, 2027, {2026: 0, 2027: 50}, source="CSR", preds=["A", "Z"]),
        item("C", 2030, 2031, {2026: 200}),
        source_ceilings={"CSR": {2027: 10}},
    )
    kinds = {(f.kind, f.code) for f in check_plan_of_record(bad)}
    assert kinds == {
        ("ceiling_exceeded", ""),
        ("source_ceiling_exceeded", ""),
        ("predecessor_not_finished", "B"),
        ("predecessor_not_scheduled", "B"),
        ("end_after_period", "C"),
    }
    (over,) = [f for f in check_plan_of_record(bad) if f.kind == "ceiling_exceeded"]
    assert over.values == {"year": 2026, "planned": 1000, "ceiling": 900}

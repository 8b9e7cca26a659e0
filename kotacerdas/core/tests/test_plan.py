"""The plan of record's figures, against a worked example."""

from datetime import UTC, datetime

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord


def _plan() -> PlanOfRecord:
    gov = PlannedInitiative(
        "GOV-01", "e-Office", "Smart Governance", "Diskominfo", 2026, 2027,
        {"APBD": {2026: 300_000_000, 2027: 200_000_000}, "CSR": {2026: 50_000_000}},
    )  # fmt: skip
    env = PlannedInitiative(
        "ENV-01", "Sensor banjir", "Smart Environment", "DLH", 2028, 2028, {"APBD": {2028: 0}}
    )  # fmt: skip
    return PlanOfRecord(
        adopted_at=datetime(2026, 3, 1, 9, 30, tzinfo=UTC),
        adopted_by="budi",
        run_id=7,
        input_hash="abc",
        period=(2026, 2028),
        ceilings={2026: 900_000_000, 2027: 900_000_000, 2028: 500_000_000},
        initiatives=(gov, env),
    )


def test_it_adds_every_source_per_year_and_leaves_empty_years_at_zero() -> None:
    plan = _plan()
    assert plan.initiatives[0].cost == {2026: 350_000_000, 2027: 200_000_000}
    assert plan.initiatives[0].total_cost == 550_000_000
    assert plan.totals_by_year() == {2026: 350_000_000, 2027: 200_000_000, 2028: 0}
    assert plan.totals_by_source() == {
        "APBD": {2026: 300_000_000, 2027: 200_000_000, 2028: 0},
        "CSR": {2026: 50_000_000, 2027: 0, 2028: 0},
    }


def test_its_api_document_uses_string_years_and_integer_rupiah() -> None:
    document = _plan().as_document()
    assert document["run_id"] == 7
    assert document["adopted_at"] == "2026-03-01T09:30:00+00:00"
    assert document["ceilings"] == {"2026": 900_000_000, "2027": 900_000_000, "2028": 500_000_000}
    assert document["initiatives"] == [
        {
            "code": "GOV-01",
            "start_year": 2026,
            "end_year": 2027,
            "cost": {"2026": 350_000_000, "2027": 200_000_000},
        },
        {"code": "ENV-01", "start_year": 2028, "end_year": 2028, "cost": {}},
    ]
    assert document["changed_since_adoption"] == []

"""Migration planning 0014 writes initiative codes saved before codes were capitalised in capitals, with
the codes and predecessor codes of their adopted-plan entries, so they match again; two codes of one
masterplan that differ only by case are left as they are and printed."""

from __future__ import annotations

import pytest

from tests.migrations import latest, migrate

BEFORE = [("planning", "0013_kpi_version_and_targets_start_year")]
AFTER = [("planning", "0014_uppercase_initiative_codes")]


@pytest.mark.django_db(transaction=True)
def test_lower_case_codes_are_capitalised_and_case_clashes_are_left_and_printed(capsys) -> None:
    newest = latest()
    old = migrate(BEFORE)
    Region = old.get_model("regions", "Region")
    Initiative = old.get_model("planning", "Initiative")
    AdoptedItem = old.get_model("planning", "AdoptedItem")
    budi = old.get_model("accounts", "User").objects.create(username="budi-kode")

    def masterplan_of(code: str):
        region = Region.objects.get(code=code)
        opd = old.get_model("regions", "Opd").objects.create(
            region=region, name="Diskominfo", short_name="Kominfo"
        )
        plan = old.get_model("planning", "Masterplan").objects.create(
            region=region, period_start=2026, period_end=2030
        )
        return region, opd, plan

    def add(region, opd, plan, code: str):
        return Initiative.objects.create(
            region=region,
            masterplan=plan,
            code=code,
            name=code,
            dimension="governance",
            element="governance.service",
            type="application",
            owner=opd,
            horizon="short",
            start_year=2026,
            duration=1,
        )

    region, opd, plan = masterplan_of("33.73")
    names = {
        code: add(region, opd, plan, code).pk for code in ("gov-02", "eco-01", "Liv-01", "LIV-01", "BRD-01")
    }
    adopted = old.get_model("planning", "AdoptedPlan").objects.create(
        region=region,
        masterplan=plan,
        adopted_by=budi,
        adopted_at="2026-01-05T00:00:00Z",
        input_hash="x",
        period_start=2026,
        period_end=2030,
    )
    for code, predecessors in (
        ("gov-02", ["eco-01", "BRD-01"]),
        ("eco-01", []),
        ("Liv-01", []),
        ("LIV-01", ["Liv-01"]),
    ):
        AdoptedItem.objects.create(
            plan=adopted,
            initiative_id=names[code],
            code=code,
            name=code,
            dimension="governance",
            owner="Kominfo",
            start_year=2026,
            duration=1,
            predecessors=predecessors,
        )
    other_region, other_opd, other_plan = masterplan_of("33.71")  # the same code in another masterplan
    other = add(other_region, other_opd, other_plan, "gov-02")

    new = migrate(AFTER)
    codes = dict(
        new.get_model("planning", "Initiative")
        ._base_manager.filter(masterplan=plan.pk)
        .values_list("pk", "code")
    )
    assert codes == {
        names["gov-02"]: "GOV-02",
        names["eco-01"]: "ECO-01",
        names["Liv-01"]: "Liv-01",  # LIV-01 exists: left for a person to merge
        names["LIV-01"]: "LIV-01",
        names["BRD-01"]: "BRD-01",
    }
    assert new.get_model("planning", "Initiative")._base_manager.get(pk=other.pk).code == "GOV-02"
    items = {
        i.initiative_id: (i.code, i.predecessors)
        for i in new.get_model("planning", "AdoptedItem").objects.filter(plan=adopted.pk)
    }
    assert items == {
        names["gov-02"]: ("GOV-02", ["ECO-01", "BRD-01"]),
        names["eco-01"]: ("ECO-01", []),
        names["Liv-01"]: ("Liv-01", []),
        names["LIV-01"]: ("LIV-01", ["Liv-01"]),
    }
    printed = capsys.readouterr().out
    assert (
        f"masterplan {plan.pk}: initiative code 'Liv-01' left as it is, 'LIV-01' differ only by case"
        in printed
    )
    assert f"adopted plan {adopted.pk}: entry 'Liv-01' left as it is, 'LIV-01' differ only by case" in printed
    assert "GOV-02" not in printed
    migrate(newest)

"""Migrations planning 0007–0009 keep every existing record: the region's one masterplan becomes
revision 1 (active) and its problems, initiatives and adopted plans are attached to it."""

from __future__ import annotations

import pytest

from tests.migrations import latest, migrate

BEFORE = [("planning", "0006_merge_0005_adopted_plan_0005_expert_judgements")]


@pytest.mark.django_db(transaction=True)
def test_existing_masterplans_become_revision_1_with_their_records() -> None:
    newest = latest()
    old = migrate(BEFORE)
    Region = old.get_model("regions", "Region")
    Opd = old.get_model("regions", "Opd")
    User = old.get_model("accounts", "User")
    region = Region.objects.get(code="33.73")
    opd = Opd.objects.create(region=region, name="Dinas Kesehatan", short_name="Dinkes")
    plan = old.get_model("planning", "Masterplan").objects.create(
        region=region, period_start=2026, period_end=2030
    )
    problem = old.get_model("planning", "Problem").objects.create(
        region=region, code="M-01", title="Antrean", dimension="living", element="living.health"
    )
    initiative = old.get_model("planning", "Initiative").objects.create(
        region=region,
        code="KS-01",
        name="Telemedis",
        dimension="living",
        element="living.health",
        type="application",
        owner=opd,
        horizon="short",
        start_year=2027,
        duration=2,
    )
    initiative.problems.add(problem)
    old.get_model("planning", "Kpi").objects.create(initiative=initiative, name="Konsultasi", unit="orang")
    user = User.objects.create(username="budi-migrasi")
    adopted = old.get_model("planning", "AdoptedPlan").objects.create(
        region=region,
        adopted_by=user,
        adopted_at="2026-01-05T00:00:00Z",
        input_hash="x",
        period_start=2026,
        period_end=2030,
    )
    # a region with an initiative but (in old data) no masterplan keeps it too
    other = Region.objects.get(code="33.71")
    opd_b = Opd.objects.create(region=other, name="Bappeda", short_name="Bappeda")
    orphan = old.get_model("planning", "Initiative").objects.create(
        region=other,
        code="X-01",
        name="Lama",
        dimension="governance",
        element="governance.service",
        type="policy",
        owner=opd_b,
        horizon="short",
        start_year=2024,
        duration=1,
    )

    new = migrate(newest)
    Masterplan = new.get_model("planning", "Masterplan")
    plan = Masterplan.objects.get(pk=plan.pk)
    assert (plan.revision, plan.is_active, plan.period_start) == (1, True, 2026)
    assert new.get_model("planning", "Problem").objects.get(pk=problem.pk).masterplan_id == plan.pk
    moved = new.get_model("planning", "Initiative").objects.get(pk=initiative.pk)
    assert (moved.masterplan_id, moved.carried_over_from_id) == (plan.pk, None)
    assert list(moved.problems.values_list("pk", flat=True)) == [problem.pk]
    assert moved.kpis.count() == 1
    assert new.get_model("planning", "AdoptedPlan").objects.get(pk=adopted.pk).masterplan_id == plan.pk
    made = new.get_model("planning", "Initiative").objects.get(pk=orphan.pk).masterplan
    assert (made.region_id, made.revision, made.period_start) == (other.pk, 1, 2024)

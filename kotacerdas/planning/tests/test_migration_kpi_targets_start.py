"""Migration planning 0013 gives every existing KPI the start year its targets were set for, read back
from the audit log: the start its initiative had before an adoption moved it after the KPI's last save,
its start now when no adoption moved it since, and unknown (None) when the log cannot tell."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.migrations import latest, migrate

BEFORE = [("planning", "0012_roadmaprun_claimed_by"), ("audit", "0003_latest_entry")]
AFTER = [("planning", "0013_kpi_version_and_targets_start_year"), ("audit", "0003_latest_entry")]


def at(day: int) -> datetime:
    return datetime(2026, 3, day, tzinfo=UTC)


@pytest.mark.django_db(transaction=True)
def test_existing_kpis_get_the_start_year_their_targets_were_set_for() -> None:
    newest = latest()
    old = migrate(BEFORE)
    region = old.get_model("regions", "Region").objects.get(code="33.73")
    opd = old.get_model("regions", "Opd").objects.create(
        region=region, name="Dinas Kesehatan", short_name="Dinkes"
    )
    masterplan = old.get_model("planning", "Masterplan").objects.create(
        region=region, period_start=2026, period_end=2030
    )
    Initiative = old.get_model("planning", "Initiative")
    Kpi = old.get_model("planning", "Kpi")
    AuditEntry = old.get_model("audit", "AuditEntry")

    def initiative(code: str, start: int):
        return Initiative.objects.create(
            region=region,
            masterplan=masterplan,
            code=code,
            name=code,
            dimension="living",
            element="living.health",
            type="application",
            owner=opd,
            horizon="short",
            start_year=start,
            duration=2,
        )

    def kpi(item, saved_on: int | None):
        made = Kpi.objects.create(initiative=item, name=f"IKU {item.code}", unit="%", targets={"2027": "10"})
        if saved_on is not None:
            entry = AuditEntry.objects.create(
                actor_name="Budi",
                action="masterplan.kpi.save",
                object_type="planning.kpi",
                object_id=str(made.pk),
                object_repr=made.name,
                after={"targets": made.targets},
            )
            AuditEntry.objects.filter(pk=entry.pk).update(created_at=at(saved_on))
        return made

    def adopted_move(item, on: int, before: int, after: int) -> None:
        entry = AuditEntry.objects.create(
            actor_name="Budi",
            action="masterplan.adopt.initiative",
            object_type="planning.initiative",
            object_id=str(item.pk),
            object_repr=item.code,
            before={"start_year": before, "pinned_start_year": None},
            after={"start_year": after, "pinned_start_year": None},
        )
        AuditEntry.objects.filter(pk=entry.pk).update(created_at=at(on))

    kept = kpi(initiative("KS-01", 2027), saved_on=1)  # never moved
    deferred_item = initiative("KS-02", 2029)
    deferred = kpi(deferred_item, saved_on=1)
    adopted_move(deferred_item, on=2, before=2027, after=2029)  # moved after the KPI was saved
    unknown_item = initiative("KS-03", 2029)
    unknown = kpi(unknown_item, saved_on=None)  # e.g. imported: no save in the log
    adopted_move(unknown_item, on=2, before=2027, after=2029)
    later_item = initiative("KS-04", 2029)
    adopted_move(later_item, on=1, before=2027, after=2029)
    later = kpi(later_item, saved_on=2)  # entered after the move, for the start as it then was

    new = migrate(AFTER)
    Moved = new.get_model("planning", "Kpi")
    assert {k.pk: k.targets_start_year for k in Moved.objects.all()} == {
        kept.pk: 2027,
        deferred.pk: 2027,
        unknown.pk: None,
        later.pk: 2029,
    }
    assert set(Moved.objects.values_list("version", flat=True)) == {1}
    migrate(newest)

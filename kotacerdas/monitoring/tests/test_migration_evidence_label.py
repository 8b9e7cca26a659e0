"""Migration monitoring 0006 blanks the evidence labels that were only the stored default ('Bukti' or
'Evidence', in the writer's language), so each reader sees the default in their own language; a label
a person typed is kept. Going back stores 'Bukti' again."""

from __future__ import annotations

import datetime

import pytest

from tests.migrations import latest, migrate

BEFORE = [("monitoring", "0005_milestone_version")]
AFTER = [("monitoring", "0006_evidence_label_blank")]


@pytest.mark.django_db(transaction=True)
def test_stored_default_labels_become_blank_and_typed_ones_stay() -> None:
    newest = latest()
    old = migrate(BEFORE)
    sari = old.get_model("accounts", "User").objects.create(username="sari-bukti")
    region = old.get_model("regions", "Region").objects.get(code="33.73")
    period = old.get_model("monitoring", "Period").objects.create(
        region=region, year=2026, closes_on=datetime.date(2027, 1, 31), opened_by=sari
    )
    Evidence = old.get_model("monitoring", "Evidence")
    for label in ("Bukti", "Evidence", "Rekap bulanan"):
        Evidence.objects.create(period=period, label=label, link="https://contoh.go.id/", added_by=sari)
    try:
        new = migrate(AFTER)
        labels = sorted(new.get_model("monitoring", "Evidence").objects.values_list("label", flat=True))
        assert labels == ["", "", "Rekap bulanan"]
        back = migrate(BEFORE)
        labels = sorted(back.get_model("monitoring", "Evidence").objects.values_list("label", flat=True))
        assert labels == ["Bukti", "Bukti", "Rekap bulanan"]
    finally:
        migrate(newest)

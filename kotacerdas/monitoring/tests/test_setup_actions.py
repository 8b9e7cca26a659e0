"""Budi's monitoring set-up actions: each refusal names the field in Indonesian and saves nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.setup import (
    do_add_milestone,
    do_save_kpi_rule,
    do_save_outcome,
    do_save_settings,
)
from kotacerdas.monitoring.models import KpiRule, Milestone, MonitoringSettings, OutcomeValue

pytestmark = pytest.mark.django_db


def message_of(call) -> dict[str, list[str]] | list[str]:
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"direction": "sideways"}, {"direction": ["Pilih makin tinggi atau makin rendah makin baik."]}),
        ({"kind": "text"}, {"kind": ["Pilih angka atau persentase."]}),
        (
            {"minimum": Decimal(10), "maximum": Decimal(5)},
            {"maximum": ["Nilai tertinggi yang diizinkan lebih kecil daripada nilai terendah."]},
        ),
    ],
)
def test_a_bad_kpi_rule_is_refused(world, budi, changes, expected) -> None:
    before = list(KpiRule.objects.filter(kpi=world.visits).values())
    arguments = {"direction": "higher", **changes}
    assert message_of(lambda: do_save_kpi_rule(budi, world.visits, **arguments)) == expected
    assert list(KpiRule.objects.filter(kpi=world.visits).values()) == before


def test_budi_chooses_equal_weights_and_his_own_statuses(world, budi, region_a) -> None:
    statuses = {"pilot": {"label": "Uji coba", "progress": 40, "category": "on_track"}}
    settings = do_save_settings(budi, region_a, weight_method="equal", status_set=statuses)
    stored = MonitoringSettings.objects.get(region=region_a)
    assert (stored.pk, stored.weight_method, stored.status_set) == (settings.pk, "equal", statuses)
    entry = AuditEntry.objects.get(action="monitoring.settings.save")
    assert (entry.before["weight_method"], entry.after["weight_method"]) == ("pagu", "equal")


@pytest.mark.parametrize(
    ("weight_method", "status_set", "expected"),
    [
        ("median", None, {"weight_method": ["Pilih bobot menurut porsi pagu atau bobot sama."]}),
        (
            "pagu",
            {"pilot": {"progress": 150, "category": "on_track"}},
            {"status_set": ["Status pilot memerlukan progres 0 sampai 100 dan kategori."]},
        ),
        (
            "pagu",
            {"pilot": {"progress": "40", "category": "on_track"}},
            {"status_set": ["Status pilot memerlukan progres 0 sampai 100 dan kategori."]},
        ),
        (
            "pagu",
            {"pilot": {"progress": 40, "category": "paused"}},
            {"status_set": ["Status pilot memerlukan progres 0 sampai 100 dan kategori."]},
        ),
    ],
)
def test_bad_settings_are_refused(world, budi, region_a, weight_method, status_set, expected) -> None:
    call = lambda: do_save_settings(budi, region_a, weight_method=weight_method, status_set=status_set)  # noqa: E731
    assert message_of(call) == expected
    assert not MonitoringSettings.objects.filter(region=region_a).exists()
    assert not AuditEntry.objects.filter(action="monitoring.settings.save").exists()


def test_a_milestone_needs_a_name_and_an_outcome_a_source(world, budi, region_a) -> None:
    quick_win = world.milestone.quick_win
    assert message_of(lambda: do_add_milestone(budi, quick_win, title="  ", year=2027)) == {
        "title": ["Beri nama tonggak."]
    }
    assert list(Milestone.objects.all()) == [world.milestone]
    call = lambda: do_save_outcome(  # noqa: E731
        budi, region_a, name="Angka kemiskinan", year=2027, value=Decimal("6.2"), source=" "
    )
    assert message_of(call) == {"source": ["Sebutkan sumber nilainya (mis. BPS, Susenas 2024)."]}
    assert not OutcomeValue.objects.exists()


@pytest.mark.parametrize("year", [2025, 2031])
def test_a_milestone_outside_its_masterplan_period_is_refused(world, budi, year) -> None:
    quick_win = world.milestone.quick_win
    call = lambda: do_add_milestone(budi, quick_win, title="Peluncuran", year=year)  # noqa: E731
    assert message_of(call) == {
        "year": [
            f"Tahun tonggak {year} berada di luar periode masterplan (2026–2030): "
            "pilih tahun di dalam periode."
        ]
    }
    assert list(Milestone.objects.all()) == [world.milestone]
    assert do_add_milestone(budi, quick_win, title="Evaluasi", year=2030).year == 2030

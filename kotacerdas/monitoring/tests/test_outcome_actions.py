"""Budi's outcome series through the actions: one year's value added, changed, removed and started from
the masterplan's key indicators; every write audited, every refusal named in Indonesian, nothing half
written, and no save from a form opened before someone else's."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.setup import do_remove_outcome, do_save_outcome, do_seed_outcomes
from kotacerdas.monitoring.models import OutcomeValue
from kotacerdas.planning.analysis.actions import do_add_indicator
from kotacerdas.planning.models import KeyIndicator

pytestmark = pytest.mark.django_db

POVERTY = "Tingkat kemiskinan"
FIELDS: dict[str, Any] = {"name": POVERTY, "year": 2024, "value": "12,5", "unit": "%", "source": "BPS"}
NOT_ALLOWED = "Hanya koordinator daerah yang dapat mengisi dan memperbaiki nilai indikator outcome."


def refusal(call) -> dict[str, list[str]] | list[str]:  # type: ignore[no-untyped-def]
    with pytest.raises(ValidationError) as error:
        call()
    return error.value.message_dict if hasattr(error.value, "error_dict") else error.value.messages


def stored() -> list[tuple[str, int, Decimal, str, str, bool]]:
    return [
        (v.name, v.year, v.value, v.unit, v.source, v.verified)
        for v in OutcomeValue.objects.order_by("name", "year")
    ]


def key_indicator(budi, region, name: str = POVERTY, year: int = 2023, value: str = "9.8") -> KeyIndicator:  # type: ignore[no-untyped-def]
    return do_add_indicator(
        budi, region, name=name, value=Decimal(value), unit="%", year=year, source="BPS 2023"
    )


def test_budi_adds_a_value_typed_with_a_comma_and_it_is_audited(budi, region_a) -> None:
    indicator = key_indicator(budi, region_a)
    row = do_save_outcome(budi, region_a, **FIELDS, verified=True, version=0)
    assert stored() == [(POVERTY, 2024, Decimal("12.5"), "%", "BPS", True)]
    assert row.key_indicator == indicator  # the series of the masterplan's key indicator of that name
    assert (row.version, row.example) == (1, False)
    entry = AuditEntry.objects.get(action="monitoring.outcome.save")
    assert (entry.before, entry.after["value"], entry.region_id) == (None, "12.5000", region_a.pk)


def test_budi_changes_a_value_its_name_and_year(budi, region_a) -> None:
    row = do_save_outcome(budi, region_a, **FIELDS, version=0)
    changed = do_save_outcome(
        budi,
        region_a,
        outcome=row,
        version=row.version,
        **(FIELDS | {"name": "Angka kemiskinan", "year": 2025, "value": "1.234,5", "source": "Susenas"}),
    )
    assert changed.pk == row.pk and changed.version == 2
    assert stored() == [("Angka kemiskinan", 2025, Decimal("1234.5"), "%", "Susenas", False)]
    entry = AuditEntry.objects.filter(action="monitoring.outcome.save").latest("id")
    assert (entry.before["name"], entry.after["name"]) == (POVERTY, "Angka kemiskinan")
    assert (entry.before["year"], entry.after["year"]) == (2024, 2025)


def test_a_save_from_a_form_opened_before_someone_elses_save_is_refused(budi, ayu, region_a) -> None:
    row = do_save_outcome(budi, region_a, **FIELDS, version=0)
    opened = row.version
    do_save_outcome(
        ayu, region_a, outcome=OutcomeValue.objects.get(pk=row.pk), version=opened, **FIELDS | {"value": "11"}
    )
    late = OutcomeValue.objects.get(pk=row.pk)
    (message,) = refusal(lambda: do_save_outcome(budi, region_a, outcome=late, version=opened, **FIELDS))
    assert message.startswith("Data ini sudah diubah oleh Ayu pada ")
    assert "(nilai)" in message and "perubahan Anda belum disimpan" in message
    assert stored() == [(POVERTY, 2024, Decimal("11"), "%", "BPS", False)]  # Ayu's value stays
    (gone,) = refusal(lambda: do_remove_outcome(budi, late, version=opened))
    assert gone.startswith("Data ini sudah diubah oleh Ayu")
    assert OutcomeValue.objects.filter(pk=row.pk).exists()
    assert AuditEntry.objects.filter(action="monitoring.outcome.save").count() == 2


def test_the_add_form_never_overwrites_a_stored_year(budi, region_a) -> None:
    do_save_outcome(budi, region_a, **FIELDS, version=0)
    again = lambda: do_save_outcome(budi, region_a, **FIELDS | {"value": "3"}, version=0)  # noqa: E731
    assert refusal(again) == {
        "year": ["Tingkat kemiskinan sudah memiliki nilai untuk tahun 2024; ubah nilai itu di daftar."]
    }
    assert stored() == [(POVERTY, 2024, Decimal("12.5"), "%", "BPS", False)]


def test_a_change_onto_another_stored_year_is_refused(budi, region_a) -> None:
    do_save_outcome(budi, region_a, **FIELDS, version=0)
    other = do_save_outcome(budi, region_a, **FIELDS | {"year": 2025, "value": "10"}, version=0)
    move = lambda: do_save_outcome(budi, region_a, outcome=other, version=other.version, **FIELDS)  # noqa: E731
    assert list(refusal(move)) == ["year"]
    assert [(year, value) for _n, year, value, *_rest in stored()] == [
        (2024, Decimal("12.5")),
        (2025, Decimal(10)),
    ]


def test_the_seed_without_a_version_replaces_the_years_value(budi, region_a) -> None:
    """The masterplan seed, the demo and imports write the series' value for the year, new or not."""
    do_save_outcome(budi, region_a, **FIELDS)
    do_save_outcome(budi, region_a, **FIELDS | {"value": "7"})
    assert stored() == [(POVERTY, 2024, Decimal(7), "%", "BPS", False)]


def test_budi_removes_a_value_and_it_is_audited(budi, region_a) -> None:
    row = do_save_outcome(budi, region_a, **FIELDS, version=0)
    pk = row.pk
    do_remove_outcome(budi, row, version=row.version)
    assert stored() == []
    entry = AuditEntry.objects.get(action="monitoring.outcome.remove")
    assert (entry.before["value"], entry.after, entry.object_id) == ("12.5000", None, str(pk))


def test_the_series_start_from_the_key_indicators_once(budi, region_a) -> None:
    key_indicator(budi, region_a)
    key_indicator(budi, region_a, name="Indeks Pembangunan Manusia", year=2024, value="84.99")
    key_indicator(budi, region_a, name="Angka melek huruf", year=1995, value="80")  # an older baseline
    do_save_outcome(budi, region_a, **FIELDS | {"year": 2023, "value": "9"})  # that year is already known
    assert do_seed_outcomes(budi, region_a) == 1
    assert stored() == [
        ("Indeks Pembangunan Manusia", 2024, Decimal("84.99"), "%", "BPS 2023", True),
        (POVERTY, 2023, Decimal(9), "%", "BPS", False),  # left as it was
    ]
    assert do_seed_outcomes(budi, region_a) == 0
    assert AuditEntry.objects.filter(action="monitoring.outcome.save").count() == 2


@pytest.mark.parametrize("who", ["sari", "tono", "dewi"])
def test_only_the_coordinator_writes_outcome_values(request, budi, region_a, who) -> None:
    row = do_save_outcome(budi, region_a, **FIELDS, version=0)
    key_indicator(budi, region_a, name="IPM", year=2024)
    person = request.getfixturevalue(who)
    calls = [
        lambda: do_save_outcome(person, region_a, **FIELDS | {"year": 2025}, version=0),
        lambda: do_save_outcome(
            person, region_a, outcome=row, version=row.version, **FIELDS | {"value": "1"}
        ),
        lambda: do_remove_outcome(person, row, version=row.version),
        lambda: do_seed_outcomes(person, region_a),
    ]
    for call in calls:
        with pytest.raises(ActionNotAllowed) as refused:
            call()
        assert str(refused.value) == NOT_ALLOWED
    assert stored() == [(POVERTY, 2024, Decimal("12.5"), "%", "BPS", False)]
    assert AuditEntry.objects.filter(action__startswith="monitoring.outcome").count() == 1


def test_the_national_admin_may_write_them(ayu, region_a) -> None:
    assert do_save_outcome(ayu, region_a, **FIELDS, version=0).pk


def test_another_regions_value_is_refused(budi, dewi, region_a, region_b) -> None:
    theirs = do_save_outcome(dewi, region_b, **FIELDS, version=0)
    assert refusal(lambda: do_save_outcome(budi, region_a, outcome=theirs, version=1, **FIELDS)) == [
        "Nilai outcome ini milik wilayah lain."
    ]
    assert OutcomeValue.objects.get().region == region_b


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"name": "  "}, {"name": ["Beri nama indikator outcome."]}),
        ({"source": "\t "}, {"source": ["Sebutkan sumber nilainya (mis. BPS, Susenas 2024)."]}),
        ({"year": 1999}, {"year": ["Isi tahun antara 2000 dan 2100."]}),
        ({"year": 2101}, {"year": ["Isi tahun antara 2000 dan 2100."]}),
        ({"value": "dua belas"}, {"value": ["Masukkan angka, bukan teks."]}),
        ({"value": ""}, {"value": ["Isi nilainya."]}),
        ({"value": "1" * 15}, {"value": ["Angkanya terlalu besar."]}),
        ({"name": "x" * 201}, {"name": ["Nama indikator paling banyak 200 karakter."]}),
        ({"unit": "%" * 41}, {"unit": ["Satuan paling banyak 40 karakter."]}),
        ({"source": "s" * 201}, {"source": ["Sumber paling banyak 200 karakter."]}),
        (
            {"name": "", "source": "", "year": 3000},
            {
                "name": ["Beri nama indikator outcome."],
                "year": ["Isi tahun antara 2000 dan 2100."],
                "source": ["Sebutkan sumber nilainya (mis. BPS, Susenas 2024)."],
            },
        ),
    ],
)
def test_bad_input_is_refused_on_its_field_and_nothing_is_saved(budi, region_a, changes, expected) -> None:
    assert refusal(lambda: do_save_outcome(budi, region_a, **FIELDS | changes, version=0)) == expected
    assert not OutcomeValue.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="monitoring.outcome").exists()


def test_hostile_text_is_stored_as_one_line_of_text(budi, region_a) -> None:
    row = do_save_outcome(
        budi,
        region_a,
        **FIELDS
        | {
            "name": "<script>alert(1)</script>\x07 Kemiskinan\nbaris dua",
            "source": '=HYPERLINK("http://x")\r\n',
            "unit": "\u0000%",
        },
        version=0,
    )
    row.refresh_from_db()
    assert row.name == "<script>alert(1)</script> Kemiskinan baris dua"
    assert row.source == '=HYPERLINK("http://x")'
    assert row.unit == "%"

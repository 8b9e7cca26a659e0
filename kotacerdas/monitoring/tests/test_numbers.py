"""How a typed number is read (a decimal comma is accepted) and refused, field by field, in Indonesian."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.monitoring.actions.common import parse_number
from kotacerdas.monitoring.actions.periods import do_close_period
from kotacerdas.monitoring.actions.reports import do_save_kpi_report
from kotacerdas.monitoring.models import KpiReport


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5", Decimal("12.5000")),
        (" 1 000.25 ", Decimal("1000.2500")),
        (Decimal("7.123456"), Decimal("7.1235")),
    ],
)
def test_a_number_is_read_with_four_decimals(raw, expected) -> None:
    assert parse_number(raw, "value") == expected


def test_an_empty_optional_value_is_none() -> None:
    assert parse_number("  ", "value", required=False) is None


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("", "Isi nilainya."),
        (None, "Isi nilainya."),
        ("banyak", "Masukkan angka, bukan teks."),
        ("NaN", "Masukkan angka, bukan teks."),
        ("Infinity", "Masukkan angka, bukan teks."),
        ("100000000000000", "Angkanya terlalu besar."),
    ],
)
def test_a_bad_number_names_its_field(raw, message) -> None:
    with pytest.raises(ValidationError) as error:
        parse_number(raw, "value")
    assert error.value.message_dict == {"value": [message]}


@pytest.mark.django_db
def test_no_new_report_in_a_closed_period(world, budi, sari) -> None:
    do_close_period(budi, world.period)
    with pytest.raises(ValidationError, match="ditutup"):
        do_save_kpi_report(sari, world.period, world.coverage, numerator="12", denominator="16")
    assert not KpiReport.objects.exists()

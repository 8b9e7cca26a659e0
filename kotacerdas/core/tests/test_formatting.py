"""Indonesian formatting, checked against worked examples as written in government documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.core.formatting import decimal, number, percent, rupiah, tanggal, terbilang


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (1_250_000_000, "Rp1.250.000.000"),
        (0, "Rp0"),
        (999, "Rp999"),
        (1000, "Rp1.000"),
        (Decimal("75000000.4"), "Rp75.000.000"),
        (-5000, "-Rp5.000"),
        (123_456_789_012, "Rp123.456.789.012"),
    ],
)
def test_it_formats_rupiah(value, expected) -> None:
    assert rupiah(value) == expected


def test_it_shows_sen_only_when_asked() -> None:
    assert rupiah(Decimal("1500.5"), places=2) == "Rp1.500,50"


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        (date(2026, 11, 22), "22 November 2026"),
        (date(2027, 1, 1), "1 Januari 2027"),
        (date(2025, 8, 17), "17 Agustus 2025"),
        (date(2024, 5, 9), "9 Mei 2024"),
    ],
)
def test_it_writes_dates_in_indonesian(day, expected) -> None:
    assert tanggal(day) == expected


@pytest.mark.parametrize(
    ("value", "places", "expected"),
    [
        (3.5, 2, "3,50"),
        (1234.5, 2, "1.234,50"),
        ("0.125", 2, "0,13"),  # half up, as on paper
        (-1234567.891, 1, "-1.234.567,9"),
        (42, 0, "42"),
    ],
)
def test_it_uses_a_decimal_comma(value, places, expected) -> None:
    assert decimal(value, places) == expected


def test_numbers_and_percentages() -> None:
    assert number(150_000) == "150.000"
    assert percent(12.5) == "12,5%"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (0, "nol"),
        (1, "satu"),
        (10, "sepuluh"),
        (11, "sebelas"),
        (15, "lima belas"),
        (21, "dua puluh satu"),
        (100, "seratus"),
        (115, "seratus lima belas"),
        (1000, "seribu"),
        (1001, "seribu satu"),
        (2026, "dua ribu dua puluh enam"),
        (1_250_000, "satu juta dua ratus lima puluh ribu"),
        (1_000_000_000, "satu miliar"),
        (7_500_000_000_000, "tujuh triliun lima ratus miliar"),
        (-40, "minus empat puluh"),
    ],
)
def test_it_spells_numbers(value, expected) -> None:
    assert terbilang(value) == expected

"""Indonesian formatting, checked against worked examples as written in government documents."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.core.formatting import (
    NotANumber,
    decimal,
    editable,
    measured,
    number,
    percent,
    read_number,
    rupiah,
    tanggal,
    terbilang,
)


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


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("1.500", "1500"),  # fifteen hundred: the full stop groups thousands
        ("1.234.567,89", "1234567.89"),
        ("22,5", "22.5"),
        ("Rp 1.500.000", "1500000"),
        ("75 %", "75"),
        ("0.500", "0.500"),  # no group of thousands starts with 0: a machine's decimal point
        ("4350.0000", "4350.0000"),
        ("-12", "-12"),
    ],
)
def test_a_typed_number_is_read_the_indonesian_way(typed, read) -> None:
    assert read_number(typed) == Decimal(read)


@pytest.mark.parametrize("typed", ["1,500.5", "1.50.000", "12.5.6", "sepuluh", "1e5", "NaN", "", "-"])
def test_anything_else_is_refused_rather_than_guessed(typed) -> None:
    with pytest.raises(NotANumber):
        read_number(typed)


@pytest.mark.parametrize("stored", ["4350.0000", "1.2340", "-5.0000", "1234567.5", "0", "100", "0.0001"])
def test_a_stored_number_written_into_an_input_reads_back_the_same(stored) -> None:
    assert read_number(editable(Decimal(stored))) == Decimal(stored)
    assert editable(Decimal("4350.0000")) == "4.350" and editable(Decimal("1.2340")) == "1,234"


def test_a_measured_value_keeps_its_decimals_without_trailing_zeros() -> None:
    values = ["22.5", "4400", "100.00", "0", "10.05", "-3.10"]
    assert [measured(Decimal(v)) for v in values] == ["22,5", "4.400", "100", "0", "10,05", "-3,1"]

"""Indonesian formatting for documents: Rupiah, dates, decimals and terbilang.

Pure functions (no Django, no locale database): the same output on every
machine, which the books need to be regenerated identically.

>>> rupiah(1_250_000_000)
'Rp1.250.000.000'
>>> tanggal(date(2026, 11, 22))
'22 November 2026'
>>> decimal(3.5, 2)
'3,50'
>>> terbilang(1_250_000)
'satu juta dua ratus lima puluh ribu'
"""

from __future__ import annotations

import re
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)

SCORE_PLACES = 2  # every score, weight and gap on a page or in a book: 66,67


def score(value: int | float | Decimal | str) -> str:
    """A score, weight or gap: two decimals with a decimal comma (66.6667 → '66,67')."""
    return decimal(value, SCORE_PLACES)


_UNITS = ("", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan")
_SCALES = ((10**12, "triliun"), (10**9, "miliar"), (10**6, "juta"))


def _to_decimal(value: int | float | Decimal | str) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


_QUANTA = {places: Decimal(1).scaleb(-places) for places in range(7)}
_SWAP = str.maketrans(",.", ".,")


def decimal(value: int | float | Decimal | str, places: int = 2) -> str:
    """A number with a decimal comma and full-stop thousands: 1234.5 → '1.234,50'.

    Rounded half up first (Python's own format rounds half to even), then grouped by ``format``
    and the separators swapped: pages format thousands of numbers, so this stays in C.
    """
    quantum = _QUANTA.get(places) or Decimal(1).scaleb(-places)
    rounded = _to_decimal(value).quantize(quantum, rounding=ROUND_HALF_UP)
    if not rounded:
        rounded = abs(rounded)  # -0,00 is written 0,00
    return f"{rounded:,.{places}f}".translate(_SWAP)


def measured(value: int | float | Decimal | str, places: int = 2) -> str:
    """A measured value (a KPI's target or actual): up to ``places`` decimals, no trailing zeros, so a
    table, a chart's page and the portal write 22,5 and 4.400 alike (not 22,50 and 4.400,00)."""
    return decimal(value, places).rstrip("0").rstrip(",") if places else decimal(value, 0)


def number(value: int | float | Decimal | str) -> str:
    """A whole number with full-stop thousands: 150000 → '150.000'."""
    return decimal(value, 0)


def rupiah(value: int | float | Decimal | str, places: int = 0) -> str:
    """Rupiah as written in Indonesian government documents: 'Rp1.250.000.000'.

    Negative amounts keep the sign before the symbol ('-Rp5.000'); cents are
    shown only when asked for (``places=2`` → 'Rp1.500,50').
    """
    text = decimal(value, places)
    if text.startswith("-"):
        return "-Rp" + text[1:]
    return "Rp" + text


def tanggal(day: date) -> str:
    """A date written out: date(2026, 11, 22) → '22 November 2026'."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def percent(value: int | float | Decimal | str, places: int = 1) -> str:
    """A percentage with a decimal comma: 12.5 → '12,5%'."""
    return decimal(value, places) + "%"


def _below_thousand(n: int) -> list[str]:
    words: list[str] = []
    hundreds, rest = divmod(n, 100)
    if hundreds == 1:
        words.append("seratus")
    elif hundreds > 1:
        words += [_UNITS[hundreds], "ratus"]
    if rest == 10:
        words.append("sepuluh")
    elif rest == 11:
        words.append("sebelas")
    elif 12 <= rest <= 19:
        words += [_UNITS[rest - 10], "belas"]
    elif rest >= 20:
        tens, unit = divmod(rest, 10)
        words += [_UNITS[tens], "puluh"] + ([_UNITS[unit]] if unit else [])
    elif rest > 0:
        words.append(_UNITS[rest])
    return words


def terbilang(value: int) -> str:
    """A whole number in Indonesian words, as on a cheque or a budget table.

    1000 → 'seribu', 1_250_000 → 'satu juta dua ratus lima puluh ribu'.
    """
    n = int(value)
    if n == 0:
        return "nol"
    if n < 0:
        return "minus " + terbilang(-n)
    words: list[str] = []
    for scale, name in _SCALES:
        count, n = divmod(n, scale)
        if count:
            words += [*_words_for(count), name]
    thousands, n = divmod(n, 1000)
    if thousands == 1:
        words.append("seribu")
    elif thousands > 1:
        words += [*_below_thousand(thousands), "ribu"]
    words += _below_thousand(n)
    return " ".join(words)


def _words_for(count: int) -> list[str]:
    """A count in front of juta/miliar/triliun (which may itself exceed 999)."""
    return terbilang(count).split() if count >= 1000 else _below_thousand(count)


def rupiah_terbilang(value: int) -> str:
    """'satu juta rupiah' — the amount in words for a commitment sheet."""
    return f"{terbilang(value)} rupiah"


class NotANumber(ValueError):
    """Text that is not a number in any form :func:`read_number` accepts."""


# The full stop groups thousands and the comma marks decimals (1.234,5). A group of thousands never
# starts with 0, so "0.500" is not five hundred.
_GROUPED = re.compile(r"[+-]?[1-9]\d{0,2}(\.\d{3})+(,\d+)?")
_DECIMAL_COMMA = re.compile(r"[+-]?\d+(,\d+)?")
# What a machine writes (an API client, a spreadsheet's text cell, an input filled from a stored value):
# a point that cannot be a thousands separator, as in "1.5" or "4350.0000".
_DECIMAL_POINT = re.compile(r"[+-]?\d+\.\d+")


def read_number(text: str) -> Decimal:
    """A number as a person in Indonesia types it, the inverse of :func:`editable`.

    >>> [str(read_number(t)) for t in ("1.500", "1.234,5", "3,5", "Rp 1.500.000", "0.5", "4350.0000", "-2")]
    ['1500', '1234.5', '3.5', '1500000', '0.5', '4350.0000', '-2']

    "1.500" is fifteen hundred, never one and a half (the full stop groups thousands in Indonesian);
    English grouping ("1,500.5") and anything else raise :class:`NotANumber` rather than be guessed.
    """
    cleaned = text.replace("\u00a0", "").replace(" ", "").removeprefix("Rp").removesuffix("%")
    if _GROUPED.fullmatch(cleaned):
        cleaned = cleaned.replace(".", "").replace(",", ".")
    elif _DECIMAL_COMMA.fullmatch(cleaned):
        cleaned = cleaned.replace(",", ".")
    elif not _DECIMAL_POINT.fullmatch(cleaned):
        raise NotANumber(text)
    return Decimal(cleaned)


def editable(value: int | float | Decimal | str) -> str:
    """A stored number written back into an input so that :func:`read_number` reads the same number:
    full-stop thousands, a decimal comma, no trailing zeros (4350.0000 → '4.350', 1.2340 → '1,234')."""
    exact = _to_decimal(value).normalize()
    places = max(0, -exact.as_tuple().exponent)  # type: ignore[operator]  # finite: an int exponent
    return decimal(exact, places)

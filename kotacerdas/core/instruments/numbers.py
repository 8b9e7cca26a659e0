"""Exact numbers in and out: every scoring number is a Fraction."""

from __future__ import annotations

import math
from decimal import Decimal
from fractions import Fraction


def to_fraction(value: object) -> Fraction:
    """Reads an int, a float (by its shortest repr), a Decimal or text such as ``"1.30"`` or ``"1/3"``.

    Floats go through ``repr`` so that ``1.3`` means 13/10, as the author wrote it,
    not the binary approximation 5854679515581645/4503599627370496.
    Raises ValueError for anything else (bool included: ``True`` is not a weight).
    """
    if isinstance(value, bool):
        raise ValueError(f"not a number: {value!r}")
    if isinstance(value, Fraction | int):
        return Fraction(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ValueError(f"not a finite number: {value!r}")
        return Fraction(value)
    if isinstance(value, str):
        text = value.strip()
        if not text or text.lower() in {"nan", "inf", "-inf", "infinity", "+inf"}:
            raise ValueError(f"not a number: {value!r}")
        return Fraction(text)
    raise ValueError(f"not a number: {value!r}")


def fraction_text(value: Fraction) -> str:
    """Exact text for a Fraction: a plain decimal when one exists (``"1.3"``), else ``"1/3"``."""
    denominator = value.denominator
    twos = fives = 0
    while denominator % 2 == 0:
        denominator //= 2
        twos += 1
    while denominator % 5 == 0:
        denominator //= 5
        fives += 1
    if denominator != 1:
        return f"{value.numerator}/{value.denominator}"
    digits = max(twos, fives)
    scaled = value * 10**digits
    text = str(Decimal(scaled.numerator).scaleb(-digits))
    return _trim_zeros(text) if "." in text else text


def _trim_zeros(text: str) -> str:
    return text.rstrip("0").rstrip(".")


def fraction_number(value: Fraction) -> int | float:
    """The plain JSON/XLSX number for a Fraction: an int when whole, else the nearest float."""
    return value.numerator if value.denominator == 1 else float(value)

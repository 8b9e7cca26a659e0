"""The ``<id:...>`` path converter: a record id that fits the database's integer column.

Django's ``<id:...>`` takes any run of digits, so ``/r/33.73/.../99999999999999999999/`` reached the
ORM and overflowed SQLite's 64-bit INTEGER (a 500, found by the OpenAPI fuzzer). Eighteen digits stay
below 2**63 on every backend; a longer id cannot name a record, so the URL simply does not match (404).
"""

from __future__ import annotations

MAX_ID = 10**18 - 1


class RecordIdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)


class SmallNumberConverter:
    """``<number:...>``: a small number that is not a record id but counts within one (a masterplan's
    revision 1, 2, …); four digits at most, so no number reaches the ORM outside a small column."""

    regex = "[0-9]{1,4}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value: int | str) -> str:
        return str(value)

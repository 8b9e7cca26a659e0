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

"""SQL of a fixed query shape, built by the ORM once per process (issues 13 and 17).

Building and compiling a queryset costs several times what running a small query does: on SQLite, a
user by primary key takes ~0.4 ms through ``User.objects.get`` and ~0.05 ms as the same SQL on a cursor.
The queries every request runs (its session, its person, their roles, the region's change stamp) keep
one shape in which only a value changes. :func:`compiled` asks the ORM for the SQL once per database and
shape, with a *stand-in* for each value that changes, and each later run puts the real values where the
stand-ins were. Only values the ORM passes through unchanged may be stood in for (exact lookups of a
key or a date and time, not ``LIKE`` patterns); a stand-in that does not turn up in the parameters
exactly once is refused.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connections
from django.db.models import QuerySet


@dataclass(frozen=True)
class CompiledQuery:
    """SQL with its parameters, where ``slots[i]`` is the position of the i-th stand-in's value."""

    database: str
    sql: str
    parameters: tuple[Any, ...]
    slots: tuple[int, ...]

    def parameters_for(self, values: Sequence[Any]) -> list[Any]:
        parameters = list(self.parameters)
        for slot, value in zip(self.slots, values, strict=True):
            parameters[slot] = _adapted(self.database, value)
        return parameters

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows of the query for these values, as the database driver gives them (no conversion:
        for columns whose values need none, such as text and integers)."""
        with connections[self.database].cursor() as cursor:
            cursor.execute(self.sql, self.parameters_for(values))
            return list(cursor.fetchall())


_COMPILED: dict[tuple[Hashable, str], CompiledQuery] = {}


def compiled(
    shape: Hashable, database: str, build: Callable[..., QuerySet[Any]], *stand_ins: Any
) -> CompiledQuery:
    """The SQL of ``build(*stand_ins)`` on ``database``, built once per process for each ``shape``."""
    key = (shape, database)
    if key not in _COMPILED:
        sql, parameters = build(*stand_ins).query.get_compiler(database).as_sql()
        slots = []
        for stand_in in stand_ins:
            adapted = _adapted(database, stand_in)
            found = [i for i, value in enumerate(parameters) if value == adapted]
            if len(found) != 1:
                raise ValueError(f"the stand-in {stand_in!r} appears {len(found)} times in {sql}")
            slots.append(found[0])
        _COMPILED[key] = CompiledQuery(database, sql, tuple(parameters), tuple(slots))
    return _COMPILED[key]


def _adapted(database: str, value: Any) -> Any:
    """A value as the ORM passes it to the driver (a date and time, on SQLite, as text in UTC)."""
    if isinstance(value, datetime):
        return connections[database].ops.adapt_datetimefield_value(value)
    return value

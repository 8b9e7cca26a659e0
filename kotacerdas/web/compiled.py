"""SQL of a fixed query shape, built by the ORM once per process (issues 13 and 17).

Building and compiling a queryset costs several times what running a small query does: on SQLite, a
user by primary key takes ~0.4 ms through ``User.objects.get`` and ~0.05 ms as the same SQL on a cursor.
The queries every request runs (its session, its person, their roles, the region's change stamp) keep
one shape in which only a value changes. :func:`compiled` asks the ORM for the SQL once per database and
shape, with a *stand-in* for each value that changes, and each later run puts the real values where the
stand-ins were. ``rows()`` gives the driver's rows; ``objects()`` model instances, built by the ORM's
own compiler (set up once) as a queryset's iteration builds them, ``select_related`` rows included.
Only values the ORM passes through unchanged may be stood in for (exact lookups of a key or a date and
time, not ``LIKE`` patterns, and values inside the column's range: the ORM folds a lookup of a year
-7 into "no rows"); a stand-in that does not turn up in the parameters is refused, and one that turns
up several times (a region's key in a query and its subquery) is put in every place. The instances'
building uses the compiler's ``klass_info`` and ``select`` as Django 5.2's ``ModelIterable`` does;
``kotacerdas/web/tests/test_compiled.py`` holds it against the ORM's own.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import connections
from django.db.models import QuerySet
from django.db.models.query import ModelIterable, get_related_populators
from django.db.models.sql.compiler import SQLCompiler


class _Instances:
    """What Django's ``ModelIterable`` works out from a compiler for each query, worked out once: the
    model's columns, the ``select_related`` populators and the annotations' positions."""

    def __init__(self, compiler: SQLCompiler, database: str) -> None:
        klass_info, select = compiler.klass_info, compiler.select
        assert klass_info is not None
        self.compiler, self.database, self.model = compiler, database, klass_info["model"]
        self.start, self.end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
        self.fields = [column[0].target.attname for column in select[self.start : self.end]]
        self.related = get_related_populators(klass_info, select, database)  # type: ignore[call-arg]
        self.annotations = list(compiler.annotation_col_map.items())
        # What ``SQLCompiler.results_iter`` works out on every call: each column's converters.
        self.columns = [column[0] for column in select[0 : compiler.col_count]]
        self.converters = compiler.get_converters(self.columns)
        self.composite = compiler.has_composite_fields(self.columns)

    def converted(self, rows: list[Any]) -> Iterable[Any]:
        """The rows with each column converted as the ORM converts it (``results_iter``'s steps)."""
        found: Iterable[Any] = rows
        if self.converters:
            found = self.compiler.apply_converters(found, self.converters)
        if self.composite:
            found = self.compiler.composite_fields_to_tuples(found, self.columns)
        return found

    def build(self, rows: list[Any]) -> list[Any]:
        found = []
        for row in self.converted(rows):
            instance = self.model.from_db(self.database, self.fields, row[self.start : self.end])
            for populator in self.related:
                populator.populate(row, instance)
            for name, position in self.annotations:
                setattr(instance, name, row[position])
            found.append(instance)
        return found


@dataclass(frozen=True)
class CompiledQuery:
    """SQL with its parameters, where ``slots[i]`` are the positions of the i-th stand-in's value."""

    database: str
    sql: str
    parameters: tuple[Any, ...]
    slots: tuple[tuple[int, ...], ...]
    # How a model queryset's rows become instances (``objects``), worked out once.
    instances: _Instances | None = None

    def parameters_for(self, values: Sequence[Any]) -> list[Any]:
        parameters = list(self.parameters)
        for slots, value in zip(self.slots, values, strict=True):
            for slot in slots:
                parameters[slot] = _adapted(self.database, value)
        return parameters

    def rows(self, *values: Any) -> list[tuple[Any, ...]]:
        """The rows of the query for these values, as the database driver gives them (no conversion:
        for columns whose values need none, such as text and integers)."""
        with connections[self.database].cursor() as cursor:
            cursor.execute(self.sql, self.parameters_for(values))
            return list(cursor.fetchall())

    def objects(self, *values: Any) -> list[Any]:
        """The instances a model queryset of this shape gives for these values, built as Django's
        ``ModelIterable`` builds them: fields converted, ``select_related`` rows attached."""
        if self.instances is None:
            raise TypeError("objects() needs a queryset of model instances")
        return self.instances.build(self.rows(*values))

    def first(self, *values: Any) -> Any:
        found = self.objects(*values)
        return found[0] if found else None


_COMPILED: dict[tuple[Hashable, str], CompiledQuery] = {}


def first_of(queryset: QuerySet[Any]) -> QuerySet[Any]:
    """The query ``queryset.first()`` runs (its ordering, else by primary key; one row), to compile."""
    return (queryset if queryset.ordered else queryset.order_by("pk"))[:1]


def compiled(
    shape: Hashable, database: str, build: Callable[..., QuerySet[Any]], *stand_ins: Any
) -> CompiledQuery:
    """The SQL of ``build(*stand_ins)`` on ``database``, built once per process for each ``shape``."""
    key = (shape, database)
    if key not in _COMPILED:
        queryset = build(*stand_ins)
        internals: Any = queryset
        if internals._prefetch_related_lookups or internals._known_related_objects:
            raise ValueError("a compiled query cannot prefetch or carry known related objects")
        compiler = queryset.query.get_compiler(database)
        sql, parameters = compiler.as_sql()
        slots = []
        for stand_in in stand_ins:
            adapted = _adapted(database, stand_in)
            found = [i for i, value in enumerate(parameters) if value == adapted]
            if not found:
                raise ValueError(f"the stand-in {stand_in!r} does not appear in {sql}")
            slots.append(tuple(found))
        model_rows = queryset._iterable_class is ModelIterable
        instances = _Instances(compiler, database) if model_rows else None
        _COMPILED[key] = CompiledQuery(database, sql, tuple(parameters), tuple(slots), instances)
    return _COMPILED[key]


def _adapted(database: str, value: Any) -> Any:
    """A value as the ORM passes it to the driver (a date and time, on SQLite, as text in UTC)."""
    if isinstance(value, datetime):
        return connections[database].ops.adapt_datetimefield_value(value)
    return value

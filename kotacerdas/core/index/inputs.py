"""Reading and validating COINr-style inputs: iMeta (the framework) and iData (the units).

Both arrive as rows of strings (from CSV, a spreadsheet or an adapter), are checked up front and
become immutable objects. Every error names the row and the code at fault.
"""

from __future__ import annotations

import csv
import hashlib
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError

META_TYPES = ("Indicator", "Aggregate", "Group", "Denominator", "Other")
META_REQUIRED_COLUMNS = ("iCode", "Level", "Parent", "Direction", "Weight", "Type")

Row = Mapping[str, str | None]


@dataclass(frozen=True)
class Framework:
    """The index structure from iMeta: levels, parents, weights, directions.

    ``levels[0]`` holds the indicator codes (level 1, in iMeta order), ``levels[-1]`` the top.
    """

    levels: tuple[tuple[str, ...], ...]
    parent: Mapping[str, str]
    weight: Mapping[str, float]
    direction: Mapping[str, int]
    name: Mapping[str, str]
    target: Mapping[str, float]
    denominator: Mapping[str, str]
    group_columns: tuple[str, ...] = ()
    denominator_columns: tuple[str, ...] = ()

    @property
    def indicators(self) -> tuple[str, ...]:
        return self.levels[0]

    @property
    def n_levels(self) -> int:
        return len(self.levels)

    @property
    def all_codes(self) -> tuple[str, ...]:
        return tuple(code for level in self.levels for code in level)

    def level_of(self, code: str) -> int:
        for number, codes in enumerate(self.levels, start=1):
            if code in codes:
                return number
        raise CompositeIndexError(f"iCode '{code}' is not an indicator or aggregate of the framework")

    def children(self, code: str) -> tuple[str, ...]:
        level = self.level_of(code)
        if level == 1:
            return ()
        return tuple(child for child in self.levels[level - 2] if self.parent.get(child) == code)

    def groups(self, level: int) -> list[tuple[str, list[int]]]:
        """For aggregating into ``level``: each parent code with the positions of its children."""
        children = self.levels[level - 2]
        return [
            (parent, [i for i, child in enumerate(children) if self.parent.get(child) == parent])
            for parent in self.levels[level - 1]
        ]

    def with_weights(self, weights: Mapping[str, float]) -> Framework:
        unknown = sorted(set(weights) - set(self.all_codes))
        if unknown:
            raise CompositeIndexError(f"weight given for unknown iCode(s): {', '.join(unknown)}")
        return replace(self, weight={**self.weight, **{k: float(v) for k, v in weights.items()}})


@dataclass(frozen=True)
class Dataset:
    """Unit rows: codes, names, group labels, denominators and the indicator matrix.

    ``values`` has one row per unit and one column per ``framework.indicators`` entry; NaN = missing.
    """

    units: tuple[str, ...]
    values: np.ndarray
    unit_names: tuple[str, ...] = ()
    groups: Mapping[str, tuple[str | None, ...]] = field(default_factory=dict)
    denominators: Mapping[str, np.ndarray] = field(default_factory=dict)

    def subset(self, keep: np.ndarray) -> Dataset:
        """The same data restricted to the units where ``keep`` is true."""
        rows = np.flatnonzero(keep)
        return Dataset(
            units=tuple(self.units[i] for i in rows),
            values=self.values[rows],
            unit_names=tuple(self.unit_names[i] for i in rows) if self.unit_names else (),
            groups={k: tuple(v[i] for i in rows) for k, v in self.groups.items()},
            denominators={k: v[rows] for k, v in self.denominators.items()},
        )

    def with_values(self, values: np.ndarray) -> Dataset:
        return replace(self, values=values)


# ---------------------------------------------------------------- reading tables


def read_table(path: str | Path) -> list[dict[str, str | None]]:
    """Rows of a CSV file (or the first sheet of an .xlsx workbook) as dicts of strings."""
    path = Path(path)
    if not path.exists():
        raise CompositeIndexError(f"file not found: {path}")
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _read_xlsx(path)
    with path.open(newline="", encoding="utf-8-sig") as handle:
        return [dict(row) for row in csv.DictReader(handle)]


def _read_xlsx(path: Path) -> list[dict[str, str | None]]:
    try:
        import openpyxl
    except ImportError as exc:  # pragma: no cover - openpyxl is a declared dependency
        raise CompositeIndexError("reading .xlsx needs the openpyxl package") from exc
    sheet = openpyxl.load_workbook(path, read_only=True, data_only=True).worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [str(cell) if cell is not None else "" for cell in next(rows, ())]
    return [
        {
            name: (None if cell is None else repr(cell) if isinstance(cell, float) else str(cell))
            for name, cell in zip(header, row, strict=False)
            if name
        }
        for row in rows
        if any(cell is not None for cell in row)
    ]


def input_hash(*paths_or_rows: str | Path | Sequence[Row]) -> str:
    """SHA-256 over the inputs, so a result can say exactly which data produced it."""
    digest = hashlib.sha256()
    for item in paths_or_rows:
        if isinstance(item, str | Path):
            digest.update(Path(item).read_bytes())
        else:
            for row in item:
                digest.update(repr(sorted(row.items())).encode())
    return digest.hexdigest()


# ---------------------------------------------------------------- iMeta


def _blank(value: str | None) -> bool:
    return value is None or str(value).strip() in ("", "NA")


def _number(value: str | None, what: str) -> float:
    try:
        number = float(str(value).strip())
    except (TypeError, ValueError):
        raise CompositeIndexError(f"{what}: '{value}' is not a number") from None
    if math.isnan(number):
        raise CompositeIndexError(f"{what}: value is missing")
    return number


def framework_from_rows(rows: Sequence[Row]) -> Framework:
    """Validate iMeta rows and build the framework. Errors name the iMeta row and iCode."""
    if not rows:
        raise CompositeIndexError("iMeta has no rows")
    missing = [col for col in META_REQUIRED_COLUMNS if col not in rows[0]]
    if missing:
        raise CompositeIndexError(f"iMeta lacks required column(s): {', '.join(missing)}")
    entries = [_meta_entry(number, row) for number, row in enumerate(rows, start=2)]
    _check_unique_codes(entries)
    ranked = [e for e in entries if e["type"] in ("Indicator", "Aggregate")]
    _check_parents(ranked)
    max_level = max(int(e["level"]) for e in ranked)
    levels = tuple(
        tuple(str(e["code"]) for e in ranked if e["level"] == level) for level in range(1, max_level + 1)
    )
    for number, codes in enumerate(levels, start=1):
        if not codes:
            raise CompositeIndexError(f"iMeta has no iCode at Level {number} (levels must not skip)")
    framework = Framework(
        levels=levels,
        parent={str(e["code"]): str(e["parent"]) for e in ranked if e["parent"]},
        weight={str(e["code"]): float(e["weight"]) for e in ranked},
        direction={str(e["code"]): int(e["direction"]) for e in ranked},
        name={str(e["code"]): str(e["name"]) for e in entries},
        target={str(e["code"]): float(e["target"]) for e in ranked if e["target"] is not None},
        denominator={str(e["code"]): str(e["denominator"]) for e in ranked if e["denominator"]},
        group_columns=tuple(str(e["code"]) for e in entries if e["type"] == "Group"),
        denominator_columns=tuple(str(e["code"]) for e in entries if e["type"] == "Denominator"),
    )
    _check_childless_aggregates(framework)
    return framework


def _meta_entry(number: int, row: Row) -> dict[str, Any]:
    code = (row.get("iCode") or "").strip()
    where = f"iMeta row {number} (iCode '{code}')"
    if not code:
        raise CompositeIndexError(f"iMeta row {number}: iCode is empty")
    kind = (row.get("Type") or "").strip()
    if kind not in META_TYPES:
        raise CompositeIndexError(f"{where}: Type '{kind}' is not one of {', '.join(META_TYPES)}")
    entry: dict[str, Any] = {
        "row": number,
        "code": code,
        "type": kind,
        "name": (row.get("iName") or code).strip(),
        "parent": None if _blank(row.get("Parent")) else str(row.get("Parent")).strip(),
        "denominator": None if _blank(row.get("Denominator")) else str(row.get("Denominator")).strip(),
        "target": None if _blank(row.get("Target")) else _number(row.get("Target"), f"{where} Target"),
    }
    if kind not in ("Indicator", "Aggregate"):
        return entry
    level = _number(row.get("Level"), f"{where} Level")
    if level != int(level) or level < 1:
        raise CompositeIndexError(f"{where}: Level must be a positive whole number, got '{row.get('Level')}'")
    if kind == "Indicator" and level != 1:
        raise CompositeIndexError(f"{where}: an Indicator must have Level 1, got {int(level)}")
    if kind == "Aggregate" and level < 2:
        raise CompositeIndexError(f"{where}: an Aggregate must have Level 2 or higher")
    direction = _number(row.get("Direction"), f"{where} Direction")
    if direction not in (-1, 1):
        raise CompositeIndexError(f"{where}: Direction must be 1 or -1, got '{row.get('Direction')}'")
    weight = _number(row.get("Weight"), f"{where} Weight")
    if weight < 0:
        raise CompositeIndexError(f"{where}: Weight must not be negative, got {weight}")
    entry.update(level=int(level), direction=int(direction), weight=weight)
    return entry


def _check_unique_codes(entries: list[dict[str, Any]]) -> None:
    seen: dict[Any, Any] = {}
    for e in entries:
        if e["code"] in seen:
            raise CompositeIndexError(
                f"iMeta row {e['row']}: iCode '{e['code']}' is duplicated (first at row {seen[e['code']]})"
            )
        seen[e["code"]] = e["row"]


def _check_parents(ranked: list[dict[str, Any]]) -> None:
    by_code = {e["code"]: e for e in ranked}
    max_level = max(int(e["level"]) for e in ranked)
    for e in ranked:
        where = f"iMeta row {e['row']} (iCode '{e['code']}')"
        parent = e["parent"]
        if parent is None:
            if e["level"] != max_level:
                raise CompositeIndexError(f"{where}: Parent is empty but Level {e['level']} is not the top")
            continue
        if parent not in by_code:
            raise CompositeIndexError(f"{where}: Parent '{parent}' is not an Aggregate iCode in iMeta")
    _check_cycles(ranked, by_code)
    for e in ranked:
        parent = e["parent"]
        if parent is not None and by_code[parent]["level"] != int(e["level"]) + 1:
            raise CompositeIndexError(
                f"iMeta row {e['row']} (iCode '{e['code']}'): Parent '{parent}' is at Level "
                f"{by_code[parent]['level']}, expected Level {int(e['level']) + 1}"
            )


def _check_cycles(ranked: list[dict[str, Any]], by_code: dict[Any, dict[str, Any]]) -> None:
    for e in ranked:
        path = [e["code"]]
        parent = e["parent"]
        while parent is not None:
            if parent in path:
                cycle = " -> ".join(str(c) for c in [*path[path.index(parent) :], parent])
                raise CompositeIndexError(f"iMeta Parent links form a cycle: {cycle}")
            path.append(parent)
            parent = by_code[parent]["parent"]


def _check_childless_aggregates(framework: Framework) -> None:
    for level in framework.levels[1:]:
        for code in level:
            if not framework.children(code):
                raise CompositeIndexError(
                    f"iMeta: Aggregate '{code}' has no children (no row has it as Parent)"
                )


# ---------------------------------------------------------------- iData


def dataset_from_rows(rows: Sequence[Row], framework: Framework) -> Dataset:
    """Validate iData rows against the framework and build the dataset."""
    if not rows:
        raise CompositeIndexError("iData has no rows")
    columns = list(rows[0])
    needed = ["uCode", *framework.indicators, *framework.group_columns, *framework.denominator_columns]
    missing = [col for col in needed if col not in columns]
    if missing:
        raise CompositeIndexError(f"iData lacks column(s) named in iMeta: {', '.join(missing)}")
    units = _unit_codes(rows)
    values = np.column_stack([_numeric_column(rows, code) for code in framework.indicators])
    for j, code in enumerate(framework.indicators):
        if np.isnan(values[:, j]).all():
            raise CompositeIndexError(f"iData column '{code}' is all missing")
    denominators = {code: _numeric_column(rows, code) for code in framework.denominator_columns}
    groups = {
        code: tuple(None if _blank(row.get(code)) else str(row.get(code)) for row in rows)
        for code in framework.group_columns
    }
    names = tuple(str(row.get("uName") or "") for row in rows) if "uName" in columns else ()
    return Dataset(units=units, values=values, unit_names=names, groups=groups, denominators=denominators)


def _unit_codes(rows: Sequence[Row]) -> tuple[str, ...]:
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        code = (row.get("uCode") or "").strip()
        if not code:
            raise CompositeIndexError(f"iData row {number}: uCode is empty")
        if code in seen:
            hint = " (panel data? select one period with --time)" if "Time" in row else ""
            raise CompositeIndexError(
                f"iData row {number}: uCode '{code}' is duplicated (first at row {seen[code]}){hint}"
            )
        seen[code] = number
    return tuple(seen)


def _numeric_column(rows: Sequence[Row], code: str) -> np.ndarray:
    out = np.empty(len(rows))
    for i, row in enumerate(rows):
        cell = row.get(code)
        if _blank(cell):
            out[i] = np.nan
            continue
        try:
            out[i] = float(str(cell).strip())
        except ValueError:
            raise CompositeIndexError(
                f"iData row {i + 2} (uCode '{row.get('uCode')}'), column '{code}': '{cell}' is not a number"
            ) from None
        if not math.isfinite(out[i]):
            raise CompositeIndexError(
                f"iData row {i + 2} (uCode '{row.get('uCode')}'), column '{code}': '{cell}' is not finite"
            )
    return out


def select_time(rows: Sequence[Row], time: str | None) -> Sequence[Row]:
    """The rows of one period of panel data (COINr's ``Time`` column); all rows when ``time`` is None."""
    if time is None:
        return rows
    if rows and "Time" not in rows[0]:
        raise CompositeIndexError(f"iData has no Time column to select Time = {time} from")
    chosen = [row for row in rows if str(row.get("Time") or "").strip() == str(time)]
    if not chosen:
        available = sorted({str(row.get("Time")) for row in rows})
        raise CompositeIndexError(f"iData has no rows with Time = {time} (available: {', '.join(available)})")
    return chosen


def load(data_path: str | Path, meta_path: str | Path, time: str | None = None) -> tuple[Framework, Dataset]:
    """Read and validate iData and iMeta files (CSV or .xlsx); ``time`` picks one period of panel data."""
    framework = framework_from_rows(read_table(meta_path))
    return framework, dataset_from_rows(select_time(read_table(data_path), time), framework)


def rows_of(items: Iterable[Mapping[str, object]]) -> list[dict[str, str | None]]:
    """Turn records of any scalar values (e.g. from an adapter) into the string rows read here."""
    return [{k: None if v is None else str(v) for k, v in item.items()} for item in items]

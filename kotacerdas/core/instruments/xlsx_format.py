"""The two XLSX formats, and the workbook plumbing their exporters and importers share.

The same format serves export and import, so a workbook written here reads back identically.

*Instrument workbook* — one sheet per kind of row, columns found by their header name:

============  ================================================================
instrument    ``field`` / ``value`` pairs: id, version, kind, name_id, …
hierarchy     ``name_id``, ``name_en``: one row per depth
sources       ``source``: one row per source
bands         ``code``, ``name_id``, ``name_en``, ``min``
level_sets    ``level_set`` *or* ``indicator`` (inline levels), ``level``, names, criteria, evidence
nodes         ``code``, ``parent``, names, ``weight``, …, ``answer_type`` (blank = group), answer fields
options       ``indicator``, ``code``, ``name_id``, ``name_en``, ``points``
============  ================================================================

The importer (``xlsx_instrument_import``) turns the sheets into the same mapping
a YAML file holds and hands it to the same validator, so every problem is
reported with its sheet and row; the exporter is ``xlsx_instrument_export``.

*Answers workbook* (``xlsx_answers``) — sheet ``answers`` with ``indicator`` and
``value`` (and ``region`` for many regions); other columns (names, answer hints)
are for people and ignored on import. Exporting with no answers gives a blank fill-in form.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from .errors import AnswersError, InstrumentError, Problem

Source = str | Path | bytes | IO[bytes]
Rows = list[tuple[int, dict[str, Any]]]

INSTRUMENT_FIELDS = [
    "id",
    "version",
    "kind",
    "name_id",
    "name_en",
    "description_id",
    "description_en",
    "status",
    "scale_min",
    "scale_max",
    "rule",
    "missing",
    "weight_check",
]
NODE_COLUMNS = [
    "code",
    "parent",
    "name_id",
    "name_en",
    "weight",
    "description_id",
    "description_en",
    "optional",
    "example",
    "rule",
    "missing",
    "answer_type",
    "levels",
    "unit",
    "direction",
    "lower",
    "upper",
    "min",
    "max",
    "yes_points",
    "no_points",
    "evidence_required",  # last, so the columns people already know keep their letters
]
LEVEL_COLUMNS = [
    "level_set",
    "indicator",
    "level",
    "name_id",
    "name_en",
    "criteria_id",
    "criteria_en",
    "evidence_id",
    "evidence_en",
]
OPTION_COLUMNS = ["indicator", "code", "name_id", "name_en", "points"]
BAND_COLUMNS = ["code", "name_id", "name_en", "min"]
ANSWER_SHEET = "answers"


# ================================================================= reading


def read_workbook(source: Source, error: type[InstrumentError] | type[AnswersError]) -> dict[str, Rows]:
    """Every sheet as (row number, {header: value}) pairs, blank rows skipped."""
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except FileNotFoundError:
        raise error(
            [Problem("unreadable_file", str(source), None, {"file": source, "reason": "file not found"})]
        ) from None
    except (InvalidFileException, zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        name = source if isinstance(source, str | Path) else "workbook"
        raise error([Problem("unreadable_file", str(name), None, {"file": name, "reason": exc})]) from None
    sheets = {sheet.title: _sheet_rows(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
    workbook.close()
    return sheets


def _sheet_rows(rows: Iterable[tuple[Any, ...]]) -> Rows:
    iterator = iter(rows)
    header = [str(cell).strip().lower() if cell is not None else "" for cell in next(iterator, ())]
    result: Rows = []
    for number, cells in enumerate(iterator, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        result.append((number, {name: cell for name, cell in zip(header, cells, strict=False) if name}))
    return result


def cell_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def cell_code(value: Any) -> str:
    """Codes typed as numbers (Excel turns "1" into 1) are codes all the same."""
    return cell_text(value)


# ================================================================= writing


def to_cell(value: Any) -> Any:
    """Exact decimal text becomes a number cell (what a spreadsheet user expects); 1/3 stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value and "/" not in value:
        try:
            number = Fraction(value)
        except ValueError:
            return value
        return number.numerator if number.denominator == 1 else float(value)
    return value


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

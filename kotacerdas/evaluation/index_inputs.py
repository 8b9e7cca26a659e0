"""The input of an index run: iData and iMeta tables, read from an upload or from a published cycle.

A table is plain data, ``{"columns": [...], "rows": [[cell, ...], ...]}`` with cells as text (None =
empty), so it is stored with the run and read back in the same order. Reading follows the CLI
(kotacerdas/core/index/inputs.py): a CSV file, or the first sheet of an .xlsx workbook; one workbook
with sheets named ``iData`` and ``iMeta`` is accepted too. Uploads follow kotacerdas/web/uploads.py
(size limit, type from the content); CSV has no signature, so it is text that decodes as UTF-8.

``check_tables`` finds every problem it can (bad numbers, missing columns, indicators iMeta names that
iData lacks) and refuses with all of them, each naming the sheet, the row and the column; only then do
the engine's own checks run (they stop at the first problem).
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import math
from collections.abc import Mapping, Sequence
from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.core.index import CompositeIndexError, Dataset, Framework
from kotacerdas.core.index.inputs import (
    META_REQUIRED_COLUMNS,
    META_TYPES,
    dataset_from_rows,
    framework_from_rows,
)
from kotacerdas.web import uploads

Table = dict[str, Any]
DATA, META = "iData", "iMeta"
MAX_PROBLEMS = 30  # enough to fix a file; a wholly wrong file would otherwise list thousands


# ---------------------------------------------------------------- reading uploads


def read_upload(upload: Any, field: str) -> tuple[bytes, str]:
    """The bytes and kind (csv or xlsx) of an upload, under the shared upload rules."""
    if upload.size > uploads.MAX_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(mb)d MB.") % {"mb": uploads.MAX_BYTES // 2**20}}
        )
    upload.seek(0)
    content = upload.read()
    kind = uploads.sniff(content)
    if kind is None and _is_text(content):
        kind = "csv"
    if kind not in ("csv", "xlsx"):
        message = _("This file type is not accepted. Upload one of: %(types)s.") % {"types": "CSV, XLSX"}
        raise ValidationError({field: message})
    return content, kind


def _is_text(content: bytes) -> bool:
    if b"\x00" in content:
        return False
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        return False
    return True


def csv_table(content: bytes) -> Table:
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig"), newline=""))
    header = next(reader, [])
    rows = [[cell if cell != "" else None for cell in row] for row in reader if row]
    return {"columns": header, "rows": rows}


def xlsx_tables(content: bytes, field: str) -> dict[str, Table]:
    """Every sheet of a workbook, by name; cells as the CLI reads them (floats as their repr)."""
    import openpyxl

    try:
        book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:  # a corrupt or unreadable workbook, whatever openpyxl raises
        raise ValidationError({field: _("The workbook could not be read.")}) from None
    return {sheet.title: _sheet_table(sheet.iter_rows(values_only=True)) for sheet in book.worksheets}


def _sheet_table(rows: Any) -> Table:
    header = [str(cell) if cell is not None else "" for cell in next(rows, ())]
    body = []
    for row in rows:
        if not any(cell is not None for cell in row):
            continue
        cells = [None if c is None else repr(c) if isinstance(c, float) else str(c) for c in row]
        body.append((cells + [None] * len(header))[: len(header)])
    return {"columns": header, "rows": body}


def tables_from_uploads(data: Any, meta: Any | None) -> tuple[dict[str, Table], str]:
    """The iData and iMeta tables and the SHA-256 of the uploaded bytes (as the CLI's input hash)."""
    data_bytes, data_kind = read_upload(data, "data_file")
    if meta is None:
        if data_kind != "xlsx":
            raise ValidationError(
                {"meta_file": _("Upload the iMeta file too (or one workbook with both sheets).")}
            )
        sheets = {name.lower(): table for name, table in xlsx_tables(data_bytes, "data_file").items()}
        missing = [name for name in (DATA, META) if name.lower() not in sheets]
        if missing:
            message = _("The workbook has no sheet named %(sheets)s.") % {"sheets": ", ".join(missing)}
            raise ValidationError({"data_file": message})
        tables = {DATA: sheets[DATA.lower()], META: sheets[META.lower()]}
        return tables, hashlib.sha256(data_bytes).hexdigest()
    meta_bytes, meta_kind = read_upload(meta, "meta_file")
    tables = {
        DATA: _first_table(data_bytes, data_kind, "data_file"),
        META: _first_table(meta_bytes, meta_kind, "meta_file"),
    }
    return tables, hashlib.sha256(data_bytes + meta_bytes).hexdigest()


def _first_table(content: bytes, kind: str, field: str) -> Table:
    if kind == "csv":
        return csv_table(content)
    sheets = list(xlsx_tables(content, field).values())
    return sheets[0] if sheets else {"columns": [], "rows": []}


# ---------------------------------------------------------------- tables as the engine reads them


def table_rows(table: Mapping[str, Any]) -> list[dict[str, str | None]]:
    columns = list(table["columns"])
    return [{name: cell for name, cell in zip(columns, row, strict=False) if name} for row in table["rows"]]


def tables_hash(tables: Mapping[str, Table]) -> str:
    """SHA-256 of the canonical tables: the same for a CSV and an XLSX of the same content."""
    # sorted keys: jsonb (PostgreSQL) stores an object's keys in its own order; the lists keep theirs
    canonical = {k: tables[k] for k in (DATA, META)}
    text = json.dumps(canonical, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def load_tables(tables: Mapping[str, Table]) -> tuple[Framework, Dataset]:
    framework = framework_from_rows(table_rows(tables[META]))
    return framework, dataset_from_rows(table_rows(tables[DATA]), framework)


# ---------------------------------------------------------------- checking, with every problem named


def _blank(value: Any) -> bool:
    return value is None or str(value).strip() in ("", "NA")


def _not_number(value: Any) -> bool:
    try:
        return not math.isfinite(float(str(value).strip()))
    except ValueError:
        return True


def _meta_problems(rows: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> list[str]:
    problems = [
        _("Sheet %(sheet)s: column “%(column)s” is missing.") % {"sheet": META, "column": column}
        for column in META_REQUIRED_COLUMNS
        if column not in columns
    ]
    if problems:
        return problems
    for number, row in enumerate(rows, start=2):
        code, kind = (row.get("iCode") or "").strip(), (row.get("Type") or "").strip()
        where = {"sheet": META, "row": number, "code": code}
        if kind not in META_TYPES:
            problems.append(
                _(
                    "Sheet %(sheet)s, row %(row)d (%(code)s), column “Type”: "
                    "“%(value)s” is not one of %(types)s."
                )
                % (where | {"value": kind, "types": ", ".join(META_TYPES)})
            )
        elif kind in ("Indicator", "Aggregate"):
            for column in ("Level", "Direction", "Weight"):
                if _not_number(row.get(column)):
                    problems.append(_cell_problem(where, column, row.get(column)))
    return problems


def _cell_problem(where: Mapping[str, Any], column: str, value: Any) -> str:
    return _("Sheet %(sheet)s, row %(row)d (%(code)s), column “%(column)s”: “%(value)s” is not a number.") % (
        dict(where) | {"column": column, "value": "" if value is None else value}
    )


def _data_problems(
    rows: Sequence[Mapping[str, Any]], columns: Sequence[str], meta: Sequence[Mapping[str, Any]]
) -> list[str]:
    problems = []
    if "uCode" not in columns:
        problems.append(
            _("Sheet %(sheet)s: column “%(column)s” is missing.") % {"sheet": DATA, "column": "uCode"}
        )
    numeric = []
    for number, row in enumerate(meta, start=2):
        code, kind = (row.get("iCode") or "").strip(), (row.get("Type") or "").strip()
        if kind in ("Indicator", "Denominator", "Group") and code not in columns:
            problems.append(
                _("Sheet %(meta)s, row %(row)d: “%(code)s” is not a column of sheet %(data)s.")
                % {"meta": META, "row": number, "code": code, "data": DATA}
            )
        elif kind in ("Indicator", "Denominator"):
            numeric.append(code)
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=2):
        unit = (row.get("uCode") or "").strip()
        if "uCode" not in columns:
            pass  # said once above
        elif not unit:
            problems.append(
                _("Sheet %(sheet)s, row %(row)d: uCode is empty.") % {"sheet": DATA, "row": number}
            )
        elif unit in seen:
            problems.append(
                _("Sheet %(sheet)s, row %(row)d: uCode “%(code)s” appears twice (first in row %(first)d).")
                % {"sheet": DATA, "row": number, "code": unit, "first": seen[unit]}
            )
        seen.setdefault(unit, number)
        where = {"sheet": DATA, "row": number, "code": unit}
        problems += [
            _cell_problem(where, c, row[c]) for c in numeric if not _blank(row.get(c)) and _not_number(row[c])
        ]
    return problems


def check_tables(tables: Mapping[str, Table]) -> tuple[Framework, Dataset]:
    """The framework and dataset, or a ValidationError listing the problems on ``meta`` and ``data``."""
    meta_rows, data_rows = table_rows(tables[META]), table_rows(tables[DATA])
    errors: dict[str, list[str]] = {}
    if not meta_rows:
        errors["meta_file"] = [_("Sheet %(sheet)s has no rows.") % {"sheet": META}]
    else:
        errors["meta_file"] = _meta_problems(meta_rows, tables[META]["columns"])
    if not data_rows:
        errors["data_file"] = [_("Sheet %(sheet)s has no rows.") % {"sheet": DATA}]
    elif not errors["meta_file"]:
        errors["data_file"] = _data_problems(data_rows, tables[DATA]["columns"], meta_rows)
    errors = {field: _capped(found) for field, found in errors.items() if found}
    if errors:
        raise ValidationError(errors)
    try:
        return load_tables(tables)
    except CompositeIndexError as error:  # structure (parents, levels, cycles): the engine's words
        message = _("The dataset is not valid: %(error)s") % {"error": error}
        raise ValidationError({"meta_file": message}) from None


def _capped(problems: list[str]) -> list[str]:
    if len(problems) <= MAX_PROBLEMS:
        return problems
    more = _("… and %(count)d more problems.") % {"count": len(problems) - MAX_PROBLEMS}
    return [*problems[:MAX_PROBLEMS], more]


# ---------------------------------------------------------------- a published cycle as a dataset


def tables_from_publication(
    rows: Sequence[Mapping[str, Any]],
    inputs: Mapping[str, Mapping[str, Any]],
    weights: Mapping[str, str],
    names: Mapping[str, str],
    parts: Sequence[str],
) -> dict[str, Table]:
    """The verified, ranked regions of a publication with their part scores as indicators.

    iMeta: one indicator per part with the cycle's instrument weight, one aggregate ``Index`` and a
    ``size_class`` group, so the index reproduces the published total under the default recipe."""
    ranked = [row for row in rows if row.get("rank_national")]
    data_rows = [
        [row["region_code"], names.get(row["region_code"], ""), row["size_class"]]
        + [str(inputs[row["region_code"]]["parts"][part]) for part in parts]
        for row in ranked
    ]
    meta_rows: list[list[str | None]] = [
        [part, part, "1", "Index", "1", repr(float(Fraction(str(weights[part])))), "Indicator"]
        for part in parts
    ]
    meta_rows.append(["Index", "Total", "2", None, "1", "1", "Aggregate"])
    meta_rows.append(["size_class", "Size class", None, None, None, None, "Group"])
    return {
        DATA: {"columns": ["uCode", "uName", "size_class", *parts], "rows": data_rows},
        META: {
            "columns": ["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type"],
            "rows": meta_rows,
        },
    }

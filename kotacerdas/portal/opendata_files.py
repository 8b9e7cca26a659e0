"""The files of the open data: each table of ``opendata`` as CSV, JSON and XLSX, its Frictionless data
package, and the column reference of docs/reference/open-data.md, all from the tables' one definition.

Text goes through ``kotacerdas.core.spreadsheet`` (``csv_text``, ``append_row``), so a cell never
becomes a formula, in the data and in the XLSX's "Keterangan" sheet alike.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from django.urls import reverse
from openpyxl import Workbook

from kotacerdas.core.instruments.numbers import fraction_number, to_fraction
from kotacerdas.core.spreadsheet import append_row, csv_text
from kotacerdas.portal.opendata import Field, N, Row, S, Table

FORMATS = {"csv": "text/csv", "json": "application/json", "xlsx": None}  # xlsx: the uploads' type
# The XLSX's second sheet: what each column of the first means (the data package's schema, in a sheet).
LEGEND = "Keterangan"
LEGEND_HEADER = ["Kolom", "Judul", "Keterangan", "Tipe", "Nilai yang diizinkan"]


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def as_csv(table: Table, rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(table.names)
    for row in rows:
        # only text can start like a formula; numbers stay exact numbers ("-1.5", not "'-1.5")
        writer.writerow([_csv_cell(row.get(field.name), field.type) for field in table.fields])
    return out.getvalue().encode()


def _csv_cell(value: Any, kind: str) -> Any:
    return csv_text(_cell(value)) if kind == S else _cell(value)


def as_json(table: Table, rows: list[Row]) -> bytes:
    """Numbers as JSON numbers (``11.25``, ``50``), as the data package's schema declares them."""
    data = [
        {field.name: _json_cell(row.get(field.name), field.type) for field in table.fields} for row in rows
    ]
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _json_cell(value: Any, kind: str) -> Any:
    if kind == N and value not in (None, ""):
        return fraction_number(to_fraction(value))  # whole: an exact int; else the shortest float
    return value


def as_xlsx(table: Table, rows: list[Row]) -> bytes:
    """The rows on the first sheet (named after the table, the one a spreadsheet opens), and each
    column's title and description on a second sheet, "Keterangan"."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = table.name
    append_row(sheet, table.names)
    for row in rows:
        append_row(sheet, [_xlsx_cell(row.get(field.name), field.type) for field in table.fields])
    legend = book.create_sheet(LEGEND)
    append_row(legend, LEGEND_HEADER)
    for field in table.fields:
        append_row(legend, [field.name, field.title, field.description, field.type, ", ".join(field.enum)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Any, kind: str) -> Any:
    if kind == N and value not in (None, ""):
        return fraction_number(to_fraction(value))  # a number to compute with; the CSV keeps the exact text
    return value


WRITERS = {"csv": as_csv, "json": as_json, "xlsx": as_xlsx}


def download_url(base: str, table: Table, fmt: str) -> str:
    return base + reverse("portal:dataset", kwargs={"table": table.name, "fmt": fmt})


def datapackage(table: Table, base: str) -> dict[str, Any]:
    """The Frictionless data package of one table: its CSV (beside the descriptor) with its schema,
    each field with its title, description and, for a fixed set of codes, ``constraints.enum``."""
    return {
        "name": f"kotacerdas-{table.name}",
        "title": str(table.title),
        "description": str(table.description),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "homepage": base + reverse("portal:data_index"),
        "resources": [
            {
                "name": table.name,
                "path": "data.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [field.schema() for field in table.fields]},
            }
        ],
    }


def columns_reference(tables: list[Table]) -> str:
    """The "Columns" section of docs/reference/open-data.md: one Markdown table per table."""
    parts = []
    for table in tables:
        lines = [f"### `{table.name}`", "", "| column | type | title | description |", "|---|---|---|---|"]
        lines += [_reference_line(field) for field in table.fields]
        parts.append("\n".join(lines))
    return "\n\n".join(parts) + "\n"


def _reference_line(field: Field) -> str:
    kind = field.type + (": " + ", ".join(f"`{code}`" for code in field.enum) if field.enum else "")
    description = field.description.replace("|", "\\|")
    return f"| `{field.name}` | {kind} | {field.title} | {description} |"

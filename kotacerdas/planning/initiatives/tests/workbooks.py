"""Editing an exported initiatives workbook the way a person would, for the import's tests."""

import io
from collections.abc import Callable
from typing import Any

from openpyxl import Workbook, load_workbook

from kotacerdas.planning.initiatives import xlsx


def put(workbook: Workbook, sheet: str, row: int, column: str, value: Any) -> None:
    """Write ``value`` in the named column of a row (row 1 is the header)."""
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    ws.cell(row=row, column=header.index(column) + 1, value=value)


def rename(workbook: Workbook, sheet: str, column: str, new_name: str | None) -> None:
    ws = workbook[sheet]
    header = [c.value for c in ws[1]]
    ws.cell(row=1, column=header.index(column) + 1, value=new_name)


def row_of(workbook: Workbook, sheet: str, code: str) -> int:
    """The first row whose first column (the initiative's code) is ``code``."""
    ws = workbook[sheet]
    return next(r for r in range(2, ws.max_row + 1) if ws.cell(row=r, column=1).value == code)


def edited(region: Any, edit: Callable[[Workbook], None]) -> bytes:
    workbook = load_workbook(io.BytesIO(xlsx.export_workbook(region)))
    edit(workbook)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()

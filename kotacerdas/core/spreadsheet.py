"""Text that is safe to put into a spreadsheet cell, and back out unchanged.

Two things break exports of stored text (issue: formula injection and control characters):

- openpyxl turns any string that starts with ``=`` into a live formula, so a name such as
  ``=HYPERLINK(...)`` or ``=> tahap awal`` runs in the reader's spreadsheet and no longer re-imports.
  ``append_row`` writes every string as a string cell, so the round trip stays lossless.
- XML 1.0 (the XLSX and DOCX formats) cannot hold most C0 control characters; openpyxl raises
  ``IllegalCharacterError`` and python-docx refuses the whole document. ``strip_control`` removes them
  (tab, line feed and carriage return are kept), so an output never fails on stored text.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from openpyxl.worksheet.worksheet import Worksheet

# C0 controls that XML 1.0 forbids (tab \x09, LF \x0a and CR \x0d are allowed), and DEL.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# What a spreadsheet may read as the start of a formula when the text is typed or pasted back (OWASP).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def strip_control(text: str) -> str:
    """``text`` without the control characters an XML document cannot hold."""
    return CONTROL_CHARACTERS.sub("", text)


def has_control(text: str) -> bool:
    return CONTROL_CHARACTERS.search(text) is not None


def append_row(sheet: Worksheet, values: Iterable[Any]) -> None:
    """``sheet.append`` that keeps text as text: never a formula, never an illegal character."""
    sheet.append([strip_control(v) if isinstance(v, str) else v for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.data_type == "f":
            cell.data_type = "s"


def csv_text(value: Any) -> Any:
    """A CSV field that a spreadsheet opening the file will not evaluate: text that starts like a
    formula gets a leading apostrophe (the spreadsheet convention for "this is text")."""
    if isinstance(value, str):
        value = strip_control(value)
        if value.startswith(FORMULA_STARTS):
            return "'" + value
    return value

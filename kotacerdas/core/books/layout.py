"""Table cells and column widths for the books, computed from their content (no DOCX here).

Word and LibreOffice break a word that does not fit its cell in the middle ("Rp1.380.000.00" / "0",
"Baselin" / "e"). So the widths are not guessed per table but measured: every column is at least as
wide as its longest unbreakable piece (a whole amount, a year, a single word of a header) and the
rest of the page goes to the columns with the most text. When even the minimum does not fit, the
font shrinks a little (down to ``MIN_FONT``) instead of breaking a number; past that, the table
reaches into the margins rather than break one.

Text is measured with the Helvetica metrics, which Arial and Liberation Sans (the books' font)
share glyph for glyph.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kotacerdas.core.formatting import rupiah

# Advance widths (1/1000 em) of the printable ASCII characters 32..126 (Helvetica AFM).
_REGULAR = (
    "278 278 355 556 556 889 667 222 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 "
    "556 278 278 584 584 584 556 1015 667 667 722 722 667 611 778 722 278 500 667 556 833 722 778 667 778 "
    "722 667 611 722 667 944 667 667 611 278 278 278 469 556 222 556 556 500 556 556 278 556 556 222 222 "
    "500 222 833 556 556 556 556 333 500 278 556 500 722 500 500 500 334 260 334 584"
)
_BOLD = (
    "278 333 474 556 556 889 722 278 333 333 389 584 278 333 278 278 556 556 556 556 556 556 556 556 556 "
    "556 333 333 584 584 584 611 975 722 722 722 722 667 611 778 722 278 556 722 611 833 722 778 667 778 "
    "722 667 611 722 667 944 667 667 611 333 278 333 584 556 278 556 611 556 611 556 333 611 611 278 278 "
    "556 278 889 611 611 611 611 389 556 333 611 556 778 556 556 500 389 280 389 584"
)
WIDTHS = {False: [int(w) for w in _REGULAR.split()], True: [int(w) for w in _BOLD.split()]}
WIDE = 1000  # an unknown character is counted as a full em, to be safe
CELL_MARGIN_CM = 0.12  # left and right inside each cell, set on every measured table
CELL_PADDING_CM = 2 * CELL_MARGIN_CM + 0.1  # both margins and a little slack for rounding
MIN_FONT = 7.0
PT_CM = 2.54 / 72
NBSP = "\u00a0"
DASH = "–"  # what an empty amount shows, never "Rp0"


@dataclass(frozen=True)
class Cell:
    """A table cell: its text, its alignment, and whether it may wrap at all."""

    text: str
    align: str = "left"  # left / right / center
    nowrap: bool = False


CellValue = str | Cell


def money(amount: int | None) -> Cell:
    """An amount for a table: right-aligned, never broken, "–" when there is nothing."""
    if not amount:
        return Cell(DASH, align="right", nowrap=True)
    return Cell(rupiah(amount), align="right", nowrap=True)


def figure(text: str) -> Cell:
    """A number, year or percentage already formatted: right-aligned and never broken."""
    return Cell(text, align="right", nowrap=True)


def as_cell(value: CellValue) -> Cell:
    return value if isinstance(value, Cell) else Cell(str(value))


def text_width_cm(text: str, size_pt: float, bold: bool = False) -> float:
    table = WIDTHS[bold]
    units = 0
    for char in text:
        code = ord(char)
        if 32 <= code <= 126:
            units += table[code - 32]
        elif char in (NBSP, "–", "²", "“", "”", "‘", "’", "•"):
            units += 556
        else:
            units += WIDE if ord(char) > 0x2000 else 600
    return units / 1000 * size_pt * PT_CM


def _pieces(cell: Cell) -> list[str]:
    """The parts a line may not be broken inside: the whole text, or each word."""
    if cell.nowrap:
        return [cell.text]
    return [word for line in cell.text.split("\n") for word in line.split()] or [""]


@dataclass(frozen=True)
class Fit:
    widths: list[float]  # cm, one per column, summing to the available width
    font_size: float


def fit_columns(
    headers: Sequence[CellValue],
    rows: Sequence[Sequence[CellValue]],
    available_cm: float,
    font_size: float = 10.0,
    bold_last_row: bool = False,
) -> Fit:
    """Column widths from content, shrinking the font only if a whole amount would not fit."""
    size = font_size
    while True:
        minimum, preferred = _measure(headers, rows, size, bold_last_row)
        if sum(minimum) <= available_cm or size <= MIN_FONT:
            return Fit(_distribute(minimum, preferred, _figures(rows, len(headers)), available_cm), size)
        size = max(MIN_FONT, size - 0.5)


def _measure(
    headers: Sequence[CellValue], rows: Sequence[Sequence[CellValue]], size: float, bold_last_row: bool
) -> tuple[list[float], list[float]]:
    columns = len(headers)
    minimum = [0.0] * columns
    preferred = [0.0] * columns
    table = [(list(headers), True)] + [
        (list(row), bold_last_row and n == len(rows) - 1) for n, row in enumerate(rows)
    ]
    for values, bold in table:
        for column, value in enumerate(values[:columns]):
            cell = as_cell(value)
            longest = max(text_width_cm(piece, size, bold) for piece in _pieces(cell))
            whole = max(text_width_cm(line, size, bold) for line in cell.text.split("\n"))
            minimum[column] = max(minimum[column], longest + CELL_PADDING_CM)
            preferred[column] = max(preferred[column], whole + CELL_PADDING_CM)
    return minimum, preferred


def _figures(rows: Sequence[Sequence[CellValue]], columns: int) -> list[bool]:
    """Columns of amounts and numbers only: they keep their width, the text columns get the room."""
    return [
        bool(rows) and all(as_cell(row[c]).nowrap or not as_cell(row[c]).text for row in rows)
        for c in range(columns)
    ]


def _distribute(
    minimum: list[float], preferred: list[float], figures: list[bool], available: float
) -> list[float]:
    """Each column its minimum; the rest in proportion to how much more text a column has."""
    if sum(minimum) >= available:  # even the smallest font is too big: wider than the text, never broken
        return [round(m, 3) for m in minimum]
    if sum(preferred) <= available:  # everything fits on one line: the text columns share the slack
        growing = [0.0 if f else p for p, f in zip(preferred, figures, strict=True)]
        if not any(growing):
            growing = list(preferred)
        slack = available - sum(preferred)
        return [round(p + slack * g / sum(growing), 3) for p, g in zip(preferred, growing, strict=True)]
    spare = available - sum(minimum)
    wants = [max(0.0, p - m) for p, m in zip(preferred, minimum, strict=True)]
    total_want = sum(wants) or 1.0
    return [round(m + spare * w / total_want, 3) for m, w in zip(minimum, wants, strict=True)]

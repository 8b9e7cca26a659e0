"""The DOCX building blocks of the books: paragraphs, captions, measured tables, figures, fields.

``DocWriter`` holds the document and writes the pieces every block uses. Tables take their column
widths from their content (layout.fit_columns) with a fixed layout, so Word and LibreOffice keep
them; amounts are right-aligned and may not wrap.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from docx.document import Document as DocxDocument
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from kotacerdas.core.books.layout import CELL_MARGIN_CM, CellValue, as_cell, fit_columns
from kotacerdas.core.books.placeholders import Placeholder

PLACEHOLDER_COLOUR = RGBColor(0xB2, 0x3A, 0x48)
PLACEHOLDER_SHADE = "FBE9EB"
DEFAULT_TEXT_WIDTH_CM = 16.0
CELL_MARGIN_TOP_CM = 0.04  # a little air above and below the text of a cell
ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
}


@dataclass
class Counters:
    chapter: str = ""
    tables: int = 0
    figures: int = 0


class DocWriter:
    """The document being written and the primitives the blocks are made of."""

    doc: DocxDocument
    styles: set[str]
    count: Counters
    dry: bool = False  # walk the book for its placeholders without building the tables

    def _style(self, name: str, fallback: str = "Normal") -> str:
        return name if name in self.styles else fallback

    def _text_width_cm(self) -> float:
        section = self.doc.sections[-1]
        if section.page_width and section.left_margin is not None and section.right_margin is not None:
            return Emu(section.page_width - section.left_margin - section.right_margin).cm
        return DEFAULT_TEXT_WIDTH_CM

    def _para(
        self,
        text: str,
        *,
        size: int | None = None,
        bold: bool = False,
        italic: bool = False,
        center: bool = False,
        style: str | None = None,
        space_after: int | None = None,
    ) -> Paragraph:
        paragraph = self.doc.add_paragraph(style=self._style(style) if style else None)
        if text:
            run = paragraph.add_run(text)
            run.bold = bold or None
            run.italic = italic or None
            if size:
                run.font.size = Pt(size)
        if center:
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if space_after is not None:
            paragraph.paragraph_format.space_after = Pt(space_after)
        return paragraph

    def _placeholder_paragraph(self, placeholder: Placeholder) -> None:
        """A draft's marked gap: italic, coloured and shaded so nobody prints it by mistake."""
        paragraph = self.doc.add_paragraph()
        run = paragraph.add_run(placeholder.printed)
        run.italic = True
        run.font.color.rgb = PLACEHOLDER_COLOUR
        shading = OxmlElement("w:shd")
        shading.set(qn("w:val"), "clear")
        shading.set(qn("w:fill"), PLACEHOLDER_SHADE)
        paragraph._p.get_or_add_pPr().append(shading)

    def _heading(self, text: str, level: int) -> Paragraph:
        return self.doc.add_paragraph(text, style=self._style(f"Heading {level}"))

    def _page_break(self) -> None:
        self.doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)

    def _caption(self, kind: str, title: str) -> None:
        if kind == "Tabel":
            self.count.tables += 1
            n = self.count.tables
        else:
            self.count.figures += 1
            n = self.count.figures
        paragraph = self.doc.add_paragraph(style=self._style("Caption"))
        paragraph.add_run(f"{kind} {self.count.chapter}.{n} ")
        paragraph.add_run(title)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = kind == "Tabel"

    def _new_table(self, rows: int, cols: int, grid: bool = True) -> Table:
        table = self.doc.add_table(rows=rows, cols=cols)
        if grid and "Table Grid" in self.styles:
            table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        return table

    def _table(
        self,
        caption: str,
        headers: Sequence[CellValue],
        rows: Sequence[Sequence[CellValue]],
        total_row: bool = False,
        font_size: float = 10,
    ) -> None:
        """A captioned grid table whose column widths come from its content."""
        self._caption("Tabel", caption)
        if self.dry:  # only the placeholders are wanted: tables are most of the writing time
            return
        fit = fit_columns(headers, rows, self._text_width_cm(), font_size, bold_last_row=total_row)
        table = self._new_table(1, len(headers))
        for tc, value in zip(table._tbl.tr_lst[0].tc_lst, headers, strict=True):
            _fill(_Cell(tc, table), value, fit.font_size, bold=True)
        _repeat_header(table._tbl.tr_lst[0])
        for index, values in enumerate(rows):
            tr = table.add_row()._tr
            keep_row_together(tr)  # a row is never cut across two pages
            bold = total_row and index == len(rows) - 1
            for tc, value in zip(tr.tc_lst, values, strict=True):
                _fill(_Cell(tc, table), value, fit.font_size, bold=bold)
        set_widths(table, fit.widths)
        self.doc.add_paragraph()

    def _figure(self, png: bytes, caption: str) -> None:
        paragraph = self.doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.keep_with_next = True
        paragraph.add_run().add_picture(io.BytesIO(png), width=Cm(15.5))
        self._caption("Gambar", caption)


def _fill(cell: _Cell, value: CellValue, size: float, bold: bool) -> None:
    spec = as_cell(value)
    paragraph = cell.paragraphs[0]
    run = paragraph.add_run(spec.text)
    run.bold = bold or None
    run.font.size = Pt(size)
    if spec.align != "left":
        paragraph.alignment = ALIGN[spec.align]
    if spec.nowrap:
        cell._tc.get_or_add_tcPr().append(OxmlElement("w:noWrap"))


def set_widths(table: Table, widths: Sequence[float]) -> None:
    """Fixed column widths (cm) in the grid, in every cell and as the table's width."""
    table.autofit = False  # w:tblLayout fixed: the widths below are kept, not recomputed
    total = table._tbl.tblPr.find(qn("w:tblW"))
    if total is not None:
        total.set(qn("w:w"), str(int(Cm(sum(widths)).twips)))
        total.set(qn("w:type"), "dxa")
    _cell_margins(table)
    for column, width in zip(table.columns, widths, strict=False):
        column.width = Cm(width)
    for tr in table._tbl.tr_lst:
        for tc, width in zip(tr.tc_lst, widths, strict=False):
            tc.width = Cm(width)


def _cell_margins(table: Table) -> None:
    """The cell margins the widths were measured with, whatever the template says."""
    margins = OxmlElement("w:tblCellMar")
    for side, cm in (
        ("top", CELL_MARGIN_TOP_CM),
        ("left", CELL_MARGIN_CM),
        ("bottom", CELL_MARGIN_TOP_CM),
        ("right", CELL_MARGIN_CM),
    ):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(int(Cm(cm).twips)))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    properties = table._tbl.tblPr
    for old in properties.findall(qn("w:tblCellMar")):
        properties.remove(old)
    look = properties.find(qn("w:tblLook"))
    if look is not None:
        look.addprevious(margins)
    else:
        properties.append(margins)


def period(start: int | None, end: int | None) -> str:
    if start is None:
        return "–"
    if end is None or end == start:
        return str(start)
    return f"{start}–{end}"


def _repeat_header(tr: Any) -> None:
    properties = tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def keep_row_together(tr: Any) -> None:
    """The row is not split across pages (cantSplit comes first among the row properties we set)."""
    tr.get_or_add_trPr().insert(0, OxmlElement("w:cantSplit"))


def field(paragraph: Paragraph, instruction: str, cached: str) -> None:
    """A Word field (PAGE, TOC, …) with its cached result; lines of ``cached`` become line breaks."""

    def fld_char(kind: str) -> None:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        paragraph.add_run()._r.append(element)

    fld_char("begin")
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    paragraph.add_run()._r.append(instr)
    fld_char("separate")
    for n, line in enumerate(cached.split("\n")):
        run = paragraph.add_run(line)
        if n:
            run._r.addprevious(_line_break())
    fld_char("end")


def _line_break() -> Any:
    run = OxmlElement("w:r")
    run.append(OxmlElement("w:br"))
    return run

"""The national results book of a published evaluation (DOCX, Indonesian).

Pure core (python-docx, no Django): the caller reads every cell from the immutable publication into
``BookData`` as display text; the book only lays the tables out, so its cells are the published
table's cells (the evaluation app's test holds the DOCX against the XLSX and the API). Sections: the
ranking per size class with the rank bands, the regions not ranked (not verified), a summary per
province, and the part scores of every region.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass

from docx import Document
from docx.document import Document as DocxDocument
from docx.shared import Pt

Row = Sequence[str]


@dataclass(frozen=True)
class Table:
    title: str
    header: Row
    rows: Sequence[Row]


@dataclass(frozen=True)
class BookData:
    year: int
    input_hash: str
    published_on: str  # already formatted (tanggal)
    note: str  # e.g. "Data contoh (demo)"
    size_classes: Sequence[Table]  # one per size class, best first
    not_ranked: Table
    provinces: Table
    parts: Table


def book_filename(year: int, extension: str) -> str:
    return f"Buku-Hasil-Evaluasi-Smart-City-{year}.{extension}"


def render_book(data: BookData) -> bytes:
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(10)
    doc.add_heading(f"Buku Hasil Evaluasi Smart City {data.year}", level=0)
    intro = (
        f"Hasil evaluasi pelaksanaan masterplan smart city tahun {data.year}, "
        f"diterbitkan {data.published_on}. "
        "Peringkat dihitung per kelas ukuran wilayah dengan rentang peringkat 5–95% dari analisis "
        "ketidakpastian; wilayah yang belum terverifikasi tidak diperingkat. "
        f"Hash masukan (SHA-256): {data.input_hash}."
    )
    doc.add_paragraph(intro)
    if data.note:
        doc.add_paragraph(data.note)
    doc.add_heading("1. Peringkat per kelas ukuran", level=1)
    for table in data.size_classes:
        _table(doc, table, level=2)
    if data.not_ranked.rows:
        _table(doc, data.not_ranked, level=2)
    doc.add_heading("2. Ringkasan per provinsi", level=1)
    _table(doc, data.provinces, level=None)
    doc.add_heading("3. Nilai per bagian evaluasi", level=1)
    _table(doc, data.parts, level=None)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _table(doc: DocxDocument, table: Table, level: int | None) -> None:
    if level is not None:
        doc.add_heading(table.title, level=level)
    grid = doc.add_table(rows=1, cols=len(table.header))
    grid.style = "Table Grid"
    for cell, text in zip(grid.rows[0].cells, table.header, strict=True):
        cell.text = text
        for run in cell.paragraphs[0].runs:
            run.bold = True
    for row in table.rows:
        cells = grid.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text

"""The result letter of a yearly evaluation for one region (DOCX, Indonesian letter format).

Pure core (python-docx, no Django): the caller reads every figure from the immutable publication
into ``LetterData``; the same data always gives the same letter. The letter follows the Dirjen
Aptika result letters (../shared/domain.md §1.5): number, date, subject, the regional head as
addressee, the five part scores with the cycle's weights, the dimension scores when there are any,
the total, the ranks (within the size class with its 5–95 % band and whether it is robust) and the
improvement over the previous cycle. The text is Indonesian whatever the reader's language: it is
an official letter, like the books (kotacerdas/core/books).
"""

from __future__ import annotations

import io
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Cm, Pt

from kotacerdas.core.evaluation.dimensions import NO_SCORE
from kotacerdas.core.evaluation.entries import PARTS
from kotacerdas.core.formatting import decimal, number, tanggal

PART_LABELS = {
    "baseline": "Baseline",
    "output": "Output",
    "outcome": "Outcome",
    "impact": "Impact",
    "quick_win": "Quick Win",
}
SENDER = (
    "KEMENTERIAN KOMUNIKASI DAN INFORMATIKA REPUBLIK INDONESIA",
    "DIREKTORAT JENDERAL APLIKASI INFORMATIKA",
)
SIGNATORY = "Direktur Jenderal Aptika"
MAX_PLACES = 4  # a total that does not end (a part of 1/3) is shown to 4 places; the CSV keeps 12
DIMENSION_NOTE = (
    "Nilai per dimensi = 5 × jumlah program masterplan yang berjalan ÷ jumlah program yang "
    "direncanakan berjalan pada tahun evaluasi, menurut laporan monitoring yang disetujui; "
    f"{NO_SCORE} berarti tidak ada program yang direncanakan pada dimensi itu."
)
HEADS = {"kota": ("Wali Kota", "Kota"), "kabupaten": ("Bupati", "Kabupaten"), "province": ("Gubernur", "")}


@dataclass(frozen=True)
class LetterData:
    """Everything one letter shows, as exact decimal text from the publication ("" = none)."""

    year: int
    number: str
    date: date
    region_code: str
    region_name: str
    region_kind: str  # kota / kabupaten / province
    parts: Mapping[str, str]  # part → exact score
    weights: Mapping[str, str]  # part → weight in per cent
    total: str
    improvement: str
    previous_total: str
    size_class: str
    rank_national: str
    rank_province: str
    rank_in_class: str
    ranked_national: int  # how many regions were ranked nationally
    band: Mapping[str, object] | None  # {q05, median, q95, robust}
    input_hash: str
    replications: int = 0  # of the rank bands
    # dimension name → exact score ("" = no programme planned, shown "–"); empty for results published
    # before kotacerdas derived them (core/evaluation/dimensions.py)
    dimensions: Mapping[str, str] = field(default_factory=dict)
    note: str = ""  # e.g. "Data contoh (demo)"


def score_text(exact: str) -> str:
    """An exact score in Indonesian form with the places it has (at most 4): '3.475' → '3,475'.

    A part score without a finite decimal (a pre-filled 5 × 1/3, stored exactly as '5/3') is shown to
    4 places: '1,6667'."""
    if "/" in exact:
        numerator, _slash, denominator = exact.partition("/")
        return decimal(Decimal(numerator) / Decimal(denominator), MAX_PLACES)
    value = Decimal(exact)
    places = min(max(-value.normalize().as_tuple().exponent, 0), MAX_PLACES)  # type: ignore[operator]
    return decimal(value, places)


def signed_score_text(exact: str) -> str:
    text = score_text(exact)
    return text if text.startswith("-") else "+" + text


def band_text(band: Mapping[str, object]) -> str:
    """'1–3' from the band's 5 % and 95 % quantiles (a fractional quantile in Indonesian form)."""
    return f"{score_text(str(band['q05']))}–{score_text(str(band['q95']))}"


def addressee(kind: str, name: str) -> tuple[str, str]:
    """('Wali Kota Salatiga', 'Salatiga'): the regional head's title and the place, from the region."""
    title, prefix = HEADS.get(kind, ("Kepala Daerah", ""))
    place = name[len(prefix) :].strip() if prefix and name.startswith(prefix) else name
    return f"{title} {place}", place


def subject(year: int) -> str:
    return f"Hasil Evaluasi Pelaksanaan Masterplan Kota Cerdas Tahun {year}"


def letter_filename(year: int, region_name: str, extension: str) -> str:
    """Surat-Hasil-Evaluasi-2027-Kota-Salatiga.pdf"""
    words = "".join(c if c.isascii() and c.isalnum() else " " for c in region_name).split()
    return f"Surat-Hasil-Evaluasi-{year}-{'-'.join(words)}.{extension}"


def render_letter(data: LetterData) -> bytes:
    """The letter as DOCX bytes."""
    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = "Arial"
    style.font.size = Pt(11)
    _head(doc, data)
    _body(doc, data)
    _closing(doc, data)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def _head(doc: DocxDocument, data: LetterData) -> None:
    for line in SENDER:
        paragraph = doc.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.add_run(line).bold = True
    if data.note:
        doc.add_paragraph(data.note).alignment = WD_ALIGN_PARAGRAPH.CENTER
    dated = doc.add_paragraph(f"Jakarta, {tanggal(data.date)}")
    dated.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    facts = doc.add_table(rows=0, cols=2)
    for label, value in (
        ("Nomor", data.number),
        ("Sifat", "Biasa"),
        ("Lampiran", "-"),
        ("Hal", subject(data.year)),
    ):
        cells = facts.add_row().cells
        cells[0].text, cells[1].text = label, f": {value}"
        cells[0].width, cells[1].width = Cm(3), Cm(13)
    facts.autofit = False  # the labels' column as narrow as in a letter (LibreOffice reads the grid)
    facts.columns[0].width, facts.columns[1].width = Cm(3), Cm(13)
    head, place = addressee(data.region_kind, data.region_name)
    doc.add_paragraph()
    doc.add_paragraph(f"Yth. {head}")
    doc.add_paragraph(f"di {place}")


def _body(doc: DocxDocument, data: LetterData) -> None:
    doc.add_paragraph("Dengan hormat,")
    doc.add_paragraph(
        f"Berdasarkan evaluasi pelaksanaan masterplan kota cerdas tahun {data.year}, "
        f"bersama ini kami sampaikan hasil evaluasi {data.region_name} sebagai berikut."
    )
    doc.add_heading("A. Nilai per komponen", level=2)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ("Komponen", "Bobot", "Nilai"), strict=True):
        cell.text = text
    for part in PARTS:
        cells = table.add_row().cells
        weight = data.weights.get(part, "")
        cells[0].text = PART_LABELS[part]
        cells[1].text = f"{score_text(weight)}%" if weight else "-"
        cells[2].text = score_text(data.parts[part]) if part in data.parts else "-"
    cells = table.add_row().cells
    cells[0].text, cells[1].text, cells[2].text = "Nilai total", "100%", score_text(data.total)
    if data.dimensions:
        doc.add_heading("B. Nilai per dimensi kota cerdas", level=2)
        dims = doc.add_table(rows=1, cols=2)
        dims.style = "Table Grid"
        dims.rows[0].cells[0].text, dims.rows[0].cells[1].text = "Dimensi", "Nilai"
        for name, value in data.dimensions.items():
            row = dims.add_row().cells
            row[0].text, row[1].text = name, score_text(value) if value else NO_SCORE
        doc.add_paragraph(DIMENSION_NOTE)
    doc.add_heading(f"{'C' if data.dimensions else 'B'}. Peringkat dan peningkatan", level=2)
    for line in ranking_lines(data):
        doc.add_paragraph(line, style="List Bullet")


def ranking_lines(data: LetterData) -> list[str]:
    """The ranks, the band and the improvement, one sentence each."""
    lines = []
    if data.rank_in_class:
        lines.append(f"Peringkat nasional: {data.rank_national} dari {number(data.ranked_national)} daerah.")
        lines.append(f"Peringkat dalam provinsi: {data.rank_province}.")
        in_class = f"Peringkat dalam kelas {data.size_class}: {data.rank_in_class}"
        if data.band:
            robust = "stabil" if data.band.get("robust") else "belum stabil"
            in_class += f" (rentang 5–95%: {band_text(data.band)}; peringkat {robust})"
        lines.append(in_class + ".")
    else:
        lines.append("Hasil belum terverifikasi sehingga tidak diperingkat.")
    if data.improvement:
        lines.append(
            f"Peningkatan dibanding evaluasi {data.year - 1}: {signed_score_text(data.improvement)} "
            f"(nilai {data.year - 1}: {score_text(data.previous_total)})."
        )
    else:
        lines.append("Tahun dasar: belum ada nilai evaluasi tahun sebelumnya.")
    return lines


def _closing(doc: DocxDocument, data: LetterData) -> None:
    if data.band and data.replications:
        doc.add_paragraph(
            "Rentang peringkat adalah persentil ke-5 sampai ke-95 peringkat dalam kelas dari "
            f"{number(data.replications)} simulasi dengan bobot, normalisasi dan agregasi yang "
            "divariasikan; peringkat disebut stabil bila rentangnya sempit."
        )
    doc.add_paragraph(
        "Demikian kami sampaikan. Atas perhatian dan kerja sama Saudara, kami ucapkan terima kasih."
    )
    signature = doc.add_paragraph(SIGNATORY)
    signature.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    check = doc.add_paragraph(f"Kode pemeriksaan hasil (SHA-256): {data.input_hash}")
    for run in check.runs:
        run.font.size = Pt(8)

"""Render BookData into editable DOCX books (python-docx).

``render_book`` writes one book following its outline: a cover with the region's
name and logo, the foreword, a real Word table of contents (a TOC field, filled
with the foreword, chapters and sections until Word or LibreOffice updates it), numbered chapters
(BAB I, II, …; sections 1.1, 1.2), headers and footers with page numbers, and
captions for tables (above) and figures (below). Whatever the record does not
hold yet is said in the book, in a marked paragraph, instead of failing.

A template (.docx) may replace the styles, page set-up, headers and footers:
its body is emptied and the book is written with its styles.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from kotacerdas.core.books.assets import Assets
from kotacerdas.core.books.blocks_programme import ProgrammeBlocks
from kotacerdas.core.books.data import BookData
from kotacerdas.core.books.docx_parts import Counters
from kotacerdas.core.books.docx_parts import field as word_field
from kotacerdas.core.books.names import book_filename
from kotacerdas.core.books.outline import Book, Chapter, Outline, Section
from kotacerdas.core.books.placeholders import (
    Placeholder,
    UnfilledPlaceholders,
    data_placeholder,
    text_placeholder,
)
from kotacerdas.core.formatting import tanggal

__all__ = ["Assets", "book_filename", "placeholders", "render_book", "render_books"]

REQUIRED_STYLES = ("Normal", "Heading 1", "Heading 2")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV", "XV"]
TOC_PLACEHOLDER = "Daftar isi diperbarui otomatis saat dokumen dibuka (Word: klik kanan › Perbarui bidang)."

Progress = Callable[[str], None]


def roman(n: int) -> str:
    return ROMAN[n - 1] if 0 < n <= len(ROMAN) else str(n)


def render_books(
    data: BookData,
    books: Iterable[Book],
    outdir: Path,
    assets: Assets | None = None,
    progress: Progress | None = None,
    draft: bool = True,
) -> list[Path]:
    """Write each book as ``<outdir>/Buku-<number>-<Key>-<Region>.docx``; returns the paths."""
    assets = assets or Assets()
    assets.draw(data)
    outdir.mkdir(parents=True, exist_ok=True)
    paths = []
    for book in books:
        if progress:
            progress(book.key)
        path = outdir / book_filename(book, "docx", data.region.name)
        render_book(data, book, path, assets, draft=draft)
        paths.append(path)
    return paths


def render_book(
    data: BookData, book: Book, path: Path, assets: Assets | None = None, draft: bool = True
) -> Path:
    """Write one book. A final book (``draft=False``) with a gap raises UnfilledPlaceholders."""
    assets = assets or Assets()
    assets.draw(data)
    writer = _Writer(data, book, assets)
    writer.write()
    if not draft and writer.placeholders:
        raise UnfilledPlaceholders(writer.placeholders)
    writer.doc.save(str(path))
    return path


def placeholders(data: BookData, books: Iterable[Book]) -> list[Placeholder]:
    """Every gap the books would show: what to fill, where the book shows it, where to fill it.

    The same walk as the rendering (without charts), so the list is exactly what a draft prints.
    """
    found: list[Placeholder] = []
    for book in books:
        writer = _Writer(data, book, Assets(charts_drawn=True), dry=True)
        writer.write()
        found += writer.placeholders
    return found


def check_template(source: Path | io.BytesIO) -> list[str]:
    """Problems that make a .docx unusable as a book template (empty list = usable)."""
    try:
        doc = Document(source)  # type: ignore[arg-type]
    except Exception:
        return ["the file is not a Word document (.docx)"]
    names = {s.name for s in doc.styles}
    return [f"the template lacks the style '{name}'" for name in REQUIRED_STYLES if name not in names]


@dataclass
class _Writer(ProgrammeBlocks):
    data: BookData
    book: Book
    assets: Assets
    count: Counters = field(default_factory=Counters)
    dry: bool = False
    placeholders: list[Placeholder] = field(default_factory=list)
    where: str = ""

    def __post_init__(self) -> None:
        if self.assets.template:
            self.doc = Document(io.BytesIO(self.assets.template))
            body = self.doc.element.body
            for child in list(body):
                if child.tag != qn("w:sectPr"):
                    body.remove(child)
        else:
            self.doc = Document()
            self._default_page_setup()
        self.styles = {s.name for s in self.doc.styles}
        self.where = self.book.full_title

    # -- the whole book -------------------------------------------------------
    def write(self) -> None:
        self._cover()
        self._headers_and_footers()
        if self.book.foreword:
            self._heading("KATA PENGANTAR", 1)
            self.where = f"{self.book.full_title}, Kata Pengantar"
            self._free_text(self.book.foreword)
            self._page_break()
        self._toc()
        for n, chapter in enumerate(self.book.chapters, start=1):
            self._chapter(chapter, f"BAB {roman(n)}", str(n))
        for n, chapter in enumerate(self.book.appendices):
            letter = chr(ord("A") + n)
            self._chapter(chapter, f"LAMPIRAN {letter}", letter)
        self._update_fields_on_open()

    def _default_page_setup(self) -> None:
        section = self.doc.sections[0]
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Cm(21), Cm(29.7)
        section.left_margin = section.right_margin = Cm(2.5)
        section.top_margin = section.bottom_margin = Cm(2.5)
        normal = self.doc.styles["Normal"]
        normal.font.name = "Liberation Sans"  # metric-compatible with Arial, present with LibreOffice
        normal.font.size = Pt(11)

    def _cover(self) -> None:
        region = self.data.region
        self._para("", space_after=60)
        if self.assets.logo:
            paragraph = self.doc.add_paragraph()
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            paragraph.add_run().add_picture(io.BytesIO(self.assets.logo), height=Cm(4))
        self._para(f"BUKU {self.book.number}", size=20, bold=True, center=True)
        title = self._para(self.book.title.upper(), size=26, bold=True, center=True, style="Title")
        title.paragraph_format.space_after = Pt(24)
        self._para(region.name.upper(), size=20, bold=True, center=True)
        self._para(
            f"Periode {self.data.period_start}–{self.data.period_end}", size=14, center=True, space_after=120
        )
        government = f"PEMERINTAH {region.name.upper()}"
        self._para(government, size=12, bold=True, center=True)
        if region.province:
            self._para(f"PROVINSI {region.province.upper()}", size=12, center=True)
        self._para(tanggal(self.data.generated_on or date.today()), size=11, center=True)
        self._page_break()

    def _headers_and_footers(self) -> None:
        section = self.doc.sections[0]
        section.different_first_page_header_footer = True
        header = section.header.paragraphs[0] if section.header.paragraphs else section.header.add_paragraph()
        if not header.text.strip():  # a template's own header wins
            header.text = f"{self.book.full_title} · {self.data.region.name}"
            header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            for run in header.runs:
                run.font.size = Pt(8)
        footer = section.footer.paragraphs[0] if section.footer.paragraphs else section.footer.add_paragraph()
        if "PAGE" not in footer._p.xml:
            footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
            footer.add_run("Halaman ")
            word_field(footer, "PAGE", "1")

    def _toc(self) -> None:
        # "TOC Heading" has no outline level, so the table of contents does not list itself
        self.doc.add_paragraph("DAFTAR ISI", style=self._style("TOC Heading", "Heading 1"))
        paragraph = self.doc.add_paragraph()
        word_field(paragraph, 'TOC \\o "1-2" \\h \\z \\u', "\n".join([TOC_PLACEHOLDER, *self._toc_entries()]))
        self._page_break()

    def _toc_entries(self) -> list[str]:
        """The field's text until Word or LibreOffice updates it: the headings the update lists (levels 1
        and 2). With the chapters alone, a book of one chapter read its TOC's last line, "BAB I
        RINGKASAN", right before the same heading opening the chapter."""
        entries = ["KATA PENGANTAR"] if self.book.foreword else []
        labelled = [(f"BAB {roman(n)}", str(n), c) for n, c in enumerate(self.book.chapters, start=1)]
        labelled += [(f"LAMPIRAN {chr(65 + n)}", chr(65 + n), c) for n, c in enumerate(self.book.appendices)]
        for label, number_, chapter in labelled:
            entries.append(f"{label} {chapter.title.upper()}")
            titled = [s.title for s in chapter.sections if s.title]
            entries += [f"\t{number_}.{k} {title}" for k, title in enumerate(titled, start=1)]
        return entries

    def _update_fields_on_open(self) -> None:
        settings = self.doc.settings.element
        if settings.find(qn("w:updateFields")) is None:
            update = OxmlElement("w:updateFields")
            update.set(qn("w:val"), "true")
            settings.append(update)

    # -- chapters and sections ---------------------------------------------------
    def _chapter(self, chapter: Chapter, label: str, number_: str) -> None:
        self.count = Counters(chapter=number_)
        self._heading(f"{label} {chapter.title.upper()}", 1)
        chapter_where = f"{self.book.full_title}, {label} {chapter.title}"
        numbered = 0
        for section in chapter.sections:
            self.where = chapter_where
            if section.title:
                numbered += 1
                self._heading(f"{number_}.{numbered} {section.title}", 2)
                self.where = f"{chapter_where} › {number_}.{numbered} {section.title}"
            self._section(section)
        self._page_break()

    def _section(self, section: Section) -> None:
        if section.text:
            self._free_text(section.text)
        else:
            getattr(self, f"_block_{section.block}")()

    def _free_text(self, key: str) -> None:
        text = self.data.texts.get(key, "").strip()
        if not text:
            self._gap(text_placeholder(key, self.where))
            return
        for paragraph in text.replace("\r\n", "\n").split("\n\n"):
            if paragraph.strip():
                p = self.doc.add_paragraph(" ".join(paragraph.split()))
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def _missing(self, what: str) -> None:
        self._gap(data_placeholder(what, self.where))

    def _gap(self, placeholder: Placeholder) -> None:
        self.placeholders.append(placeholder)
        self._placeholder_paragraph(placeholder)


def book_set(outline: Outline, extra: Sequence[str] = ()) -> list[Book]:
    return outline.book_set(list(extra))

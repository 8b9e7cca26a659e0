"""The table of contents a book carries before Word or LibreOffice updates it lists what the update lists."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from docx import Document

from kotacerdas.core.books.outline import load_outline
from kotacerdas.core.books.render import TOC_PLACEHOLDER, render_book
from kotacerdas.core.books.sample import sample_book_data


def lines_of(path: Path) -> list[str]:
    paragraphs = Document(str(path)).paragraphs
    return [line.strip() for p in paragraphs for line in p.text.splitlines() if line.strip()]


def test_no_book_prints_a_line_twice_where_its_contents_meet_its_first_chapter(tmp_path) -> None:
    data = sample_book_data()
    for book in load_outline().books:  # the optional Road Map book too
        lines = lines_of(render_book(data, book, tmp_path / f"{book.key}.docx"))
        assert [a for a, b in pairwise(lines) if a == b] == [], book.full_title


def test_the_executive_summary_lists_its_foreword_chapter_and_sections(tmp_path) -> None:
    lines = lines_of(render_book(sample_book_data(), load_outline().book("ringkasan"), tmp_path / "iii.docx"))
    chapter = len(lines) - 1 - lines[::-1].index("BAB I RINGKASAN")  # the heading, after the contents
    contents = lines[lines.index(TOC_PLACEHOLDER) + 1 : chapter]
    assert contents == [
        "KATA PENGANTAR",
        "BAB I RINGKASAN",
        "1.1 Profil Singkat",
        "1.2 Visi dan Misi",
        "1.3 Inisiatif dan Anggaran",
        "1.4 Quick Win",
    ]

"""The books open in LibreOffice and render as PDF; the PDF text carries the record, the Indonesian way.

LibreOffice runs once for this module (a module-scoped fixture converts all
books of a fully populated record). Without soffice/pdftotext these tests are
skipped, unless KOTACERDAS_REQUIRE_BROWSER is set (as in .ci/run).

The page images in docs/books are refreshed by hand with the commands in docs/books/README.md,
not by a test.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from kotacerdas.core.books.names import book_filename
from kotacerdas.core.books.outline import load_outline
from kotacerdas.core.books.pdf import convert_to_pdf, find_soffice
from kotacerdas.core.books.render import render_books
from kotacerdas.core.books.sample import sample_book_data
from kotacerdas.core.formatting import rupiah


def _require_tools() -> None:
    missing = [t for t in ("pdftotext", "pdftoppm") if not shutil.which(t)]
    if find_soffice() is None:
        missing.insert(0, "soffice")
    if missing:
        reason = (
            f"{', '.join(missing)} not installed (apt-get install libreoffice-writer-nogui poppler-utils)"
        )
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)


@pytest.fixture(scope="module")
def books(tmp_path_factory):  # type: ignore[no-untyped-def]
    _require_tools()
    folder = tmp_path_factory.mktemp("books")
    data = sample_book_data(name="Kota Salatiga", code="33.73", initiatives=18, kpis=30)
    outline = load_outline()
    book_set = outline.book_set(["roadmap"])
    docx = render_books(data, book_set, folder)
    pdfs = convert_to_pdf(docx, folder)
    texts = {
        pdf.stem: subprocess.run(
            ["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True
        ).stdout
        for pdf in pdfs
    }
    return {"data": data, "books": book_set, "pdfs": pdfs, "texts": texts, "folder": folder}


def test_every_book_converts_and_renders(books) -> None:  # type: ignore[no-untyped-def]
    assert len(books["pdfs"]) == 5
    for pdf in books["pdfs"]:
        prefix = books["folder"] / f"page-{pdf.stem}"
        subprocess.run(
            ["pdftoppm", "-r", "30", "-png", "-f", "1", "-l", "1", str(pdf), str(prefix)], check=True
        )
        (image,) = books["folder"].glob(f"page-{pdf.stem}*.png")
        assert image.read_bytes().startswith(b"\x89PNG")


def test_the_pdf_carries_the_chapters_the_region_an_initiative_and_the_budget(books) -> None:  # type: ignore[no-untyped-def]
    data = books["data"]
    masterplan = books["texts"]["Buku-II-Masterplan-Kota-Salatiga"]
    assert "KOTA SALATIGA" in masterplan
    for chapter in load_outline().book("masterplan").chapters:
        assert chapter.title.upper() in masterplan
    assert data.initiatives[0].name in masterplan
    assert rupiah(data.budget_total) in masterplan
    assert "22 November 2026" in masterplan


def test_the_table_of_contents_lists_the_chapters(books) -> None:  # type: ignore[no-untyped-def]
    for book in books["books"]:
        text = books["texts"][book_filename(book, "pdf", "Kota Salatiga").removesuffix(".pdf")]
        toc = text[text.index("DAFTAR ISI") :]
        toc = toc[: toc.index("BAB I ", toc.index("BAB I ") + 1)] if toc.count("BAB I ") > 1 else toc
        for chapter in book.chapters:
            assert chapter.title.upper() in toc, (book.key, chapter.title)


def test_rupiah_and_decimals_are_indonesian(books) -> None:  # type: ignore[no-untyped-def]
    masterplan = books["texts"]["Buku-II-Masterplan-Kota-Salatiga"]
    assert "Rp" in masterplan
    assert "Rp1,0" not in masterplan  # never an English thousands comma
    analisis = books["texts"]["Buku-I-Analisis-Kota-Salatiga"]
    assert "57,36 km²" in analisis  # decimal comma
    assert "192.322 jiwa" in analisis  # full-stop thousands


def _table_lines(text: str, caption: str, end: str) -> list[str]:
    start = text.index(caption)
    return text[start : text.index(end, start)].splitlines()


def test_amounts_are_whole_and_right_aligned_in_the_pdf(books) -> None:  # type: ignore[no-untyped-def]
    data = books["data"]
    masterplan = books["texts"]["Buku-II-Masterplan-Kota-Salatiga"]
    for amount in data.budget_by_year().values():
        if amount:
            assert rupiah(amount) in masterplan
    # no amount cut at the end of a line ("Rp1.380.000.00" / "0"), no header word cut ("Baselin" / "e")
    assert not re.search(r"Rp[\d.]*\.\d{0,2}\s*$", masterplan, re.MULTILINE)
    assert "Baseline" in masterplan
    assert "Rp0" not in masterplan
    lines = _table_lines(masterplan, "Tabel 5.1", "Total anggaran")
    rows = [line for line in lines if re.match(r"\s*(20\d\d|Jumlah)\s", line)]
    assert len(rows) == len(data.years) + 1
    ends = {len(line.rstrip()) for line in rows}  # the Jumlah column: right edges level
    assert len(ends) == 1, rows


def test_the_signature_names_and_nip_lines_are_level(books) -> None:  # type: ignore[no-untyped-def]
    masterplan = books["texts"]["Buku-II-Masterplan-Kota-Salatiga"]
    sheet = masterplan[masterplan.index("LAMPIRAN A LEMBAR KOMITMEN", masterplan.index("DAFTAR ISI") + 400) :]
    nip_lines = [line for line in sheet.splitlines() if "NIP." in line]
    assert nip_lines and all(line.count("NIP.") == 2 for line in nip_lines[:-1])
    assert "Wali Kota Salatiga" in sheet
    assert "Wali Kota Kota" not in sheet

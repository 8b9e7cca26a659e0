"""Books a Pemda accepts: money cells, placeholders, signature blocks and file names (DOCX level).

Each test parses the rendered DOCX with python-docx; test_books_pdf.py checks the PDF layout.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Emu
from docx.table import Table

from kotacerdas.core.books.data import BookData, Budget, Initiative, Opd, RegionProfile
from kotacerdas.core.books.layout import CELL_PADDING_CM, fit_columns, money, text_width_cm
from kotacerdas.core.books.names import book_filename, file_name
from kotacerdas.core.books.outline import load_outline
from kotacerdas.core.books.placeholders import UnfilledPlaceholders
from kotacerdas.core.books.render import Assets, placeholders, render_book
from kotacerdas.core.books.sample import sample_book_data

NO_CHARTS = Assets(charts_drawn=True)


def masterplan(data: BookData, tmp_path: Path, draft: bool = True) -> Document:
    path = render_book(data, load_outline().book("masterplan"), tmp_path / "b.docx", NO_CHARTS, draft=draft)
    return Document(str(path))


def table_after(doc: Document, caption: str) -> Table:
    """The table whose caption paragraph contains ``caption``."""
    body = list(doc.element.body)
    for n, element in enumerate(body):
        if element.tag == qn("w:p") and caption in "".join(t.text or "" for t in element.iter(qn("w:t"))):
            following = body[n + 1]
            assert following.tag == qn("w:tbl"), caption
            return Table(following, doc._body)
    raise AssertionError(f"no table captioned {caption!r}")


def grid_cm(table: Table) -> list[float]:
    return [Emu(int(col.get(qn("w:w"))) * 635).cm for col in table._tbl.tblGrid.findall(qn("w:gridCol"))]


def big_budget_data() -> BookData:
    """Billions in several sources, one source with nothing in some years: the Tabel 5.1 of the issue."""
    data = sample_book_data(name="Kota Salatiga", code="33.73", initiatives=12, kpis=12)
    data.initiatives[0].budgets = [
        Budget(2027, 1_380_000_000, "APBD"),
        Budget(2028, 2_150_000_000, "APBN/DAK"),
        Budget(2029, 1_000_000_000, "Lainnya"),
    ]
    return data


def test_money_is_right_aligned_never_wrapped_and_nothing_is_a_dash(tmp_path: Path) -> None:
    doc = masterplan(big_budget_data(), tmp_path)
    table = table_after(doc, "Rencana anggaran per tahun dan sumber pendanaan")
    texts = [[c.text for c in row.cells] for row in table.rows]
    assert not any(t == "Rp0" for row in texts for t in row)
    assert "–" in [t for row in texts for t in row]  # an empty year of a source
    for row in table.rows[1:]:
        for cell in row.cells[1:]:
            assert cell.paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT, cell.text
            assert cell._tc.tcPr.find(qn("w:noWrap")) is not None, cell.text
    assert table.rows[0].cells[-1].paragraphs[0].alignment == WD_ALIGN_PARAGRAPH.RIGHT  # its header too


def test_every_column_is_as_wide_as_its_widest_amount(tmp_path: Path) -> None:
    doc = masterplan(big_budget_data(), tmp_path)
    table = table_after(doc, "Rencana anggaran per tahun dan sumber pendanaan")
    assert table._tbl.tblPr.find(qn("w:tblLayout")).get(qn("w:type")) == "fixed"
    size = table.rows[-1].cells[-1].paragraphs[0].runs[0].font.size.pt
    widths = grid_cm(table)
    for column, width in enumerate(widths):
        widest = max(text_width_cm(row.cells[column].text, size, bold=True) for row in table.rows)
        assert width >= widest + CELL_PADDING_CM - 0.01, (column, width, widest)
    assert sum(widths) <= 16.01  # within the margins of an A4 page


def test_header_words_are_never_broken() -> None:
    headers = ["Kode", "KPI", "Satuan", "Baseline", "2027", "2028", "2029", "2030", "2031"]
    rows = [["GOV-01", "Capaian layanan perizinan daring terpadu " * 3, "%", "0", *["100"] * 5]]
    fit = fit_columns(headers, rows, 16.0, 9)
    baseline = text_width_cm("Baseline", fit.font_size, bold=True) + CELL_PADDING_CM
    assert fit.widths[3] >= baseline - 0.001
    assert fit.widths[1] == max(fit.widths)  # the long text takes the room that is left
    assert sum(fit.widths) == pytest.approx(16.0, abs=0.01)


def test_a_table_too_wide_for_the_page_shrinks_its_font_instead_of_breaking_amounts() -> None:
    headers = ["Tahun", "APBD", "APBN/DAK", "APBD Provinsi", "CSR", "KPBU", "Lainnya", "Jumlah"]
    rows = [["2027", *[money(9_999_999_999_999)] * 7]]
    fit = fit_columns(headers, rows, 16.0, 9)
    assert fit.font_size < 9
    assert sum(fit.widths) <= 16.01 or fit.font_size == 7.0


def test_a_draft_names_what_to_fill_and_where_never_an_internal_key(tmp_path: Path) -> None:
    data = sample_book_data()
    del data.texts["pengantar_inisiatif"]
    text = "\n".join(p.text for p in masterplan(data, tmp_path).paragraphs)
    assert "pengantar_inisiatif" not in text
    assert (
        "[Draf — belum diisi] Teks “Pengantar program dan inisiatif”: tulis di kotacerdas, "
        "menu Buku › Teks bebas › “Pengantar program dan inisiatif”, lalu buat ulang buku ini."
    ) in text


def test_the_placeholders_of_a_book_set_are_listed_for_the_approval_check() -> None:
    data = sample_book_data()
    del data.texts["pengantar_inisiatif"]
    data.governance.dewan = []
    books = load_outline().book_set()
    found = placeholders(data, books)
    assert [(p.kind, p.what) for p in found] == [
        ("text", "Pengantar program dan inisiatif"),
        ("data", "susunan Dewan Smart City"),
    ]
    assert found[0].sentence == (
        "Teks “Pengantar program dan inisiatif” belum diisi (Buku II Masterplan Smart City, "
        "BAB III Program dan Inisiatif per Dimensi); isi di menu Buku › Teks bebas."
    )
    assert found[1].where == ("Buku II Masterplan Smart City, BAB VII Tata Kelola dan Kelembagaan")
    assert placeholders(sample_book_data(), books) == []


def test_a_final_book_never_contains_a_placeholder(tmp_path: Path) -> None:
    data = sample_book_data()
    del data.texts["penutup"]
    with pytest.raises(UnfilledPlaceholders) as refused:
        masterplan(data, tmp_path, draft=False)
    assert "Teks “Penutup” belum diisi" in str(refused.value)
    assert not (tmp_path / "b.docx").exists()
    complete = masterplan(sample_book_data(), tmp_path, draft=False)
    assert not any("[Draf" in p.text for p in complete.paragraphs)


def test_the_signature_blocks_have_equal_columns_and_level_names(tmp_path: Path) -> None:
    data = sample_book_data(name="Kota Salatiga")
    data.opds = [
        Opd("Badan Perencanaan Pembangunan, Riset dan Inovasi Daerah", head_name="Ir. Contoh Satu"),
        Opd("Dinas Kesehatan"),
        Opd("Dinas Perhubungan"),
    ]
    doc = masterplan(data, tmp_path)
    signatures = [t for t in doc.tables if any("NIP." in c.text for c in t.rows[-1].cells)]
    first, second = signatures
    assert len(first.rows) == 4  # role / signing space / name / NIP, each a row of its own
    widths = grid_cm(first)
    assert widths[0] == pytest.approx(widths[1], abs=0.01)
    assert [c.text for c in first.rows[2].cells] == ["Ir. Contoh Satu", "(" + "." * 44 + ")"]
    assert [c.text for c in first.rows[3].cells] == ["NIP. " + "." * 36] * 2
    assert second.rows[0].cells[0].text == "Kepala Dinas Perhubungan"
    head = doc.tables[-1]
    assert head.rows[0].cells[0].text == "Mengetahui,\nWali Kota Salatiga"  # not "Wali Kota Kota Salatiga"


@pytest.mark.parametrize(
    ("region", "version", "expected"),
    [
        ("Kota Salatiga", 3, "Buku-II-Masterplan-Kota-Salatiga-v3.pdf"),
        ("Kota Bau-Bau", 1, "Buku-II-Masterplan-Kota-Bau-Bau-v1.pdf"),
        ("Kabupaten Pématang (Siantar)", None, "Buku-II-Masterplan-Kabupaten-Pematang-Siantar.pdf"),
    ],
)
def test_file_names_carry_book_region_and_version_in_safe_ascii(region, version, expected) -> None:  # type: ignore[no-untyped-def]
    assert book_filename(load_outline().book("masterplan"), "pdf", region, version) == expected
    assert (
        file_name("IV", "quick_win", "docx", "Kota Salatiga", 2) == "Buku-IV-Quick-Win-Kota-Salatiga-v2.docx"
    )


def test_an_initiative_without_budget_shows_a_dash_not_rp0(tmp_path: Path) -> None:
    data = BookData(
        region=RegionProfile(code="33.73", name="Kota Salatiga"),
        programme_year=2026,
        period_start=2027,
        period_end=2031,
        initiatives=[Initiative(code="GOV-01", name="Satu Data", dimension="Smart Governance")],
    )
    table = table_after(masterplan(data, tmp_path), "Inisiatif dimensi Smart Governance")
    assert table.rows[1].cells[-1].text == "–"
    assert table.rows[-1].cells[-1].text == "–"

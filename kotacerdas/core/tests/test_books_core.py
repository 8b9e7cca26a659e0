"""The pure book core: BookData JSON and hash, outlines and overrides, DOCX rendering, data diff."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document

from kotacerdas.core.books.data import BookData, Budget, RegionProfile
from kotacerdas.core.books.diff import diff_book_data
from kotacerdas.core.books.outline import OutlineError, load_outline, merge_outline
from kotacerdas.core.books.render import check_template, render_book
from kotacerdas.core.books.sample import sample_book_data


def docx_text(path: Path) -> str:
    doc = Document(str(path))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def empty_data() -> BookData:
    return BookData(
        region=RegionProfile(code="33.73", name="Kota Salatiga"),
        programme_year=2026,
        period_start=2027,
        period_end=2031,
    )


def test_book_data_survives_json_and_hashes_the_record_not_the_print_date() -> None:
    data = sample_book_data(initiatives=12, kpis=20)
    again = BookData.from_dict(data.to_dict())
    assert again == data
    assert again.data_hash() == data.data_hash()
    again.generated_on = None
    assert again.data_hash() == data.data_hash()
    again.initiatives[0].budgets.append(Budget(year=2027, amount=1))
    assert again.data_hash() != data.data_hash()


def test_an_empty_record_lists_what_is_missing() -> None:
    missing = empty_data().missing()
    assert "matriks SWOT" in missing
    assert "inisiatif per dimensi" in missing
    assert sample_book_data().missing() == []


def test_the_default_set_has_four_books_and_the_road_map_is_optional() -> None:
    outline = load_outline()
    assert [b.full_title for b in outline.book_set()] == [
        "Buku I Analisis Strategis",
        "Buku II Masterplan Smart City",
        "Buku III Ringkasan Eksekutif",
        "Buku IV Quick Win",
    ]
    assert [b.key for b in outline.book_set(["roadmap"])][-1] == "roadmap"
    assert "kata_pengantar" in outline.text_keys()


def test_an_override_changes_a_book_without_touching_the_others() -> None:
    base = load_outline()
    merged = merge_outline(
        base,
        "books:\n  - key: quickwin\n    title: Program Percepatan\n"
        "    chapters:\n      - {key: profil, title: Profil, sections: [{block: quick_wins}]}\n",
    )
    assert merged.book("quickwin").title == "Program Percepatan"
    assert [c.key for c in merged.book("quickwin").chapters] == ["profil"]
    assert merged.book("analisis").chapters == base.book("analisis").chapters


@pytest.mark.parametrize(
    ("override", "message"),
    [
        ("books: [", "not valid YAML"),
        ("- a", "list under 'books'"),
        ("books:\n  - key: analisis\n    chapters: []\n", "at least one chapter"),
        (
            "books:\n  - key: x\n    number: V\n    title: X\n    chapters:\n"
            "      - {key: a, title: A, sections: [{block: nope}]}\n",
            "unknown block 'nope'",
        ),
        ("books:\n  - key: Bad Key\n", "lower-case key"),
    ],
)
def test_a_bad_override_says_why(override, message) -> None:
    with pytest.raises(OutlineError, match=message):
        merge_outline(load_outline(), override)


def test_the_masterplan_book_carries_the_record(tmp_path) -> None:
    data = sample_book_data(name="Kota Contoh", initiatives=12, kpis=24)
    book = load_outline().book("masterplan")
    path = render_book(data, book, tmp_path / "b.docx")
    text = docx_text(path)
    assert "KOTA CONTOH" in text
    assert "BAB I PENDAHULUAN" in text
    assert "BAB III PROGRAM DAN INISIATIF PER DIMENSI" in text
    assert data.initiatives[0].name in text
    assert "Tabel 3.1 Inisiatif dimensi Smart Governance" in text
    assert f"Total anggaran: Rp{data.budget_total:,}".replace(",", ".") in text
    assert "22 November 2026" in text
    assert "Kepala Dinas Kesehatan" in text  # commitment sheet signature block
    xml = Document(str(path)).element.xml
    assert 'TOC \\o "1-2"' in xml
    assert "PAGE" in Document(str(path)).sections[0].footer._element.xml


def test_a_region_without_data_gets_a_book_that_says_what_is_missing(tmp_path) -> None:
    outline = load_outline()
    for book in outline.book_set(["roadmap"]):
        text = docx_text(render_book(empty_data(), book, tmp_path / f"{book.key}.docx"))
        assert "[Draf — belum" in text
    text = docx_text(tmp_path / "analisis.docx")
    assert "[Draf — belum tersedia] Matriks SWOT: lengkapi di kotacerdas, Masterplan › SWOT" in text


def test_a_template_must_be_a_word_document_with_headings(tmp_path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"not a zip")
    assert check_template(bad) == ["the file is not a Word document (.docx)"]
    good = tmp_path / "good.docx"
    Document().save(str(good))
    assert check_template(good) == []


def test_a_template_gives_the_styles_and_loses_its_sample_text(tmp_path) -> None:
    template = Document()
    template.add_paragraph("TEKS CONTOH TEMPLAT")
    template.styles["Normal"].font.name = "DejaVu Serif"
    template.save(str(tmp_path / "t.docx"))
    from kotacerdas.core.books.render import Assets

    path = render_book(
        empty_data(),
        load_outline().book("ringkasan"),
        tmp_path / "r.docx",
        Assets(template=(tmp_path / "t.docx").read_bytes()),
    )
    assert "TEKS CONTOH TEMPLAT" not in docx_text(path)
    assert Document(str(path)).styles["Normal"].font.name == "DejaVu Serif"


def test_the_diff_lists_initiatives_and_budget_totals() -> None:
    old = sample_book_data(initiatives=6, kpis=6)
    new = BookData.from_dict(old.to_dict())
    new.initiatives[0].name = "Nama baru"
    removed = new.initiatives.pop()
    new.initiatives[1].budgets.append(Budget(year=2031, amount=1_000_000, source="APBD"))
    changes = diff_book_data(old.to_dict(), new.to_dict())
    lines = {(c.kind, c.what) for c in changes}
    assert ("removed", f"Inisiatif {removed.code}") in lines
    assert ("changed", f"Inisiatif {old.initiatives[0].code}") in lines
    assert ("changed", "Total anggaran") in lines
    total = next(c for c in changes if c.what == "Total anggaran")
    assert total.detail.startswith("Rp")
    assert diff_book_data(old.to_dict(), old.to_dict()) == []

"""Drafts and their gaps as the app sees them: the texts form, a version's placeholders, names, the CLI."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.cli import main
from kotacerdas.documents.generate import region_placeholders, unfilled_placeholders
from kotacerdas.documents.models import BookVersion
from kotacerdas.documents.tests.test_books import generate

pytestmark = pytest.mark.django_db


def test_the_texts_form_uses_the_names_the_draft_books_point_to(as_budi, region_a) -> None:  # type: ignore[no-untyped-def]
    page = as_budi.get(reverse("documents:texts", args=["33.73"])).content.decode()
    assert "Pengantar program dan inisiatif" in page
    assert "Pengantar inisiatif<" not in page  # the label made from the internal key


def test_a_version_lists_its_unfilled_placeholders_for_the_approval_check(as_budi, region_a) -> None:  # type: ignore[no-untyped-def]
    as_budi.post(reverse("documents:texts", args=["33.73"]), {"kata_pengantar": "Puji syukur."})
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    gaps = unfilled_placeholders(version)
    sentences = [p.sentence for p in gaps]
    assert (
        "Teks “Ruang lingkup” belum diisi (Buku II Masterplan Smart City, BAB I Pendahuluan › "
        "1.2 Ruang Lingkup); isi di menu Buku › Teks bebas."
    ) in sentences
    assert not any(p.key == "kata_pengantar" for p in gaps)  # filled
    assert any(p.kind == "data" and p.what == "matriks SWOT" for p in gaps)
    assert [p.sentence for p in region_placeholders(region_a, 2026)] == sentences


def test_a_version_without_data_has_nothing_to_list(region_a) -> None:  # type: ignore[no-untyped-def]
    version = BookVersion.objects.create(region=region_a, number=1, programme_year=2026)
    assert unfilled_placeholders(version) == []


def test_the_second_version_downloads_with_its_number(as_budi, region_a) -> None:  # type: ignore[no-untyped-def]
    generate(as_budi)
    generate(as_budi, formats=("docx",))
    version = BookVersion.objects.get(region=region_a, number=2)
    names = [f.download_name for f in version.files.all()]
    assert names[:2] == ["Buku-I-Analisis-Kota-Salatiga-v2.docx", "Buku-II-Masterplan-Kota-Salatiga-v2.docx"]
    book = version.files.get(book_key="quickwin")
    response = as_budi.get(reverse("documents:download", args=["33.73", 2, book.pk]))
    assert 'filename="Buku-IV-Quickwin-Kota-Salatiga-v2.docx"' in response["Content-Disposition"]


def test_the_cli_refuses_a_final_set_with_gaps_and_lists_them(tmp_path, capsys, region_a) -> None:  # type: ignore[no-untyped-def]
    assert main(["books", "33.73", "--out", str(tmp_path), "--year", "2026", "--final"]) == 2
    err = capsys.readouterr().err
    assert "a final book set cannot be written while these are unfilled" in err
    assert "  - Teks “Kata pengantar” belum diisi (Buku I Analisis Strategis, Kata Pengantar)" in err
    assert not list(tmp_path.glob("*.docx"))


def test_the_version_page_lists_what_is_still_to_fill_in(as_budi, region_a) -> None:  # type: ignore[no-untyped-def]
    generate(as_budi)
    version = BookVersion.objects.get(region=region_a)
    page = as_budi.get(version.get_absolute_url()).content.decode()
    assert "Masih perlu diisi" in page
    assert "Teks “Ruang lingkup” belum diisi (Buku II Masterplan Smart City, BAB I Pendahuluan" in page
    assert "ruang_lingkup" not in page

"""The national results book: built in the background from the publication.

Its tables are the XLSX's and the API's (parsed with python-docx)."""

import io
import shutil

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kotacerdas.core.evaluation.letter import score_text
from kotacerdas.evaluation.actions import do_request_results_book
from kotacerdas.evaluation.models import Participant, Publication, ResultsBook
from kotacerdas.evaluation.results_table import columns
from kotacerdas.evaluation.tests.test_letter_and_table import (
    as_shown,
    publication,  # noqa: F401 (fixture)
)

pytestmark = pytest.mark.django_db


def cells(table) -> list[list[str]]:  # type: ignore[no-untyped-def]
    return [[cell.text for cell in row.cells] for row in table.rows]


@pytest.fixture
def book(as_ayu, publication: Publication, django_capture_on_commit_callbacks) -> Document:  # noqa: F811
    url = reverse("evaluation:book_request", args=[publication.cycle.pk])
    with django_capture_on_commit_callbacks(execute=True):  # the immediate backend builds it on commit
        assert as_ayu.post(url).status_code == 302
    built = ResultsBook.objects.get(publication=publication)
    assert built.status == ResultsBook.Status.DONE
    response = as_ayu.get(reverse("evaluation:book_docx", args=[publication.cycle.pk]))
    assert 'filename="Buku-Hasil-Evaluasi-Smart-City-2027.docx"' in response["Content-Disposition"]
    return Document(io.BytesIO(response.content))


def test_the_ranking_tables_are_the_xlsx_rows_grouped_by_size_class(as_ayu, book, publication) -> None:  # noqa: F811
    response = as_ayu.get(reverse("evaluation:results_xlsx", args=[publication.cycle.pk]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    # the book's ranking tables are the XLSX's ranking columns (the XLSX adds one per dimension)
    width = len(columns())
    rows = list(sheet.iter_rows(values_only=True))
    # written as the cycle page and the letter write them (3,475, +0,23), not as the exact text
    xlsx = [[as_shown(v, str(c)) for v, c in zip(row[:width], rows[0], strict=False)] for row in rows]
    ranking_tables = [t for t in book.tables if cells(t)[0] == xlsx[0]]
    # Salatiga, Jambi, Kediri, Yogyakarta: every class has its own table, the unverified one its own
    book_rows = [row for table in ranking_tables for row in cells(table)[1:]]
    assert sorted(book_rows) == sorted(xlsx[1:])
    for table in ranking_tables:
        classes = {row[4] for row in cells(table)[1:]}
        assert len(classes) == 1
    unverified = [row for row in book_rows if row[0] == "34.71"]
    assert unverified[0][5] == "—" and "tidak diperingkat" in unverified[0][8]


def test_the_part_scores_and_province_summary_match_the_api(as_ayu, book, publication) -> None:  # noqa: F811
    api = as_ayu.get(
        reverse("api:evaluation:evaluation_results", kwargs={"version": "v1", "year": 2027})
    ).json()
    by_code = {r["region_code"]: r for r in api["results"]}
    parts = next(
        t
        for t in book.tables
        if cells(t)[0][2:] == ["Baseline", "Output", "Outcome", "Impact", "Quick Win", "Total"]
    )
    for code, _name, baseline, output, outcome, impact, quick_win, total in cells(parts)[1:]:
        assert total == score_text(by_code[code]["total"])
        assert [baseline, output, outcome, impact, quick_win] == [
            score_text(value) for value in publication.inputs[code]["parts"].values()
        ]
    assert cells(parts)[1][:3] == ["15.71", "Kota Jambi", "3,84"]  # Jambi 2024: total 3.475
    assert by_code["15.71"]["total"] == "3.475"
    provinces = next(t for t in book.tables if cells(t)[0][0] == "Kode" and cells(t)[0][1] == "Provinsi")
    rows = {row[0]: row for row in cells(provinces)[1:]}
    assert rows["15"][2:] == ["1", "1", "Kota Jambi", "3,475"]
    assert rows["34"][2:4] == ["1", "0"]  # Yogyakarta: listed, not ranked (not verified)


def test_the_book_is_the_publications_not_the_live_data(as_ayu, book, publication) -> None:  # noqa: F811
    url = reverse("evaluation:book_docx", args=[publication.cycle.pk])
    before = as_ayu.get(url).content
    Participant.objects.filter(region__code="15.71").update(scores={"baseline": "0"})
    assert as_ayu.get(url).content == before  # stored once, never rebuilt from live rows
    response = as_ayu.post(reverse("evaluation:book_request", args=[publication.cycle.pk]), follow=True)
    assert "sudah dibuat atau sedang dibuat" in response.content.decode()  # refused: already built
    assert ResultsBook.objects.count() == 1


def test_the_book_needs_a_publication_and_is_ayus(as_ayu, as_budi, ayu, publication) -> None:  # noqa: F811
    from datetime import date

    from django.core.exceptions import ValidationError

    from kotacerdas.evaluation.actions import do_open_cycle
    from kotacerdas.regions.models import Region

    cycle_id = publication.cycle.pk
    assert as_budi.get(reverse("evaluation:book_docx", args=[cycle_id])).status_code == 404
    assert as_budi.post(reverse("evaluation:book_request", args=[cycle_id])).status_code == 404
    assert as_ayu.get(reverse("evaluation:book_docx", args=[cycle_id])).status_code == 404  # not built yet
    open_one = do_open_cycle(
        ayu,
        year=2028,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=Region.objects.filter(code="33.73"),
        self_assessment_until=date(2028, 8, 31),
        verification_until=date(2028, 10, 31),
        publication_on=date(2028, 12, 5),
    )
    with pytest.raises(ValidationError, match="terbitkan siklus ini lebih dahulu"):
        do_request_results_book(ayu, open_one)
    assert not ResultsBook.objects.exists()


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_the_book_as_pdf(as_ayu, book, publication) -> None:  # noqa: F811
    response = as_ayu.get(reverse("evaluation:book_pdf", args=[publication.cycle.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")

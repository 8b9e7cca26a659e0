"""The result letter (DOCX/PDF) and the results XLSX: read from the publication, equal to the screen."""

import io
import re

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kotacerdas.core.evaluation.letter import score_text, signed_score_text
from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.models import Participant, Publication
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle

pytestmark = pytest.mark.django_db
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.fixture
def publication(ayu) -> Publication:  # type: ignore[no-untyped-def]
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    return do_publish(ayu, cycle)


def test_budi_downloads_his_letter_and_its_figures_are_the_publications(as_budi, publication) -> None:
    response = as_budi.get(reverse("evaluation:letter_docx", args=["33.73", 2027]))
    assert response.status_code == 200 and response["Content-Type"] == DOCX
    assert 'filename="Surat-Hasil-Evaluasi-2027-Kota-Salatiga.docx"' in response["Content-Disposition"]
    doc = Document(io.BytesIO(response.content))
    text = "\n".join(p.text for p in doc.paragraphs)
    facts = {row.cells[0].text: row.cells[1].text for row in doc.tables[0].rows}
    parts = {row.cells[0].text: (row.cells[1].text, row.cells[2].text) for row in doc.tables[1].rows}
    row = next(r for r in publication.rows if r["region_code"] == "33.73")
    inputs = publication.inputs["33.73"]["parts"]
    band = publication.bands["33.73"]
    assert facts["Nomor"] == f": {publication.pk}/EVKC/33.73/2027"
    assert facts["Hal"] == ": Hasil Evaluasi Pelaksanaan Masterplan Kota Cerdas Tahun 2027"
    assert "Yth. Wali Kota Salatiga" in text
    assert parts["Baseline"] == ("10%", score_text(inputs["baseline"])) == ("10%", "3,5")
    assert parts["Quick Win"] == ("20%", score_text(inputs["quick_win"]))
    assert parts["Nilai total"] == ("100%", score_text(row["total"])) == ("100%", "3,3")
    assert f"Peringkat dalam kelas {row['size_class']}: {row['rank_in_class']} (rentang 5–95%: " in text
    assert f"{band['q05']}–{band['q95']}" in text
    assert f"Peringkat nasional: {row['rank_national']} dari 3 daerah." in text
    assert "Tahun dasar" in text  # Salatiga has no previous total
    assert publication.input_hash in text


def test_the_letter_shows_the_improvement_and_is_the_publications_even_after_the_scores_change(
    as_ayu, publication
) -> None:
    # the participants are frozen by the published state; change them behind its back anyway
    Participant.objects.filter(region__code="35.71").update(scores={}, previous_total="1")
    response = as_ayu.get(reverse("evaluation:cycle_letter_docx", args=[publication.cycle.pk, "35.71"]))
    text = "\n".join(p.text for p in Document(io.BytesIO(response.content)).paragraphs)
    assert "Peningkatan dibanding evaluasi 2026: +0,255 (nilai 2026: 3,06)." in text
    assert "Yth. Wali Kota Kediri" in text


def test_a_region_without_a_published_result_gets_404(as_budi, ayu) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)  # open, not published
    assert as_budi.get(reverse("evaluation:letter_docx", args=["33.73", 2027])).status_code == 404
    # another region's letter: Budi is not its member
    assert as_budi.get(reverse("evaluation:letter_docx", args=["15.71", 2027])).status_code == 404


def test_budi_may_not_open_the_cycle_letters_or_table(as_budi, publication) -> None:
    cycle_id = publication.cycle.pk
    assert as_budi.get(reverse("evaluation:cycle_letter_docx", args=[cycle_id, "33.73"])).status_code == 404
    assert as_budi.get(reverse("evaluation:results_xlsx", args=[cycle_id])).status_code == 404


def screen_rows(html: str) -> list[list[str]]:
    table = html.split('data-testid="results-table"', 1)[1].split("</table>", 1)[0]
    header = [re.sub(r"<[^>]+>", "", th).strip() for th in re.findall(r"<th[^>]*>(.*?)</th>", table)]
    rows = [
        [re.sub(r"<[^>]+>", "", td).strip() for td in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
        for tr in re.findall(r"<tr>(.*?)</tr>", table, re.S)
    ]
    return [header[:-1]] + [row[:-1] for row in rows if row]  # without the letter links


def as_shown(value: object, column: str) -> str:
    """A spreadsheet cell as the page writes it: numbers in the one Indonesian format, a change signed."""
    if value is None:
        return "—"
    if not isinstance(value, float):
        return str(value)
    return signed_score_text(repr(value)) if column == "Peningkatan" else score_text(repr(value))


def test_the_xlsx_is_the_table_on_the_screen(as_ayu, publication) -> None:
    cycle_id = publication.cycle.pk
    html = as_ayu.get(reverse("evaluation:cycle", args=[cycle_id])).content.decode()
    response = as_ayu.get(reverse("evaluation:results_xlsx", args=[cycle_id]))
    assert 'filename="evaluasi-2027-hasil.xlsx"' in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    cells = [[as_shown(v, str(c)) for v, c in zip(row, rows[0], strict=True)] for row in rows]
    screen = [[cell.replace("&ndash;", "–") for cell in row] for row in screen_rows(html)]
    assert cells == screen
    assert len(cells) == 5 and cells[1][:3] == ["15.71", "Kota Jambi", "3,475"]
    assert isinstance(sheet["C2"].value, float) and isinstance(sheet["F2"].value, int)
    improvements = [row[3] for row in screen[1:] if row[3] != "—"]
    assert improvements and all(cell[0] in "+-" for cell in improvements)  # as the region card and letter


def test_the_participants_table_names_the_parts_and_writes_their_scores_as_the_letter_does(
    as_ayu, publication
) -> None:
    html = as_ayu.get(reverse("evaluation:cycle", args=[publication.cycle.pk])).content.decode()
    participants = html.split("<h2>Peserta</h2>", 1)[1].split("</table>", 1)[0]
    assert '<th scope="col" class="num">Quick Win</th>' in participants and "quick_win" not in participants
    scores = re.findall(r'<td class="num">([^<]*)</td>', participants)
    assert "3,5" in scores and not [
        score for score in scores if re.fullmatch(r"\d+\.\d{1,2}", score)
    ]  # 3.84, not a population


def test_a_publication_from_before_the_letters_gets_its_inputs_from_the_frozen_participants(
    publication,
) -> None:
    import importlib

    from django.apps import apps

    migration = importlib.import_module("kotacerdas.evaluation.migrations.0002_publication_inputs")
    # the backfill gives the shape of its time: no dimension scores (derived only at publication since)
    expected = {
        code: {key: value for key, value in inputs.items() if key != "dimensions"}
        for code, inputs in publication.inputs.items()
    }
    Publication.objects.filter(pk=publication.pk).update(inputs={})
    migration.backfill(apps, None)
    publication.refresh_from_db()
    assert publication.inputs == expected
    assert publication.inputs["35.71"] == {
        "parts": {
            "baseline": "3.6",
            "output": "3.21",
            "outcome": "3.23",
            "impact": "3.07",
            "quick_win": "3.65",
        },
        "previous_total": "3.06",
        "population": Participant.objects.get(region__code="35.71").population,
        "verified": True,
    }


def test_the_file_name_keeps_ascii_words_only() -> None:
    from kotacerdas.core.evaluation.letter import letter_filename

    assert letter_filename(2027, "Kota Salatiga", "pdf") == "Surat-Hasil-Evaluasi-2027-Kota-Salatiga.pdf"
    assert (
        letter_filename(2027, "Kab. Toli-Toli (é)", "docx") == "Surat-Hasil-Evaluasi-2027-Kab-Toli-Toli.docx"
    )

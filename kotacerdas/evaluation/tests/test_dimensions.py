"""Scores per smart-city dimension: derived at publication, frozen, and the same in every output.

Worked example: Salatiga's masterplan has five "living" programmes (three reported running: 5 × 3/5
= 3) and three "governance" ones (two running: 5 × 2/3 = 10/3, "3,3333" in the letter); the other
four dimensions have no programme planned in 2027 → no score, shown "–".
"""

import io
import re
from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.urls import reverse
from docx import Document
from openpyxl import load_workbook

from kotacerdas.core.evaluation.dimensions import NO_SCORE
from kotacerdas.core.evaluation.letter import score_text
from kotacerdas.core.instruments.numbers import to_fraction
from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish
from kotacerdas.evaluation.record import dimension_counts
from kotacerdas.evaluation.tests.test_api import token_client
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
from kotacerdas.monitoring.tests.journey import initiative
from kotacerdas.planning.analysis.actions import do_save_profile

pytestmark = pytest.mark.django_db
YEAR = 2027
DOCX_TABLE_HEAD = ["Dimensi", "Nilai"]


def report(budi, period, programme, status: str) -> None:  # type: ignore[no-untyped-def]
    saved = do_save_initiative_report(budi, period, programme, implementation=status, submit=True)
    do_review_report(budi, saved, decision="approved")


@pytest.fixture
def salatiga(ayu, budi, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    budget = {(YEAR, "APBD"): Decimal(100_000_000)}
    living = [initiative(budi, region_a, f"LV-0{n}", dinkes_a, "living", budget) for n in range(1, 6)]
    governance = [initiative(budi, region_a, f"GV-0{n}", dinkes_a, "governance", budget) for n in range(1, 4)]
    period = do_open_period(budi, region_a, year=YEAR, closes_on=date(YEAR + 1, 1, 31))
    for programme, status in zip(living, ["running", "running", "completed", "not_started"], strict=False):
        report(budi, period, programme, status)
    for programme, status in zip(governance, ["running", "completed", "not_started"], strict=True):
        report(budi, period, programme, status)
    return period, living


@pytest.fixture
def publication(ayu, region_a, salatiga):  # type: ignore[no-untyped-def]
    cycle = do_open_cycle(
        ayu,
        year=YEAR,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[region_a],
        self_assessment_until=date(YEAR, 8, 31),
        verification_until=date(YEAR, 10, 31),
        publication_on=date(YEAR, 12, 5),
    )
    do_enter_results(ayu, cycle, "region_code,baseline,output,outcome,impact,quick_win\n33.73,3,3,3,3,3\n")
    return do_publish(ayu, cycle)


EXPECTED = {
    "governance": "10/3",
    "branding": "",
    "economy": "",
    "living": "3",
    "society": "",
    "environment": "",
}


def test_publication_freezes_every_dimensions_score(publication) -> None:
    assert publication.inputs["33.73"]["dimensions"] == EXPECTED
    assert to_fraction(EXPECTED["governance"]) == Fraction(5 * 2, 3)


def test_a_monitoring_edit_after_publication_leaves_the_published_scores(
    as_budi, budi, region_a, publication, salatiga
) -> None:
    period, living = salatiga
    report(budi, period, living[4], "running")  # LV-05 now reported running too: 4 of 5 today
    today = {c.dimension: (c.running, c.planned) for c in dimension_counts(region_a, YEAR)}
    assert today["living"] == (4, 5)
    publication.refresh_from_db()
    assert publication.inputs["33.73"]["dimensions"] == EXPECTED
    assert letter_dimensions(as_budi)["Smart Living"] == "3"  # not 4


def letter_dimensions(client) -> dict[str, str]:  # type: ignore[no-untyped-def]
    response = client.get(reverse("evaluation:letter_docx", args=["33.73", YEAR]))
    assert response.status_code == 200
    doc = Document(io.BytesIO(response.content))
    (table,) = [t for t in doc.tables if [c.text for c in t.rows[0].cells] == DOCX_TABLE_HEAD]
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "B. Nilai per dimensi kota cerdas" in text and "5 × jumlah program masterplan" in text
    return {row.cells[0].text: row.cells[1].text for row in table.rows[1:]}


def test_the_letter_shows_the_six_dimension_scores(as_budi, publication) -> None:
    assert letter_dimensions(as_budi) == {
        "Smart Governance": "3,3333",
        "Smart Branding": NO_SCORE,
        "Smart Economy": NO_SCORE,
        "Smart Living": "3",
        "Smart Society": NO_SCORE,
        "Smart Environment": NO_SCORE,
    }


def test_letter_xlsx_api_and_region_page_give_the_same_dimension_scores(
    as_ayu, as_budi, budi, publication
) -> None:
    letter = letter_dimensions(as_budi)
    response = as_ayu.get(reverse("evaluation:results_xlsx", args=[publication.cycle.pk]))
    header, *rows = load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True)
    xlsx = dict(zip(header, next(r for r in rows if r[0] == "33.73"), strict=True))
    api_rows = token_client(budi).get(f"/api/v1/evaluations/{YEAR}/results").json()["results"]
    api = next(r for r in api_rows if r["region_code"] == "33.73")["dimension_scores"]
    assert api == {code: value or None for code, value in EXPECTED.items()}
    page = as_budi.get(reverse("regions:workspace", args=["33.73"])).content.decode()
    section = page.split('data-testid="dimension-scores"')[1].split("</dl>")[0]
    on_page = dict(re.findall(r"<dt>([^<]+)</dt><dd>([^<]+)</dd>", section))
    for code, name in (
        ("governance", "Smart Governance"),
        ("living", "Smart Living"),
        ("economy", "Smart Economy"),
    ):
        exact = api[code]
        if exact is None:
            assert letter[name] == xlsx[name] == on_page[name] == NO_SCORE
        else:
            assert letter[name] == on_page[name] == score_text(exact)  # one number format
            assert xlsx[name] == pytest.approx(float(to_fraction(exact)), abs=5e-5)
    assert (letter["Smart Governance"], xlsx["Smart Governance"], on_page["Smart Governance"]) == (
        "3,3333",
        3.3333,
        "3,3333",
    )


def test_a_result_published_before_the_dimension_scores_shows_none(as_ayu, as_budi, publication) -> None:
    from kotacerdas.evaluation.models import Publication

    inputs = {
        code: {k: v for k, v in i.items() if k != "dimensions"} for code, i in publication.inputs.items()
    }
    Publication.objects.filter(pk=publication.pk).update(inputs=inputs)  # the shape of an older one
    response = as_budi.get(reverse("evaluation:letter_docx", args=["33.73", YEAR]))
    assert "Nilai per dimensi" not in "\n".join(
        p.text for p in Document(io.BytesIO(response.content)).paragraphs
    )
    xlsx = as_ayu.get(reverse("evaluation:results_xlsx", args=[publication.cycle.pk]))
    header = next(load_workbook(io.BytesIO(xlsx.content)).active.iter_rows(values_only=True))
    assert "Smart Living" not in header
    assert (
        'data-testid="dimension-scores"'
        not in as_budi.get(reverse("regions:workspace", args=["33.73"])).content.decode()
    )

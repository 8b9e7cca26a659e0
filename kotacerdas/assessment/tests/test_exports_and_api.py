"""Exports in the import format (XLSX round trip, CSV), the import page, and the read API."""

from __future__ import annotations

from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from rest_framework.authtoken.models import Token

from kotacerdas.assessment.instruments import get_instrument
from kotacerdas.assessment.models import Answer, Assessment
from kotacerdas.assessment.presenters import export_values
from kotacerdas.assessment.tests.conftest import OTHERS, READINESS
from kotacerdas.assessment.tests.test_pages import url
from kotacerdas.core.instruments import export_answers_xlsx, import_answers_xlsx, read_answer_rows

pytestmark = pytest.mark.django_db


def test_the_xlsx_export_reimports_to_the_same_answers(verified, as_budi) -> None:
    response = as_budi.get(url("export_xlsx", verified))
    assert response.status_code == 200
    imported = import_answers_xlsx(response.content, get_instrument(READINESS))
    from kotacerdas.core.instruments import answer_text

    assert {code: answer_text(v) for code, v in imported[None].items()} == export_values(verified)
    assert len(imported[None]) == 14


def test_the_csv_export_reads_back(verified, as_budi) -> None:
    response = as_budi.get(url("export_csv", verified))
    rows = read_answer_rows(response.content.decode())
    assert {row.indicator: row.value for row in rows} == export_values(verified)


def test_budi_imports_a_workbook(as_budi, assessment) -> None:
    data = export_answers_xlsx(get_instrument(READINESS), {None: dict.fromkeys(OTHERS, "yes")})
    response = as_budi.post(url("import", assessment), {"file": SimpleUploadedFile("jawaban.xlsx", data)})
    assert response.status_code == 302
    assert sorted(Answer.objects.values_list("indicator", flat=True)) == sorted(OTHERS)


def test_a_bad_workbook_is_a_400_that_changes_nothing(as_budi, assessment) -> None:
    data = export_answers_xlsx(get_instrument(READINESS), {None: {OTHERS[0]: "yes", OTHERS[1]: "banyak"}})
    response = as_budi.post(url("import", assessment), {"file": SimpleUploadedFile("jawaban.xlsx", data)})
    assert response.status_code == 400
    assert "bukan ya atau tidak" in response.content.decode()
    response = as_budi.post(
        url("import", assessment), {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")}
    )
    assert response.status_code == 400
    assert not Answer.objects.exists()


def api(user, path: str):  # type: ignore[no-untyped-def]
    from django.test import Client

    token, _created = Token.objects.get_or_create(user=user)
    return Client().get(path, HTTP_AUTHORIZATION=f"Token {token.key}")


def test_the_api_lists_a_regions_assessments_with_recipes(verified, budi) -> None:
    response = api(budi, f"/api/v1/regions/{verified.region.code}/assessments")
    assert response.status_code == 200
    (item,) = response.json()["results"]
    assert (item["id"], item["state"], item["instrument_id"]) == (verified.pk, "verified", READINESS)
    kinds = {r["kind"]: r for r in item["results"]}
    assert kinds["verified"]["total"] == 100.0
    assert kinds["verified"]["recipe"]["instrument_hash"] == verified.instrument_hash
    detail = api(budi, f"/api/v1/regions/{verified.region.code}/assessments/{verified.pk}/results")
    assert [r["kind"] for r in detail.json()["results"]] == ["verified", "self"]


def test_the_api_hides_other_regions(verified, dewi) -> None:
    code = verified.region.code
    assert api(dewi, f"/api/v1/regions/{code}/assessments").status_code == 404
    assert api(dewi, f"/api/v1/regions/{code}/assessments/{verified.pk}").status_code == 404


def test_the_api_404s_an_assessment_of_another_region_under_your_code(verified, dewi, region_b) -> None:
    assert Assessment.objects.count() == 1
    assert api(dewi, f"/api/v1/regions/{region_b.code}/assessments/{verified.pk}").status_code == 404


def test_the_csv_export_scores_to_the_stored_verified_total(verified, as_budi) -> None:
    from kotacerdas.core.instruments import check_answers, score

    instrument = get_instrument(READINESS)
    rows = read_answer_rows(as_budi.get(url("export_csv", verified)).content.decode())
    target = Fraction(verified.target)
    recomputed = score(instrument, check_answers(instrument, rows), default_target=target)
    stored = verified.results.get(kind="verified")
    assert float(recomputed.total) == stored.total
    assert recomputed.recipe.input_hash == stored.recipe["input_hash"]


def test_the_csv_export_escapes_formula_like_text_keeps_negative_numbers_and_reads_back() -> None:
    from kotacerdas.core.instruments import answers_to_csv

    text = answers_to_csv({'=HYPERLINK("x")': {"choice": "@cmd", "number": "-3", "ratio": "-1/3"}})
    lines = text.splitlines()
    assert lines[1] == '"\'=HYPERLINK(""x"")",choice,\'@cmd'
    assert lines[2].endswith(",number,-3") and lines[3].endswith(",ratio,-1/3")
    rows = read_answer_rows(text)
    assert [(row.region, row.value) for row in rows] == [
        ('=HYPERLINK("x")', "@cmd"),
        ('=HYPERLINK("x")', "-3"),
        ('=HYPERLINK("x")', "-1/3"),
    ]


def test_the_csv_export_page_escapes_a_formula_like_answer(verified, as_budi) -> None:
    answer = verified.answers.first()
    Answer.objects.filter(pk=answer.pk).update(verified_value="=1+1", value="=1+1")
    body = as_budi.get(url("export_csv", verified)).content.decode()
    assert f"{answer.indicator},'=1+1" in body.splitlines()
    assert "\n" + answer.indicator + ",=1+1" not in body

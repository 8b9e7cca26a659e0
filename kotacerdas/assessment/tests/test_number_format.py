"""Assessment scores are written as every score is (kotacerdas.core.formatting.score)."""

import re

import pytest
from django.urls import reverse


def test_assessment_scores_use_the_same_format() -> None:
    from kotacerdas.assessment.presenters import _number

    assert _number(66.6667) == "66,67"
    assert _number(None) == "–"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_target_level_is_written_as_a_score_in_either_language(as_budi, assessment, language) -> None:
    as_budi.cookies["django_language"] = language
    page = as_budi.get(reverse("assessment:detail", args=[assessment.region.code, assessment.pk])).text
    assert re.search(r"<dd>80,00</dd>", page), re.findall(r"<dt>[^<]*</dt><dd>[^<]*</dd>", page)


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_a_number_answer_is_typed_and_shown_with_a_decimal_comma(as_budi, budi, region_a, language) -> None:
    """2,75 (as every number on the pages) was refused as 'not a number' while 2.75 passed and was then
    shown 2.75; a value out of range is named as 9,5."""
    from kotacerdas.assessment.actions import answering

    monev = answering.do_start_assessment(budi, region_a, instrument_id="monev-2022", title="Evaluasi 2026")
    as_budi.cookies["django_language"] = language
    page = reverse("assessment:answer", args=[region_a.code, monev.pk, "output"])
    saved = as_budi.post(page, {"value": "2,75", "explanation": "", "version": "0"})
    assert saved.status_code == 302, re.findall(r'class="error"[^>]*>([^<]*)', saved.text)
    shown = as_budi.get(page).text
    assert "<dd>2,75</dd>" in shown and 'name="value" value="2,75"' in shown
    refused = as_budi.post(page, {"value": "9,5", "explanation": "", "version": "1"}).text
    assert "output: 9,5 " in refused and "9.5" not in refused

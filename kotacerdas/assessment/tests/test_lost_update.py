"""Sari and Budi answer the same indicator: the older form is refused and Sari's explanation stays."""

import re

import pytest
from django.urls import reverse

from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.models import Answer
from kotacerdas.assessment.tests.conftest import STRUKTUR

pytestmark = pytest.mark.django_db


def hidden_version(response) -> str:
    match = re.search(r'name="version" value="(\d+)"', response.content.decode())
    assert match, "the answer form carries the version it started from"
    return match.group(1)


def test_budis_older_form_does_not_overwrite_saris_explanation(as_budi, as_sari, sari, assessment) -> None:
    code = STRUKTUR[0]
    answering.do_save_answer(sari, assessment, code, value="no", explanation="belum ada")
    url = reverse("assessment:answer", args=[assessment.region.code, assessment.pk, code])
    saris_version = hidden_version(as_sari.get(url))
    budis_version = hidden_version(as_budi.get(url))

    sari_saves = as_sari.post(
        url, {"value": "yes", "explanation": "SK Wali Kota 12/2026 terlampir", "version": saris_version}
    )
    assert sari_saves.status_code == 302

    budi_saves = as_budi.post(url, {"value": "no", "explanation": "", "version": budis_version})
    assert budi_saves.status_code == 400
    page = budi_saves.content.decode()
    assert "Data ini sudah diubah oleh Sari" in page
    assert "penjelasan" in page
    assert "data-autosave-keep" in page  # Budi's draft stays in his browser
    answer = Answer.objects.get(assessment=assessment, indicator=code)
    assert (answer.value, answer.explanation) == ("yes", "SK Wali Kota 12/2026 terlampir")


def test_two_first_answers_from_an_empty_form(as_budi, as_sari, assessment) -> None:
    """Both open the indicator before anyone answered; the second save is refused."""
    code = STRUKTUR[1]
    url = reverse("assessment:answer", args=[assessment.region.code, assessment.pk, code])
    saris_version, budis_version = hidden_version(as_sari.get(url)), hidden_version(as_budi.get(url))
    saved = as_sari.post(url, {"value": "yes", "explanation": "ada", "version": saris_version})
    assert saved.status_code == 302
    refused = as_budi.post(url, {"value": "no", "explanation": "", "version": budis_version})
    assert refused.status_code == 400
    assert Answer.objects.get(assessment=assessment, indicator=code).value == "yes"

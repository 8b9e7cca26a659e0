"""A refused answer save names only the fields the other person changed, in the reader's words."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kotacerdas.assessment.models import Answer
from kotacerdas.assessment.tests.conftest import STRUKTUR
from kotacerdas.assessment.tests.test_lost_update import hidden_version

pytestmark = pytest.mark.django_db


def changed_fields(page: str) -> str:
    match = re.search(r"Data ini sudah diubah oleh Sari pada [^(]+\(([^)]*)\)", page)
    assert match, "the refusal names who changed the answer and which fields"
    return match.group(1)


def test_a_first_answer_saved_meanwhile_names_the_answer_and_its_explanation(
    as_budi, as_sari, assessment
) -> None:
    code = STRUKTUR[1]
    url = reverse("assessment:answer", args=[assessment.region.code, assessment.pk, code])
    saris_version, budis_version = hidden_version(as_sari.get(url)), hidden_version(as_budi.get(url))
    assert (
        as_sari.post(url, {"value": "yes", "explanation": "ada", "version": saris_version}).status_code == 302
    )
    refused = as_budi.post(url, {"value": "no", "explanation": "", "version": budis_version})
    assert refused.status_code == 400
    assert changed_fields(refused.content.decode()) == "jawaban, penjelasan"


def test_an_edit_meanwhile_names_what_it_changed_in_the_forms_order(
    as_budi, as_sari, sari, assessment
) -> None:
    """Sari's edit of both fields reads as the form does (answer, then explanation); nothing else is named."""
    from kotacerdas.assessment.actions import answering

    code = STRUKTUR[0]
    answering.do_save_answer(sari, assessment, code, value="no", explanation="belum ada")
    url = reverse("assessment:answer", args=[assessment.region.code, assessment.pk, code])
    saris_version, budis_version = hidden_version(as_sari.get(url)), hidden_version(as_budi.get(url))
    as_sari.post(url, {"value": "yes", "explanation": "SK terlampir", "version": saris_version})
    refused = as_budi.post(url, {"value": "no", "explanation": "", "version": budis_version})
    assert changed_fields(refused.content.decode()) == "jawaban, penjelasan"
    assert Answer.objects.get(assessment=assessment, indicator=code).explanation == "SK terlampir"


def test_the_answers_assessment_has_an_indonesian_name() -> None:
    from django.utils import translation

    with translation.override("id"):
        assert str(Answer._meta.get_field("assessment").verbose_name) == "asesmen"

"""The flash after a submission writes the self-assessed score as every score is written (100,00)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.assessment.tests.conftest import answer_all

pytestmark = pytest.mark.django_db


def test_the_submission_flash_writes_the_score_with_a_decimal_comma(as_budi, budi, sari, assessment) -> None:
    answer_all(budi, sari, assessment)
    url = reverse("assessment:submit", args=[assessment.region.code, assessment.pk])
    page = as_budi.post(url, follow=True).content.decode()
    assert "Nilai penilaian mandiri: 100,00." in page
    assert "100.00" not in page

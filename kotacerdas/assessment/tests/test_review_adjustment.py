"""Tono's "adjust the score" must change the score: an adjustment to the region's own answer is refused."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from conftest import logged_in
from kotacerdas.assessment.actions import reviewing
from kotacerdas.assessment.models import State
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

SAME = "Nilai penyesuaian sama dengan jawaban wilayah; pilih Terima."


def test_an_adjustment_to_the_regions_own_answer_is_refused_by_the_action(in_review, tono) -> None:
    answer = in_review.answers.get(indicator="struktur.sdm.1")  # the region answered "yes"
    with pytest.raises(ValidationError) as error:
        reviewing.do_review_answer(tono, answer, decision="adjust", value="ya", reason="sesuai bukti")
    assert error.value.message_dict == {"value": [SAME]}
    answer.refresh_from_db()
    assert (answer.state, answer.verified_value, answer.review_reason) == (State.SUBMITTED, "", "")
    assert not AuditEntry.objects.filter(action="assessment.review_adjust").exists()


def test_tono_sees_why_on_the_review_page_and_keeps_his_reason(in_review, tono) -> None:
    url = reverse("assessment:review", args=[in_review.region.code, in_review.pk, "struktur.sdm.1"])
    response = logged_in(tono).post(url, {"decision": "adjust", "value": "yes", "reason": "sesuai bukti"})
    assert response.status_code == 400
    page = response.content.decode()
    assert SAME in page
    assert "sesuai bukti" in page  # his reason stays in the form
    assert in_review.answers.get(indicator="struktur.sdm.1").state == State.SUBMITTED

"""Region isolation and locking through HTTP: other OPDs, other regions, verified answers."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in, make_person
from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.models import Answer, Transition
from kotacerdas.assessment.tests.conftest import OTHERS, READINESS, STRUKTUR
from kotacerdas.assessment.tests.test_pages import url

pytestmark = pytest.mark.django_db


def test_sari_cannot_answer_another_opds_indicator(as_sari, assessment) -> None:
    response = as_sari.post(
        url("answer", assessment, indicator=OTHERS[0]), {"value": "yes", "explanation": ""}
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


def test_sari_cannot_open_another_regions_assessment(as_sari, dewi, region_b) -> None:
    other = answering.do_start_assessment(dewi, region_b, instrument_id=READINESS, title="Sleman")
    for name in ("detail", "results", "export_xlsx"):
        assert as_sari.get(url(name, other)).status_code == 404
    response = as_sari.post(url("answer", other, indicator=STRUKTUR[0]), {"value": "yes", "explanation": ""})
    assert response.status_code == 404
    assert not Answer.objects.exists()


def test_an_assessment_id_of_region_b_under_region_as_code_is_404(as_budi, dewi, region_a, region_b) -> None:
    other = answering.do_start_assessment(dewi, region_b, instrument_id=READINESS, title="Sleman")
    address = reverse("assessment:detail", kwargs={"code": region_a.code, "assessment_id": other.pk})
    assert as_budi.get(address).status_code == 404


def test_sari_of_another_opd_in_the_same_region(assessment, ayu, region_a) -> None:
    from kotacerdas.regions.actions import do_create_opd

    dishub = do_create_opd(ayu, region_a, name="Dinas Perhubungan")
    rudi = make_person(ayu, "rudi", "opd_contributor", region_a, dishub)
    response = logged_in(rudi).post(
        url("answer", assessment, indicator=STRUKTUR[0]), {"value": "no", "explanation": ""}
    )
    assert response.status_code == 403
    assert not Answer.objects.exists()


@pytest.mark.parametrize("who", ["budi", "sari", "ayu"])
def test_nobody_edits_a_verified_answer_over_http(verified, who, request) -> None:
    client = logged_in(request.getfixturevalue(who))
    response = client.post(
        url("answer", verified, indicator=STRUKTUR[0]), {"value": "no", "explanation": "ubah"}
    )
    assert response.status_code == 400
    assert "terkunci" in response.content.decode()
    answer = verified.answers.get(indicator=STRUKTUR[0])
    assert (answer.value, answer.verified_value) == ("yes", "yes")


def test_reopening_over_http_needs_a_reason_and_is_recorded(verified, tono, budi) -> None:
    client = logged_in(tono)
    address = url("reopen", verified, indicator=STRUKTUR[0])
    assert client.post(address, {"reason": "   "}).status_code == 400
    assert not Transition.objects.filter(action="reopen").exists()
    assert logged_in(budi).post(address, {"reason": "saya mau ubah"}).status_code == 403
    assert client.post(address, {"reason": "SK ternyata kedaluwarsa"}).status_code == 302
    step = Transition.objects.get(action="reopen", answer__indicator=STRUKTUR[0])
    assert (step.actor, step.reason) == (tono, "SK ternyata kedaluwarsa")
    response = logged_in(budi).post(
        url("answer", verified, indicator=STRUKTUR[0]), {"value": "no", "explanation": ""}
    )
    assert response.status_code == 302
    assert verified.answers.get(indicator=STRUKTUR[0]).value == "no"

"""The pages through the HTTP client: each persona's step, and bad input as a 400 that changes nothing."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.assessment.models import Answer, Assessment, State
from kotacerdas.assessment.tests.conftest import OTHERS, STRUKTUR

pytestmark = pytest.mark.django_db


def url(name: str, assessment: Assessment, **kwargs: object) -> str:
    return reverse(
        f"assessment:{name}",
        kwargs={"code": assessment.region.code, "assessment_id": assessment.pk, **kwargs},
    )


def test_budi_starts_an_assessment(as_budi, region_a) -> None:
    response = as_budi.post(
        reverse("assessment:list", args=[region_a.code]),
        {"instrument_id": "spbe-2020", "title": "Indeks SPBE 2026", "deadline": "2026-12-31", "target": "3"},
    )
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert response.url == url("detail", assessment)
    assert (assessment.instrument_id, str(assessment.deadline), assessment.target) == (
        "spbe-2020",
        "2026-12-31",
        3,
    )
    listed = as_budi.get(reverse("assessment:list", args=[region_a.code])).content.decode()
    detail = as_budi.get(url("detail", assessment)).content.decode()
    for page in (listed, detail):  # the instrument by its name, not its file's id
        assert "Indeks SPBE (PermenPANRB 59/2020)" in page and ">spbe-2020 " not in page


def test_a_bad_start_is_a_400_in_indonesian(as_budi, region_a) -> None:
    response = as_budi.post(
        reverse("assessment:list", args=[region_a.code]),
        {"instrument_id": "spbe-2020", "title": "Indeks SPBE", "target": "9"},
    )
    assert response.status_code == 400
    assert "skala instrumen" in response.content.decode()
    assert not Assessment.objects.exists()


def test_sari_cannot_start_one(as_sari, region_a) -> None:
    response = as_sari.post(
        reverse("assessment:list", args=[region_a.code]), {"instrument_id": "spbe-2020", "title": "x"}
    )
    assert response.status_code == 403
    assert not Assessment.objects.exists()


def test_budi_assigns_a_group(as_budi, assessment, dinkes_a) -> None:
    response = as_budi.post(url("assign", assessment), {"code": "infrastruktur", "opd": dinkes_a.pk})
    assert response.status_code == 302
    assert assessment.assignments.filter(indicator="infrastruktur.digital.2", opd=dinkes_a).exists()


def test_sari_sees_her_indicators_and_saves_a_draft(as_sari, assessment) -> None:
    page = as_sari.get(url("detail", assessment)).content.decode()
    assert page.count(">milik Anda<") == len(STRUKTUR)
    response = as_sari.post(
        url("answer", assessment, indicator=STRUKTUR[0]),
        {"value": "yes", "explanation": "SK Wali Kota 12/2025"},
    )
    assert response.status_code == 302
    answer = Answer.objects.get(indicator=STRUKTUR[0])
    assert (answer.value, answer.explanation, answer.state) == ("yes", "SK Wali Kota 12/2025", State.DRAFT)


def test_a_bad_answer_keeps_what_was_typed(as_sari, assessment) -> None:
    response = as_sari.post(
        url("answer", assessment, indicator=STRUKTUR[0]),
        {"value": "mungkin", "explanation": "Teks panjang yang tidak boleh hilang"},
    )
    assert response.status_code == 400
    assert "Teks panjang yang tidak boleh hilang" in response.content.decode()
    assert not Answer.objects.exists()


def test_submit_with_missing_answers_is_a_400(as_budi, assessment) -> None:
    response = as_budi.post(url("submit", assessment))
    assert response.status_code == 400
    assert "belum dijawab" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.state == State.DRAFT


def test_tono_works_through_the_queue(in_review, tono) -> None:
    client = logged_in(tono)
    assert client.get(url("queue", in_review)).status_code == 200
    adjust = url("review", in_review, indicator=OTHERS[0])
    response = client.post(adjust, {"decision": "adjust", "value": "no", "reason": ""})
    assert response.status_code == 400
    assert in_review.answers.get(indicator=OTHERS[0]).state == State.SUBMITTED
    client.post(adjust, {"decision": "adjust", "value": "no", "reason": "Tidak ada bukti"})
    for answer in in_review.answers.filter(state=State.SUBMITTED):
        assert client.post(url("accept", in_review, indicator=answer.indicator)).status_code == 302
    client.post(url("add_note", in_review), {"text": "Wawancara 3 Maret"})
    response = client.post(url("finish_review", in_review))
    assert response.status_code == 302
    assert response.url == url("results", in_review)
    page = client.get(response.url).content.decode()
    assert '<svg class="radar"' in page
    assert "Terverifikasi" in page
    total = in_review.results.latest("id").total if hasattr(in_review, "results") else None
    flash = re.search(r"Terverifikasi\. Nilai: ([0-9.,]+)\.", page)
    assert flash and "," in flash.group(1) and "." not in flash.group(1), flash  # 94,44 as on every page
    assert total is None or flash.group(1) == f"{total:.2f}".replace(".", ",")


def test_results_show_self_and_verified_side_by_side(verified, as_budi) -> None:
    page = as_budi.get(url("results", verified)).content.decode()
    assert "Penilaian mandiri" in page and "Terverifikasi" in page
    assert "radar-series verified" in page and "radar-series self" in page
    assert as_budi.get(url("print", verified)).status_code == 200


def test_results_before_any_submission(as_budi, assessment) -> None:
    response = as_budi.get(url("results", assessment))
    assert response.status_code == 200
    assert "Belum ada hasil" in response.content.decode()


def test_ayu_assigns_tono(as_ayu, assessment, tono) -> None:
    response = as_ayu.post(url("set_assessor", assessment), {"assessor": tono.pk})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.assessor == tono


def test_budi_cannot_assign_an_assessor(as_budi, assessment, tono) -> None:
    response = as_budi.post(url("set_assessor", assessment), {"assessor": tono.pk})
    assert response.status_code == 403
    assessment.refresh_from_db()
    assert assessment.assessor is None


def test_every_page_of_a_verified_assessment_opens(verified, as_budi, tono) -> None:
    assert as_budi.get(reverse("assessment:list", args=[verified.region.code])).status_code == 200
    for name in ("detail", "queue", "results", "print", "import", "assign"):
        assert as_budi.get(url(name, verified)).status_code in (200,), name
    assert logged_in(tono).get(url("reopen", verified, indicator=OTHERS[0])).status_code == 200
    assert as_budi.get(url("answer", verified, indicator="no-such-code")).status_code == 404


@pytest.mark.parametrize(
    ("name", "extra", "data"),
    [
        ("answer", {"indicator": STRUKTUR[0]}, {"value": "no", "explanation": ""}),
        ("submit", {}, {}),
        ("add_note", {}, {"text": "Catatan"}),
    ],
)
def test_a_mentor_reads_but_any_post_is_a_403(assessment, rina, name, extra, data) -> None:
    # Rina may open the region's assessments; she takes no part in them, so the page refuses
    # every POST before any action runs, whatever the form holds.
    client = logged_in(rina)
    assert client.get(url("detail", assessment)).status_code == 200
    before = list(Answer.objects.values_list("indicator", "value", "state"))
    assert client.post(url(name, assessment, **extra), data).status_code == 403
    assert list(Answer.objects.values_list("indicator", "value", "state")) == before
    assessment.refresh_from_db()
    assert assessment.state == State.DRAFT


def test_answers_read_ya_tidak_and_headings_name_the_indicator(as_sari, as_budi, assessment) -> None:
    as_sari.post(url("answer", assessment, indicator=STRUKTUR[0]), {"value": "yes", "explanation": "Ada SK"})
    page = as_sari.get(url("answer", assessment, indicator=STRUKTUR[0])).content.decode()
    heading = page[page.index("<h1>") : page.index("</h1>")]
    assert "Indikator " + STRUKTUR[0] not in heading  # the code is no longer the heading
    assert STRUKTUR[0] in heading and len(heading.split("<span")[0]) > len("<h1>") + 10
    assert "<dd>Ya</dd>" in page and "<dd>yes</dd>" not in page
    detail = as_budi.get(url("detail", assessment)).content.decode()
    assert ">yes<" not in detail and ">Ya<" in detail

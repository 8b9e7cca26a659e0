"""Indicators an instrument marks ``evidence_required`` cannot be submitted without a file."""

from io import BytesIO

import pytest
from django.urls import reverse

from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.instruments import get_instrument
from kotacerdas.assessment.models import Result, State
from kotacerdas.assessment.tests.conftest import PDF

pytestmark = pytest.mark.django_db

SPBE = "spbe-2020"


@pytest.fixture
def spbe(budi, region_a):
    """An SPBE 2020 self-assessment with every indicator answered at level 3 and no file yet."""
    assessment = answering.do_start_assessment(budi, region_a, instrument_id=SPBE, title="SPBE 2026")
    for indicator in get_instrument(SPBE).indicators():
        answering.do_save_answer(budi, assessment, indicator.code, value="3", explanation="")
    return assessment


def upload(budi, assessment, code: str) -> None:
    answering.do_upload_evidence(
        budi, assessment, code, BytesIO(PDF), name=f"perwali-{code}.pdf", size=len(PDF)
    )


def test_spbe_marks_its_ten_policy_indicators() -> None:
    required = [i.code for i in get_instrument(SPBE).indicators() if i.evidence_required]
    assert required == [str(n) for n in range(1, 11)]


def test_submission_lists_every_indicator_without_evidence_in_indonesian(as_budi, budi, spbe) -> None:
    for code in [str(n) for n in range(1, 9)]:
        upload(budi, spbe, code)
    url = reverse("assessment:submit", args=[spbe.region.code, spbe.pk])
    response = as_budi.post(url, follow=False)
    assert response.status_code == 400
    page = response.content.decode()
    assert "Unggah minimal satu berkas bukti untuk setiap indikator berikut sebelum mengirim" in page
    assert "Indikator 9 Kebijakan Internal Audit TIK: belum ada berkas bukti." in page
    assert "Indikator 10 Kebijakan Internal Tim Koordinasi SPBE: belum ada berkas bukti." in page
    assert "Indikator 8 " not in page
    spbe.refresh_from_db()
    assert spbe.state == State.DRAFT
    assert not Result.objects.exists()


def test_with_every_required_file_the_submission_goes_through(budi, spbe) -> None:
    for code in [str(n) for n in range(1, 11)]:
        upload(budi, spbe, code)
    result = reviewing.do_submit(budi, spbe)
    spbe.refresh_from_db()
    assert spbe.state == State.SUBMITTED
    assert result.kind == Result.Kind.SELF


def test_the_answer_page_says_the_evidence_is_required(as_budi, spbe) -> None:
    url = reverse("assessment:answer", args=[spbe.region.code, spbe.pk, "9"])
    page = as_budi.get(url).content.decode()
    assert "Bukti wajib:" in page


def test_the_overview_tags_the_indicators_that_need_evidence(as_budi, spbe) -> None:
    url = reverse("assessment:detail", args=[spbe.region.code, spbe.pk])
    page = as_budi.get(url).content.decode()
    assert page.count('<span class="tag">bukti wajib</span>') == 10

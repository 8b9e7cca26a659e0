"""A closed assessment (its evaluation cycle was published) asks nothing and takes nothing.

Closed through the real action (``closing.do_close``, which publishing calls); every write path is
then tried through the HTTP client as the persona who could take it before, and each is refused with
the Indonesian reason, a 4xx and nothing changed. The evaluation side (publishing closes only its
own cycle's self-assessments) is in kotacerdas/evaluation/tests/test_publication_closes.py.
"""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.actions import answering, closing, reviewing
from kotacerdas.assessment.models import Answer, Assessment, Evidence, InterviewNote, State, Transition
from kotacerdas.assessment.tests.conftest import OTHERS, PDF, READINESS, STRUKTUR
from kotacerdas.audit import reasons
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db

# what publishing the 2027 cycle gives do_close: facts, worded in the reader's language when read
FACTS = reasons.cycle_published(cycle=None, year=2027, published_on=date(2027, 12, 5))
REASON = "Ditutup karena siklus evaluasi 2027 diterbitkan pada 5 Desember 2027."
REFUSED = "Asesmen ini sudah ditutup dan tidak dapat diubah lagi. " + REASON


def url(name: str, assessment: Assessment, **kwargs: object) -> str:
    return reverse(
        f"assessment:{name}",
        kwargs={"code": assessment.region.code, "assessment_id": assessment.pk, **kwargs},
    )


def picture(assessment: Assessment) -> tuple[object, ...]:
    """Everything a write could change, to show that a refused one changed nothing."""
    assessment.refresh_from_db()
    return (
        assessment.state,
        assessment.assessor_id,
        sorted(Answer.objects.filter(assessment=assessment).values_list("indicator", "value", "state")),
        sorted(assessment.assignments.values_list("indicator", "opd_id")),
        Evidence.objects.filter(answer__assessment=assessment).count(),
        InterviewNote.objects.filter(assessment=assessment).count(),
        Transition.objects.filter(assessment=assessment).count(),
        assessment.results.count(),
    )


@pytest.fixture
def closed_draft(assessment, ayu, budi, sari):
    """Budi's draft, Sari's first answer with its evidence in, closed by Ayu."""
    answering.do_save_answer(sari, assessment, STRUKTUR[0], value="yes", explanation="Ada SK")
    answering.do_upload_evidence(sari, assessment, STRUKTUR[0], BytesIO(PDF), name="sk.pdf", size=len(PDF))
    closing.do_close(ayu, assessment, reason=FACTS)
    assessment.refresh_from_db()
    return assessment


@pytest.fixture
def closed_in_review(in_review, ayu, tono):
    """In review when it was closed: one answer already accepted (so it could have been reopened)."""
    reviewing.do_review_answer(tono, in_review.answers.get(indicator=OTHERS[0]), decision="accept")
    closing.do_close(ayu, in_review, reason=FACTS)
    in_review.refresh_from_db()
    return in_review


def test_closing_records_who_when_and_why_and_only_ayu_closes(assessment, ayu, budi) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional yang boleh menutup asesmen"):
        closing.do_close(budi, assessment, reason=FACTS)
    with pytest.raises(ValidationError, match="Isi alasannya"):
        closing.do_close(ayu, assessment, reason="  ")
    assert Assessment.objects.get(pk=assessment.pk).state == State.DRAFT
    closing.do_close(ayu, assessment, reason=FACTS)
    step = Transition.objects.get(assessment=assessment, to_state=State.CLOSED)
    assert (step.from_state, step.action, step.actor, step.reason, step.reason_facts) == (
        "draft",
        "close",
        ayu,
        "",
        FACTS,
    )
    entry = AuditEntry.objects.get(action="assessment.close")
    assert (entry.actor, entry.object_id, entry.region) == (ayu, str(assessment.pk), assessment.region)
    assert entry.before == {"state": "draft"} and entry.after == {"state": "closed", "reason": FACTS}
    with pytest.raises(ValidationError, match="Asesmen ini sudah ditutup"):
        closing.do_close(ayu, assessment, reason=FACTS)  # once


def test_a_verified_assessment_is_not_closed(verified, ayu) -> None:
    with pytest.raises(ValidationError, match="Terverifikasi"):
        closing.do_close(ayu, verified, reason=FACTS)
    assert Assessment.objects.get(pk=verified.pk).state == State.VERIFIED


def test_the_inbox_asks_nothing_of_a_closed_assessment(
    in_review, ayu, budi, sari, tono, region_a, dinkes_a
) -> None:
    """Sari's unanswered indicators, Budi's "complete and submit", Tono's "verify" all go."""
    draft = answering.do_start_assessment(budi, region_a, instrument_id=READINESS, title="Kesiapan 2027")
    answering.do_assign(budi, draft, code="struktur", opd=dinkes_a)
    draft_title = "Lengkapi dan ajukan asesmen “Kesiapan 2027”"
    assert draft_title in logged_in(budi).get("/").content.decode()
    assert "Jawab “" in logged_in(sari).get("/").content.decode()
    assert f"Verifikasi asesmen “{in_review.title}”" in logged_in(tono).get("/").content.decode()
    closing.do_close(ayu, draft, reason=FACTS)
    closing.do_close(ayu, in_review, reason=FACTS)
    assert draft_title not in logged_in(budi).get("/").content.decode()
    assert "Jawab “" not in logged_in(sari).get("/").content.decode()
    assert "Verifikasi asesmen" not in logged_in(tono).get("/").content.decode()


def test_the_pages_show_the_state_and_why_and_offer_no_form(closed_draft, budi, sari) -> None:
    client = logged_in(budi)
    page = client.get(url("detail", closed_draft)).content.decode()
    assert '<span class="state state-closed">Ditutup</span>' in page
    assert 'data-testid="closed-banner"' in page and REASON in page
    assert "Ditutup oleh" in page and "hanya dapat dibaca" in page
    assert url("submit", closed_draft) not in page and url("assign", closed_draft) not in page
    answer = logged_in(sari).get(url("answer", closed_draft, indicator=STRUKTUR[0])).content.decode()
    assert REASON in answer and 'name="value"' not in answer and 'name="file"' not in answer
    listing = client.get(reverse("assessment:list", args=[closed_draft.region.code])).content.decode()
    assert "state-closed" in listing and "Ditutup" in listing
    region = client.get(reverse("regions:workspace", args=[closed_draft.region.code])).content.decode()
    assert f'{closed_draft.title}</a> <span class="tag">Ditutup</span>' in region
    assert client.get(url("export_csv", closed_draft)).status_code == 200  # still readable
    assert client.get(url("export_xlsx", closed_draft)).status_code == 200


def evidence_file(_budi, _assessment: Assessment) -> SimpleUploadedFile:
    return SimpleUploadedFile("sk-baru.pdf", PDF, content_type="application/pdf")


def workbook(budi, assessment: Assessment) -> SimpleUploadedFile:
    content = logged_in(budi).get(url("export_xlsx", assessment)).content
    return SimpleUploadedFile("jawaban.xlsx", content)


@pytest.mark.parametrize(
    ("who", "name", "extra", "data"),
    [
        ("sari", "answer", {"indicator": STRUKTUR[0]}, {"value": "no", "explanation": "diubah"}),
        ("budi", "answer", {"indicator": OTHERS[0]}, {"value": "no", "explanation": "baru"}),
        ("sari", "evidence_upload", {"indicator": STRUKTUR[0]}, {"file": evidence_file}),
        ("sari", "evidence_delete", {"evidence_id": "first"}, {}),
        ("budi", "assign", {}, {"code": "infrastruktur", "opd": "dinkes"}),
        ("budi", "import", {}, {"file": workbook}),
        ("budi", "submit", {}, {}),
        ("ayu", "set_assessor", {}, {"assessor": "tono"}),
    ],
)
def test_every_write_of_the_region_and_ayu_is_refused(
    closed_draft, ayu, budi, sari, tono, dinkes_a, who, name, extra, data
) -> None:
    people = {"ayu": ayu, "budi": budi, "sari": sari}
    if extra.get("evidence_id") == "first":
        extra = {"evidence_id": Evidence.objects.get(answer__assessment=closed_draft).pk}
    named = {"dinkes": dinkes_a.pk, "tono": tono.pk}  # records made by the fixtures, by name
    sent = {
        key: value(budi, closed_draft) if callable(value) else named.get(value, value)
        for key, value in data.items()
    }
    before = picture(closed_draft)
    response = logged_in(people[who]).post(url(name, closed_draft, **extra), sent)
    assert response.status_code == 400, name
    assert REFUSED in response.content.decode(), name
    assert picture(closed_draft) == before


@pytest.mark.parametrize(
    ("name", "extra", "data"),
    [
        ("start_review", {}, {}),
        ("accept", {"indicator": OTHERS[1]}, {}),
        ("review", {"indicator": OTHERS[1]}, {"decision": "return", "reason": "Bukti kurang"}),
        ("add_note", {}, {"text": "Wawancara setelah terbit"}),
        ("finish_review", {}, {}),
        ("reopen", {"indicator": OTHERS[0]}, {"reason": "Salah hitung"}),
    ],
)
def test_every_step_of_the_assessor_is_refused(closed_in_review, tono, name, extra, data) -> None:
    before = picture(closed_in_review)
    response = logged_in(tono).post(url(name, closed_in_review, **extra), data)
    assert response.status_code == 400, name
    assert REFUSED in response.content.decode(), name
    assert picture(closed_in_review) == before


def test_ayu_cannot_reopen_an_answer_of_a_closed_assessment_either(closed_in_review, ayu) -> None:
    answer = closed_in_review.answers.get(indicator=OTHERS[0])
    with pytest.raises(ValidationError) as refused:
        reviewing.do_reopen_answer(ayu, answer, reason="Salah hitung")
    assert refused.value.messages == [REFUSED]


def test_the_api_shows_the_closed_state_and_writes_nothing(closed_draft, budi) -> None:
    client = logged_in(budi)
    detail = f"/api/v1/regions/{closed_draft.region.code}/assessments/{closed_draft.pk}"
    assert client.get(detail).json()["state"] == "closed"
    before = picture(closed_draft)
    for method in (client.post, client.put, client.patch, client.delete):
        assert method(detail, {}, content_type="application/json").status_code == 405
    assert picture(closed_draft) == before


def test_an_answer_write_from_a_page_opened_before_the_closing_is_refused(assessment, ayu, sari) -> None:
    """Sari's page read the assessment as a draft; Ayu's publication closed it before she saved.

    The write re-reads the state from the locked row inside its transaction, so neither the answer
    nor the evidence lands in the closed assessment (before, the checks read the page's old state)."""
    answering.do_save_answer(sari, assessment, STRUKTUR[0], value="yes", explanation="Ada SK")
    evidence = answering.do_upload_evidence(
        sari, assessment, STRUKTUR[0], BytesIO(PDF), name="sk.pdf", size=len(PDF)
    )
    opened_by_sari = Assessment.objects.get(pk=assessment.pk)
    closing.do_close(ayu, Assessment.objects.get(pk=assessment.pk), reason=FACTS)
    before = picture(Assessment.objects.get(pk=assessment.pk))
    with pytest.raises(ValidationError, match=REFUSED):
        answering.do_save_answer(sari, opened_by_sari, STRUKTUR[1], value="yes", explanation="Baru")
    opened_by_sari.state = State.DRAFT
    with pytest.raises(ValidationError, match=REFUSED):
        answering.do_upload_evidence(
            sari, opened_by_sari, STRUKTUR[0], BytesIO(PDF), name="lagi.pdf", size=len(PDF)
        )
    opened_by_sari.state = State.DRAFT
    evidence.answer.assessment = opened_by_sari
    with pytest.raises(ValidationError, match=REFUSED):
        answering.do_delete_evidence(sari, evidence)
    assert picture(Assessment.objects.get(pk=assessment.pk)) == before

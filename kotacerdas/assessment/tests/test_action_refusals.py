"""The assessment actions' own refusals, for callers that skip the pages' forms and getters.

Each builds the state the rule checks through the real actions and asserts the Indonesian reason and
that nothing changed."""

from __future__ import annotations

from io import BytesIO

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import Answer, Assignment, Evidence, InterviewNote, State
from kotacerdas.assessment.tests.conftest import PDF, READINESS, STRUKTUR, answer_all
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def evidence_of(sari, assessment) -> Evidence:
    return answering.do_upload_evidence(
        sari, assessment, STRUKTUR[0], BytesIO(PDF), name="sk-tim.pdf", size=len(PDF)
    )


def test_a_blank_title_is_refused(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_start_assessment(budi, region_a, instrument_id=READINESS, title="  \n ")
    assert error.value.message_dict == {"title": ["Isi judulnya."]}


def test_only_the_coordinator_assigns(assessment, sari, dinkes_a) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya koordinator wilayah ini yang boleh melakukannya"):
        answering.do_assign(sari, assessment, code="infrastruktur", opd=dinkes_a)
    assert not Assignment.objects.filter(indicator__startswith="infrastruktur").exists()


def test_an_assignment_to_another_regions_opd_or_an_unknown_code_is_refused(
    assessment, budi, dinkes_b
) -> None:
    before = set(Assignment.objects.values_list("indicator", "opd_id"))
    with pytest.raises(ValidationError) as error:
        answering.do_assign(budi, assessment, code="infrastruktur", opd=dinkes_b)
    assert error.value.message_dict == {"opd": ["Pilih OPD dari wilayah ini."]}
    with pytest.raises(ValidationError) as error:
        answering.do_assign(budi, assessment, code="tidak.ada", opd=None)
    assert error.value.message_dict == {"code": ["Pilih kelompok atau indikator dari instrumen."]}
    assert set(Assignment.objects.values_list("indicator", "opd_id")) == before


def test_only_ayu_assigns_an_assessor_and_not_to_a_verified_assessment(verified, ayu, budi, tono) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional yang menugaskan asesor"):
        answering.do_assign_assessor(budi, verified, tono)
    with pytest.raises(ValidationError, match="Asesmen ini sudah terverifikasi"):
        answering.do_assign_assessor(ayu, verified, tono)
    assert not AuditEntry.objects.filter(action="assessment.assign_assessor", actor=budi).exists()


def test_an_unknown_indicator_code_is_refused_for_evidence(assessment, sari) -> None:
    with pytest.raises(ValidationError, match="Kode indikator “tidak_ada” tidak dikenal"):
        answering.do_upload_evidence(sari, assessment, "tidak_ada", BytesIO(PDF), name="x.pdf", size=len(PDF))
    assert not Evidence.objects.exists()


def test_sari_deletes_her_evidence_while_the_answer_is_open(
    assessment, sari, django_capture_on_commit_callbacks
) -> None:
    evidence = evidence_of(sari, assessment)
    with django_capture_on_commit_callbacks(execute=True):
        answering.do_delete_evidence(sari, evidence)
    assert not Evidence.objects.exists()
    entry = AuditEntry.objects.get(action="assessment.evidence_delete")
    assert entry.before["original_name"] == "sk-tim.pdf"


def test_rina_may_not_delete_evidence(assessment, sari, rina) -> None:
    evidence = evidence_of(sari, assessment)
    with pytest.raises(ActionNotAllowed, match="Indikator ini tidak ditugaskan kepada OPD Anda"):
        answering.do_delete_evidence(rina, evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_evidence_of_a_submitted_answer_is_locked(assessment, budi, sari) -> None:
    evidence = evidence_of(sari, assessment)
    answer_all(budi, sari, assessment)
    reviewing.do_submit(budi, assessment)
    with pytest.raises(ValidationError, match="Jawaban ini terkunci"):
        answering.do_delete_evidence(sari, evidence)
    assert Evidence.objects.filter(pk=evidence.pk).exists()


def test_an_answer_not_waiting_for_review_is_refused(in_review, tono) -> None:
    answer = in_review.answers.first()
    reviewing.do_review_answer(tono, answer, decision="accept")
    answer.refresh_from_db()
    with pytest.raises(ValidationError, match="Jawaban ini tidak sedang menunggu tinjauan"):
        reviewing.do_review_answer(tono, answer, decision="return", reason="ulang")
    answer.refresh_from_db()
    assert answer.state == State.VERIFIED


def test_an_adjustment_without_a_value_or_an_unknown_decision_is_refused(in_review, tono) -> None:
    answer = in_review.answers.first()
    with pytest.raises(ValidationError) as error:
        reviewing.do_review_answer(tono, answer, decision="adjust", value="  ", reason="bukti kurang")
    assert error.value.message_dict == {"value": ["Isi nilai hasil verifikasi."]}
    with pytest.raises(ValidationError) as error:
        reviewing.do_review_answer(tono, answer, decision="approve")
    assert error.value.message_dict == {"decision": ["Pilih terima, sesuaikan, atau kembalikan."]}
    answer.refresh_from_db()
    assert answer.state == State.SUBMITTED


def test_an_empty_interview_note_is_refused(in_review, tono) -> None:
    with pytest.raises(ValidationError) as error:
        reviewing.do_add_note(tono, in_review, text="   ")
    assert error.value.message_dict == {"text": ["Tulis catatannya terlebih dahulu."]}
    assert not InterviewNote.objects.exists()


def test_only_a_verified_answer_is_reopened(in_review, tono) -> None:
    answer = in_review.answers.first()
    with pytest.raises(ValidationError, match="Hanya jawaban terverifikasi yang dapat dibuka kembali"):
        reviewing.do_reopen_answer(tono, answer, reason="cek ulang")
    assert Answer.objects.get(pk=answer.pk).state == State.SUBMITTED


def test_a_file_that_is_not_a_workbook_is_refused(assessment, budi) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_import_answers(budi, assessment, PDF)
    assert error.value.message_dict == {"file": ["Berkas tidak dapat dibaca sebagai buku kerja (XLSX)."]}
    assert not Answer.objects.filter(assessment=assessment).exists()


def test_assigning_to_no_opd_takes_the_indicators_back(assessment, budi) -> None:
    assert answering.do_assign(budi, assessment, code="struktur", opd=None) == STRUKTUR
    assert not Assignment.objects.filter(assessment=assessment).exists()
    entry = AuditEntry.objects.filter(action="assessment.assign").latest("pk")
    assert entry.after["opd"] is None


def test_evidence_is_found_only_in_its_own_assessment(assessment, budi, sari, region_a) -> None:
    from django.http import Http404

    from kotacerdas.assessment.access import get_evidence_in_assessment

    evidence = evidence_of(sari, assessment)
    spbe = answering.do_start_assessment(budi, region_a, instrument_id="spbe-2020", title="SPBE 2026")
    assert get_evidence_in_assessment(assessment, evidence.pk) == evidence
    with pytest.raises(Http404):
        get_evidence_in_assessment(spbe, evidence.pk)


def test_a_visitor_takes_no_part(assessment, region_a) -> None:
    from django.contrib.auth.models import AnonymousUser

    from kotacerdas.assessment import access

    visitor = AnonymousUser()
    assert not access.is_assigned_assessor(visitor, assessment)
    assert access.opd_ids_of(visitor, region_a) == set()
    assert not access.may_download_evidence(visitor, assessment)
    assert not access.takes_part_in_assessments(visitor, region_a)

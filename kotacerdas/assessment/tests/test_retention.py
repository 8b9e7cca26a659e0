"""Retention of assessment evidence: only verified assessments' files, once older than the setting."""

from __future__ import annotations

from datetime import timedelta
from io import BytesIO, StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.assessment import uploads
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import Evidence
from kotacerdas.assessment.tests.conftest import PDF, STRUKTUR, answer_all

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _short_retention(settings):
    settings.EVIDENCE_RETENTION_DAYS = 30


def upload(sari, assessment) -> Evidence:  # type: ignore[no-untyped-def]
    return answering.do_upload_evidence(
        sari, assessment, STRUKTUR[0], BytesIO(PDF), name="sk.pdf", size=len(PDF)
    )


@pytest.fixture
def retention(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run the command with the clock moved; the files it deletes after its commit go at once."""

    def run(days_from_now: int) -> str:
        out = StringIO()
        as_of = (timezone.localdate() + timedelta(days=days_from_now)).isoformat()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("apply_retention", as_of=as_of, stdout=out)
        return out.getvalue()

    return run


def test_a_verified_assessments_files_go_once_older_than_the_retention(
    assessment, ayu, budi, sari, tono, retention
) -> None:
    evidence = upload(sari, assessment)
    answer_all(budi, sari, assessment)
    reviewing.do_submit(budi, assessment)
    answering.do_assign_assessor(ayu, assessment, tono)
    reviewing.do_start_review(tono, assessment)
    for answer in assessment.answers.all():
        reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, assessment)
    path = uploads.path_of(evidence.stored_name)
    assert path.is_file()

    assert "assessment evidence files: 0 removed" in retention(29)
    assert "assessment evidence files: 1 removed" in retention(32)

    assert not path.exists()
    assert not Evidence.objects.exists()
    assert assessment.answers.count() == len(STRUKTUR) + 8  # the answers and their scores stay


def test_an_unfinished_assessments_files_stay(assessment, sari, retention) -> None:
    evidence = upload(sari, assessment)
    assert "assessment evidence files: 0 removed" in retention(3650)
    assert uploads.path_of(evidence.stored_name).is_file()

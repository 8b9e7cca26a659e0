"""Each state transition locks the assessment (and the answer), then checks the state it starts from.

The sequential tests run on SQLite too; the races need PostgreSQL (kotacerdas/web/tests/race.py).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.assessment.actions import reviewing
from kotacerdas.assessment.models import Answer, Assessment, Result, State, Transition
from kotacerdas.assessment.tests.conftest import answer_all
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race

SUBMITTED_BY_BUDI = "Status sudah berubah menjadi “Diajukan” oleh Budi; muat ulang halaman."
VERIFIED_BY_TONO = "Status sudah berubah menjadi “Terverifikasi” oleh Tono; muat ulang halaman."


@pytest.mark.django_db
def test_a_submit_started_from_a_stale_state_is_refused_with_who_changed_it(assessment, budi, sari) -> None:
    answer_all(budi, sari, assessment)
    seen_in_another_tab = Assessment.objects.get(pk=assessment.pk)
    reviewing.do_submit(budi, assessment)
    with pytest.raises(ValidationError) as refused:
        reviewing.do_submit(budi, seen_in_another_tab)
    assert refused.value.messages == [SUBMITTED_BY_BUDI]
    assert Result.objects.filter(assessment=assessment, kind=Result.Kind.SELF).count() == 1
    assert Transition.objects.filter(assessment=assessment, answer=None, action="submit").count() == 1


@pytest.mark.django_db
def test_a_review_decision_on_an_answer_already_decided_is_refused(in_review, tono) -> None:
    answer = in_review.answers.order_by("indicator").first()
    seen = Answer.objects.get(pk=answer.pk)
    reviewing.do_review_answer(tono, answer, decision="accept")
    with pytest.raises(ValidationError, match="Status sudah berubah menjadi “Terverifikasi” oleh Tono"):
        reviewing.do_review_answer(tono, seen, decision="return", reason="Lampirkan SK")
    seen.refresh_from_db()
    assert seen.state == State.VERIFIED
    assert Transition.objects.filter(answer=answer).count() == 2  # submit, accept


# ------------------------------------------------------------------ released together (PostgreSQL)


@on_postgresql
@concurrent_db
def test_two_submits_released_together_score_and_move_once(assessment, budi, sari) -> None:
    answer_all(budi, sari, assessment)
    tabs = [Assessment.objects.get(pk=assessment.pk) for _tab in range(2)]  # both show "draft"
    results = race(*(lambda tab=tab: reviewing.do_submit(budi, tab) for tab in tabs))
    done = [r for r in results if isinstance(r, Result)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(done), len(refused)) == (1, 1), results
    assert refused[0].messages == [SUBMITTED_BY_BUDI]
    assert Result.objects.filter(assessment=assessment, kind=Result.Kind.SELF).count() == 1
    assert Transition.objects.filter(assessment=assessment, answer=None, action="submit").count() == 1
    assessment.refresh_from_db()
    assert assessment.state == State.SUBMITTED


@on_postgresql
@concurrent_db
def test_finishing_the_review_twice_at_once_verifies_once(in_review, tono) -> None:
    for answer in in_review.answers.all():
        reviewing.do_review_answer(tono, answer, decision="accept")
    tabs = [Assessment.objects.get(pk=in_review.pk) for _tab in range(2)]  # both show "in review"
    results = race(*(lambda tab=tab: reviewing.do_finish_review(tono, tab) for tab in tabs))
    done = [r for r in results if isinstance(r, Result)]
    refused = [r for r in results if isinstance(r, ValidationError)]
    assert (len(done), len(refused)) == (1, 1), results
    assert refused[0].messages == [
        "Status sudah berubah menjadi “Terverifikasi” oleh Tono; muat ulang halaman."
    ]
    assert Result.objects.filter(assessment=in_review, kind=Result.Kind.VERIFIED).count() == 1
    assert Transition.objects.filter(assessment=in_review, answer=None, action="verify").count() == 1

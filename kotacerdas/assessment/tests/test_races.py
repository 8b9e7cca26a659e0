"""Each state transition locks the assessment (and the answer), then checks the state it starts from.

The sequential tests run on SQLite too; the races need PostgreSQL (kotacerdas/web/tests/race.py).
"""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.assessment import actions
from kotacerdas.assessment.models import Answer, Assessment, Result, State, Transition
from kotacerdas.assessment.tests.conftest import answer_all
from kotacerdas.web.tests.race import concurrent_db, on_postgresql, race

SUBMITTED_BY_BUDI = "Status sudah berubah menjadi “Diajukan” oleh Budi; muat ulang halaman."


@pytest.mark.django_db
def test_a_submit_started_from_a_stale_state_is_refused_with_who_changed_it(assessment, budi, sari) -> None:
    answer_all(budi, sari, assessment)
    seen_in_another_tab = Assessment.objects.get(pk=assessment.pk)
    actions.do_submit(budi, assessment)
    with pytest.raises(ValidationError) as refused:
        actions.do_submit(budi, seen_in_another_tab)
    assert refused.value.messages == [SUBMITTED_BY_BUDI]
    assert Result.objects.filter(assessment=assessment, kind=Result.Kind.SELF).count() == 1
    assert Transition.objects.filter(assessment=assessment, answer=None, action="submit").count() == 1


@pytest.mark.django_db
def test_a_review_decision_on_an_answer_already_decided_is_refused(in_review, tono) -> None:
    answer = in_review.answers.order_by("indicator").first()
    seen = Answer.objects.get(pk=answer.pk)
    actions.do_review_answer(tono, answer, decision="accept")
    with pytest.raises(ValidationError, match="Status sudah berubah menjadi “Terverifikasi” oleh Tono"):
        actions.do_review_answer(tono, seen, decision="return", reason="Lampirkan SK")
    seen.refresh_from_db()
    assert seen.state == State.VERIFIED
    assert Transition.objects.filter(answer=answer).count() == 2  # submit, accept


# ------------------------------------------------------------------ released together (PostgreSQL)


@on_postgresql
@concurrent_db
def test_two_submits_released_together_score_and_move_once(assessment, budi, sari) -> None:
    answer_all(budi, sari, assessment)
    tabs = [Assessment.objects.get(pk=assessment.pk) for _tab in range(2)]  # both show "draft"
    results = race(*(lambda tab=tab: actions.do_submit(budi, tab) for tab in tabs))
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
def test_finishing_the_review_while_an_answer_is_reopened_leaves_a_consistent_state(
    in_review, ayu, tono
) -> None:
    """Tono finishes the review while Ayu reopens a verified answer: one goes first, the other sees it."""
    for answer in in_review.answers.all():
        actions.do_review_answer(tono, answer, decision="accept")
    first = in_review.answers.order_by("indicator").first()
    assessment = Assessment.objects.get(pk=in_review.pk)
    answer = Answer.objects.select_related("assessment").get(pk=first.pk)
    results = race(
        lambda: actions.do_finish_review(tono, assessment),
        lambda: actions.do_reopen_answer(ayu, answer, reason="Bukti SK kedaluwarsa"),
    )
    assert not [r for r in results if isinstance(r, BaseException)], results  # both succeed, in turn
    in_review.refresh_from_db()
    first.refresh_from_db()
    # finished first → verified, then the reopening returns it; reopened first → finished as returned.
    # Without the lock the review could end "verified" with a returned answer inside.
    assert (first.state, in_review.state) == (State.RETURNED, State.RETURNED)
    moves = list(
        Transition.objects.filter(assessment=in_review, answer=None).values_list("from_state", "to_state")
    )
    finished_first = (State.IN_REVIEW, State.VERIFIED) in moves
    assert moves[-1] == ((State.VERIFIED if finished_first else State.IN_REVIEW), State.RETURNED)
    verified_results = Result.objects.filter(assessment=in_review, kind=Result.Kind.VERIFIED).count()
    assert verified_results == (1 if finished_first else 0)

"""The state machine through the actions: who may move it, and what each step records."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import Answer, Result, State, Transition
from kotacerdas.assessment.tests.conftest import OTHERS, STRUKTUR
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_starts_an_assessment_with_the_instrument_version(assessment, region_a) -> None:
    assert assessment.state == State.DRAFT
    assert assessment.instrument_version == "2019.example.1"
    assert len(assessment.instrument_hash) == 64
    assert sorted(assessment.assignments.values_list("indicator", flat=True)) == sorted(STRUKTUR)
    assert AuditEntry.objects.filter(action="assessment.start", region=region_a).count() == 1


def test_it_refuses_an_unknown_instrument_and_a_target_off_scale(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_start_assessment(budi, region_a, instrument_id="nope", title="x")
    assert "instrument_id" in error.value.error_dict
    with pytest.raises(ValidationError) as error:
        answering.do_start_assessment(budi, region_a, instrument_id="spbe-2020", title="x", target=9)
    assert "target" in error.value.error_dict


def test_only_the_coordinator_starts_one(sari, region_a) -> None:
    with pytest.raises(ActionNotAllowed):
        answering.do_start_assessment(sari, region_a, instrument_id="spbe-2020", title="x")


def test_sari_answers_only_her_opds_indicators(assessment, sari) -> None:
    answering.do_save_answer(sari, assessment, STRUKTUR[0], value="ya", explanation="SK Wali Kota")
    assert Answer.objects.get(indicator=STRUKTUR[0]).value == "yes"
    with pytest.raises(ActionNotAllowed):
        answering.do_save_answer(sari, assessment, OTHERS[0], value="yes", explanation="")
    assert not Answer.objects.filter(indicator=OTHERS[0]).exists()


def test_a_bad_value_is_refused_with_a_message(assessment, sari) -> None:
    with pytest.raises(ValidationError) as error:
        answering.do_save_answer(sari, assessment, STRUKTUR[0], value="mungkin", explanation="")
    assert "value" in error.value.error_dict
    assert not Answer.objects.exists()


def test_submission_needs_every_required_answer(assessment, budi, sari) -> None:
    answering.do_save_answer(sari, assessment, STRUKTUR[0], value="yes", explanation="")
    with pytest.raises(ValidationError) as error:
        reviewing.do_submit(budi, assessment)
    assert "struktur.sdm.2" in " ".join(error.value.messages)
    assessment.refresh_from_db()
    assert assessment.state == State.DRAFT
    assert not Result.objects.exists()


def test_the_whole_journey_records_every_transition(verified, budi, tono) -> None:
    assert verified.state == State.VERIFIED
    steps = list(
        Transition.objects.filter(assessment=verified, answer=None).values_list(
            "from_state", "to_state", "actor"
        )
    )
    assert steps == [
        (State.DRAFT, State.SUBMITTED, budi.pk),
        (State.SUBMITTED, State.IN_REVIEW, tono.pk),
        (State.IN_REVIEW, State.VERIFIED, tono.pk),
    ]
    kinds = sorted(verified.results.values_list("kind", flat=True))
    assert kinds == ["self", "verified"]
    result = verified.results.get(kind="verified")
    assert result.total == 100.0
    assert result.recipe["instrument_id"] == "readiness-2019"
    assert len(result.recipe["input_hash"]) == 64


def test_adjusting_needs_a_reason_and_changes_the_verified_score(in_review, tono) -> None:
    answer = in_review.answers.get(indicator=OTHERS[0])
    with pytest.raises(ValidationError):
        reviewing.do_review_answer(tono, answer, decision="adjust", value="no", reason="  ")
    answer.refresh_from_db()
    assert answer.state == State.SUBMITTED
    reviewing.do_review_answer(tono, answer, decision="adjust", value="tidak", reason="Tidak ada bukti")
    for other in in_review.answers.exclude(pk=answer.pk):
        reviewing.do_review_answer(tono, other, decision="accept")
    result = reviewing.do_finish_review(tono, in_review)
    assert result is not None
    self_total = in_review.results.get(kind="self").total
    assert result.total < self_total
    answer.refresh_from_db()
    assert (answer.value, answer.verified_value, answer.is_adjusted) == ("yes", "no", True)


def test_a_returned_answer_goes_back_to_sari_and_round_again(in_review, tono, budi, sari) -> None:
    answer = in_review.answers.get(indicator=STRUKTUR[0])
    reviewing.do_review_answer(tono, answer, decision="return", reason="Lampirkan SK")
    for other in in_review.answers.exclude(pk=answer.pk):
        reviewing.do_review_answer(tono, other, decision="accept")
    assert reviewing.do_finish_review(tono, in_review) is None
    in_review.refresh_from_db()
    assert in_review.state == State.RETURNED
    with pytest.raises(ValidationError):  # accepted answers stay locked
        answering.do_save_answer(sari, in_review, STRUKTUR[1], value="no", explanation="")
    answering.do_save_answer(sari, in_review, STRUKTUR[0], value="no", explanation="Belum ada SK")
    reviewing.do_submit(budi, in_review)
    reviewing.do_start_review(tono, in_review)
    reviewing.do_review_answer(tono, in_review.answers.get(indicator=STRUKTUR[0]), decision="accept")
    result = reviewing.do_finish_review(tono, in_review)
    assert result is not None and result.answers[STRUKTUR[0]] == "no"


def test_finishing_waits_for_every_decision(in_review, tono) -> None:
    with pytest.raises(ValidationError):
        reviewing.do_finish_review(tono, in_review)
    in_review.refresh_from_db()
    assert in_review.state == State.IN_REVIEW


def test_only_the_assigned_assessor_reviews(in_review, ayu, region_a) -> None:
    from conftest import make_person

    other = make_person(ayu, "joko", "assessor", region_a)
    with pytest.raises(ActionNotAllowed):
        reviewing.do_review_answer(other, in_review.answers.first(), decision="accept")


def test_the_assessor_must_be_an_assessor_of_the_region(assessment, ayu, dewi) -> None:
    with pytest.raises(ValidationError):
        answering.do_assign_assessor(ayu, assessment, dewi)
    assessment.refresh_from_db()
    assert assessment.assessor is None


def test_interview_notes_are_the_assessors(in_review, tono, budi) -> None:
    reviewing.do_add_note(tono, in_review, text="Wawancara dengan Kepala Diskominfo")
    assert in_review.notes.get().author == tono
    with pytest.raises(ActionNotAllowed):
        reviewing.do_add_note(budi, in_review, text="x")

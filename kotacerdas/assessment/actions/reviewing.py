"""The state machine after the answers: submit, review each answer, notes, finish, reopen."""

from __future__ import annotations

from fractions import Fraction
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment import access
from kotacerdas.assessment.actions.common import (
    coerced_text,
    current_value,
    indicator_of,
    instrument_of,
    move,
    move_answer,
    reason_given,
    require_assessor,
    require_coordinator,
    require_not_closed,
    require_state,
)
from kotacerdas.assessment.evidence import require_evidence
from kotacerdas.assessment.models import (
    Answer,
    Assessment,
    InterviewNote,
    Result,
    State,
)
from kotacerdas.assessment.problems import problem_messages
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core.instruments import (
    AnswersError,
    score,
)


def _score(assessment: Assessment, values: dict[str, str]) -> Any:
    target = None if assessment.target is None else Fraction(assessment.target)
    try:
        return score(instrument_of(assessment), values, default_target=target)
    except AnswersError as error:
        raise ValidationError(problem_messages(error)) from None


def _save_result(actor: User, assessment: Assessment, kind: str, values: dict[str, str]) -> Result:
    result = _score(assessment, values)
    data = result.to_dict()
    return Result.objects.create(
        assessment=assessment,
        kind=kind,
        total=data["total"],
        total_exact=data["total_exact"],
        band=result.band.code if result.band else "",
        data=data,
        recipe=data["recipe"],
        answers=dict(sorted(values.items())),
        created_by=actor,
    )


def do_submit(actor: User, assessment: Assessment) -> Result:
    """Budi submits: every answer is scored (self-assessment) and locked until review."""
    require_coordinator(actor, assessment)
    require_state(assessment, State.DRAFT, State.RETURNED)
    with transaction.atomic():
        lock_state(assessment, [State.DRAFT, State.RETURNED], field="state")  # one submit wins
        answers = list(Answer.objects.filter(assessment=assessment))  # read after the lock
        values = {a.indicator: current_value(a) for a in answers if current_value(a)}
        require_evidence(instrument_of(assessment), answers)
        result = _save_result(actor, assessment, Result.Kind.SELF, values)
        for answer in answers:
            if answer.state in access.EDITABLE_ANSWER_STATES and answer.value:
                move_answer(answer, State.SUBMITTED, actor, "submit")
                answer.save(update_fields=["state"])
        before = snapshot(assessment, ["state"])
        move(assessment, State.SUBMITTED, actor, "submit")
        record(
            actor,
            "assessment.submit",
            assessment,
            before=before,
            after={"state": assessment.state, "total": result.total},
            region=assessment.region,
        )
    return result


def do_start_review(actor: User, assessment: Assessment) -> None:
    require_assessor(actor, assessment)
    require_state(assessment, State.SUBMITTED)
    with transaction.atomic():
        lock_state(assessment, [State.SUBMITTED], field="state")
        move(assessment, State.IN_REVIEW, actor, "start_review")
        record(
            actor,
            "assessment.start_review",
            assessment,
            before={"state": State.SUBMITTED},
            after={"state": assessment.state},
            region=assessment.region,
        )


ACCEPT, ADJUST, RETURN = "accept", "adjust", "return"


def do_review_answer(
    actor: User, answer: Answer, *, decision: str, value: str = "", reason: str = ""
) -> Answer:
    """Tono accepts an answer, adjusts its value or returns it for revision (both need a reason)."""
    assessment = answer.assessment
    require_assessor(actor, assessment)
    require_state(assessment, State.IN_REVIEW)
    if answer.state != State.SUBMITTED:
        raise ValidationError(_("This answer is not waiting for review."))
    before = snapshot(answer)
    if decision == ACCEPT:
        answer.verified_value = answer.value
        answer.review_reason = (reason or "").strip()
        to_state = State.VERIFIED
    elif decision == ADJUST:
        indicator = indicator_of(instrument_of(assessment), answer.indicator)
        if not (value or "").strip():
            raise ValidationError({"value": _("Enter the verified value.")})
        adjusted = coerced_text(indicator, value.strip())
        if adjusted == answer.value:  # an "adjustment" that changes nothing would be recorded as one
            raise ValidationError(
                {"value": _("The adjusted value is the same as the region's answer; choose Accept.")}
            )
        answer.verified_value = adjusted
        answer.review_reason = reason_given(reason)
        to_state = State.VERIFIED
    elif decision == RETURN:
        answer.review_reason = reason_given(reason)
        answer.verified_value = ""
        to_state = State.RETURNED
    else:
        raise ValidationError({"decision": _("Choose accept, adjust or return.")})
    with transaction.atomic():
        lock_state(assessment, [State.IN_REVIEW], field="state")  # the assessment first, then its answer
        lock_state(answer, [State.SUBMITTED], field="state")
        move_answer(answer, to_state, actor, decision, answer.review_reason)
        answer.save()
        record(
            actor,
            f"assessment.review_{decision}",
            answer,
            before=before,
            after=snapshot(answer),
            region=assessment.region,
        )
    return answer


def do_add_note(actor: User, assessment: Assessment, *, text: str) -> InterviewNote:
    require_assessor(actor, assessment)
    require_not_closed(assessment)
    text = (text or "").strip()
    if not text:
        raise ValidationError({"text": _("Write the note first.")})
    note = InterviewNote(assessment=assessment, author=actor, text=text)
    with transaction.atomic():
        note.save()
        record(actor, "assessment.note", note, before=None, after=snapshot(note), region=assessment.region)
    return note


def do_finish_review(actor: User, assessment: Assessment, *, reason: str = "") -> Result | None:
    """Ends the review: returned when any answer was returned, otherwise verified with a result."""
    require_assessor(actor, assessment)
    require_state(assessment, State.IN_REVIEW)
    with transaction.atomic():
        lock_state(assessment, [State.IN_REVIEW], field="state")
        answers = list(Answer.objects.filter(assessment=assessment))  # read after the lock
        waiting = [a.indicator for a in answers if a.state == State.SUBMITTED]
        if waiting:
            raise ValidationError(
                _("Decide on every answer first; still waiting: %(codes)s.") % {"codes": ", ".join(waiting)}
            )
        returned = [a for a in answers if a.state == State.RETURNED]
        if returned:
            move(assessment, State.RETURNED, actor, "return", reason.strip())
            result = None
        else:
            values = {a.indicator: a.verified_value for a in answers if a.state == State.VERIFIED}
            result = _save_result(actor, assessment, Result.Kind.VERIFIED, values)
            move(assessment, State.VERIFIED, actor, "verify", reason.strip())
        record(
            actor,
            "assessment.finish_review",
            assessment,
            before={"state": State.IN_REVIEW},
            after={"state": assessment.state, "total": result.total if result else None},
            region=assessment.region,
        )
    return result


def do_reopen_answer(actor: User, answer: Answer, *, reason: str) -> Answer:
    """The recorded way to change a verified answer: it goes back to the region for revision."""
    assessment = answer.assessment
    if not access.can_reopen(actor, assessment):
        raise ActionNotAllowed(
            _("Only the assigned assessor or the national programme admin may reopen an answer.")
        )
    require_not_closed(assessment)
    if answer.state != State.VERIFIED:
        raise ValidationError(_("Only a verified answer can be reopened."))
    require_state(assessment, State.VERIFIED, State.IN_REVIEW)
    reason = reason_given(reason)
    before = snapshot(answer)
    with transaction.atomic():
        lock_state(assessment, [State.VERIFIED, State.IN_REVIEW], field="state")
        lock_state(answer, [State.VERIFIED], field="state")
        move_answer(answer, State.RETURNED, actor, "reopen", reason)
        answer.review_reason = reason
        answer.save()
        if assessment.state == State.VERIFIED:
            move(assessment, State.RETURNED, actor, "reopen", reason)
        record(
            actor,
            "assessment.reopen",
            answer,
            before=before,
            after=snapshot(answer),
            region=assessment.region,
        )
    return answer

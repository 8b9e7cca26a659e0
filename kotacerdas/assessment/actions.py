"""Writes on assessments: permission → validation → transaction → audit log.

Every state change also writes a Transition row (who, when, why). See
docs/reference/assessment-states.md for the state machine.
"""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment import access, uploads
from kotacerdas.assessment.evidence import require_evidence
from kotacerdas.assessment.instruments import get_instrument, indicators_under, scoring_instrument_ids
from kotacerdas.assessment.models import (
    Answer,
    Assessment,
    Assignment,
    Evidence,
    InterviewNote,
    Result,
    State,
    Transition,
)
from kotacerdas.assessment.problems import problem_messages
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.audit.versioning import require_version
from kotacerdas.core.instruments import (
    AnswersError,
    Indicator,
    Instrument,
    answer_text,
    coerce_answer,
    import_answers_xlsx,
    instrument_hash,
    score,
)
from kotacerdas.regions.models import Opd, Region


def instrument_of(assessment: Assessment) -> Instrument:
    return get_instrument(assessment.instrument_id)


def _require_coordinator(actor: User, assessment: Assessment) -> None:
    if not access.is_coordinator(actor, assessment):
        raise ActionNotAllowed(_("Only the coordinator of this region may do this."))


def _require_assessor(actor: User, assessment: Assessment) -> None:
    if not access.is_assigned_assessor(actor, assessment):
        raise ActionNotAllowed(_("Only the assessor assigned to this assessment may do this."))


def _require_state(assessment: Assessment, *states: str) -> None:
    if assessment.state not in states:
        raise ValidationError(
            _("This is not possible while the assessment is “%(state)s”.")
            % {"state": assessment.get_state_display()}
        )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    return reason


def _move(assessment: Assessment, to_state: str, actor: User, action: str, reason: str = "") -> None:
    Transition.objects.create(
        assessment=assessment,
        from_state=assessment.state,
        to_state=to_state,
        action=action,
        actor=actor,
        reason=reason,
    )
    assessment.state = to_state
    assessment.save(update_fields=["state"])


def _move_answer(answer: Answer, to_state: str, actor: User, action: str, reason: str = "") -> None:
    Transition.objects.create(
        assessment=answer.assessment,
        answer=answer,
        from_state=answer.state,
        to_state=to_state,
        action=action,
        actor=actor,
        reason=reason,
    )
    answer.state = to_state


def _indicator(instrument: Instrument, code: str) -> Indicator:
    node = instrument.node(code)
    if not isinstance(node, Indicator):
        raise ValidationError(_("Unknown indicator code “%(code)s”.") % {"code": code[:80]})
    return node


def _coerced_text(indicator: Indicator, raw: object) -> str:
    try:
        return answer_text(coerce_answer(indicator, raw))
    except AnswersError as error:
        raise ValidationError({"value": problem_messages(error)}) from None


# ---------------------------------------------------------------- set-up


def do_start_assessment(
    actor: User,
    region: Region,
    *,
    instrument_id: str,
    title: str,
    deadline: datetime.date | None = None,
    target: Decimal | None = None,
) -> Assessment:
    if not access.can_manage_region_of(actor, region):
        raise ActionNotAllowed(_("Only the coordinator of this region may do this."))
    if instrument_id not in scoring_instrument_ids():
        raise ValidationError({"instrument_id": _("Choose one of the listed instruments.")})
    instrument = get_instrument(instrument_id)
    title = " ".join((title or "").split())
    if not title:
        raise ValidationError({"title": _("Enter a title.")})
    if target is not None and not instrument.scale_min <= Fraction(target) <= instrument.scale_max:
        raise ValidationError(
            {
                "target": _("The target must lie on the instrument's scale (%(min)s–%(max)s).")
                % {"min": instrument.scale_min, "max": instrument.scale_max}
            }
        )
    assessment = Assessment(
        region=region,
        title=title[:200],
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        instrument_hash=instrument_hash(instrument),
        deadline=deadline,
        target=target,
        created_by=actor,
    )
    with transaction.atomic():
        assessment.save()
        record(actor, "assessment.start", assessment, before=None, after=snapshot(assessment), region=region)
    return assessment


def do_assign(actor: User, assessment: Assessment, *, code: str, opd: Opd | None) -> list[str]:
    """Assigns every indicator under ``code`` (a group or one indicator) to ``opd``; None unassigns."""
    _require_coordinator(actor, assessment)
    _require_state(assessment, State.DRAFT, State.RETURNED)
    if opd is not None and opd.region_id != assessment.region_id:
        raise ValidationError({"opd": _("Choose an OPD of this region.")})
    codes = indicators_under(instrument_of(assessment), code)
    if not codes:
        raise ValidationError({"code": _("Choose a group or an indicator of the instrument.")})
    with transaction.atomic():
        before = dict(
            Assignment.objects.filter(assessment=assessment, indicator__in=codes).values_list(
                "indicator", "opd_id"
            )
        )
        Assignment.objects.filter(assessment=assessment, indicator__in=codes).delete()
        if opd is not None:
            Assignment.objects.bulk_create(
                Assignment(assessment=assessment, indicator=c, opd=opd) for c in codes
            )
        record(
            actor,
            "assessment.assign",
            assessment,
            before={"assignments": before},
            after={"code": code, "opd": opd.pk if opd else None, "indicators": codes},
            region=assessment.region,
        )
    return codes


def do_assign_assessor(actor: User, assessment: Assessment, assessor: User) -> Assessment:
    if not access.can_assign_assessor(actor):
        raise ActionNotAllowed(_("Only the national programme admin assigns assessors."))
    if assessment.state == State.VERIFIED:
        raise ValidationError(_("This assessment is verified; reopen an answer first."))
    if not access.is_region_assessor(assessor, assessment.region):
        raise ValidationError({"assessor": _("This person is not an assessor of this region.")})
    save_audited(
        actor, "assessment.assign_assessor", assessment, {"assessor": assessor}, region=assessment.region
    )
    return assessment


# ---------------------------------------------------------------- answering


def do_save_answer(
    actor: User,
    assessment: Assessment,
    indicator_code: str,
    *,
    value: str,
    explanation: str,
    version: int | None = None,
) -> Answer:
    """Saves a draft answer. A blank value is allowed (a draft may hold only an explanation).

    ``version`` is the one the person's form started from (0: there was no answer yet); a save from
    an older one is refused and names who changed the answer (``require_version``)."""
    indicator = _indicator(instrument_of(assessment), indicator_code)
    if not access.may_answer(actor, assessment, indicator.code):
        raise ActionNotAllowed(_("This indicator is not assigned to your OPD."))
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    if answer is not None:  # the same row as given: the audit entry's label asks no second query
        answer.assessment = assessment
    if not access.answer_is_open(assessment, answer):
        raise ValidationError(_("This answer is locked: it has been submitted or verified."))
    raw = (value or "").strip()
    text = _coerced_text(indicator, raw) if raw else ""
    before = snapshot(answer) if answer else None
    if answer is None:
        answer = Answer(assessment=assessment, indicator=indicator.code)
    answer.value = text
    answer.explanation = (explanation or "").strip()
    answer.updated_by = actor
    with transaction.atomic():
        require_version(answer, version)
        answer.save()
        record(
            actor,
            "assessment.answer",
            answer,
            before=before,
            after=snapshot(answer),
            region=assessment.region,
        )
    return answer


def do_import_answers(actor: User, assessment: Assessment, source: IO[bytes] | bytes) -> int:
    """Fills answers from an answers workbook (the export format). Returns how many changed."""
    _require_coordinator(actor, assessment)
    _require_state(assessment, State.DRAFT, State.RETURNED)
    instrument = instrument_of(assessment)
    try:
        by_region = import_answers_xlsx(source, instrument)
    except AnswersError as error:
        raise ValidationError({"file": problem_messages(error)}) from None
    except Exception:  # openpyxl raises many kinds for a file that is not a workbook
        raise ValidationError({"file": _("The file cannot be read as a workbook.")}) from None
    values = by_region.get(None) or by_region.get(assessment.region.code)
    if values is None:
        raise ValidationError({"file": _("The workbook has no answers for this region.")})
    existing = {a.indicator: a for a in Answer.objects.filter(assessment=assessment)}
    locked = [
        code
        for code, value in values.items()
        if not access.answer_is_open(assessment, existing.get(code))
        and _current(existing.get(code)) != answer_text(value)
    ]
    if locked:
        raise ValidationError(
            {
                "file": _("These answers are locked and cannot be changed: %(codes)s.")
                % {"codes": ", ".join(locked)}
            }
        )
    changed = 0
    with transaction.atomic():
        for code, value in values.items():
            answer = existing.get(code)
            text = answer_text(value)
            if answer is not None and answer.value == text:
                continue
            if not access.answer_is_open(assessment, answer):
                continue
            if answer is None:
                answer = Answer(assessment=assessment, indicator=code)
            answer.value = text
            answer.updated_by = actor
            answer.save()
            changed += 1
        record(
            actor,
            "assessment.import",
            assessment,
            before=None,
            after={"answers": {code: answer_text(v) for code, v in values.items()}, "changed": changed},
            region=assessment.region,
        )
    return changed


def _current(answer: Answer | None) -> str:
    if answer is None:
        return ""
    return answer.verified_value if answer.state == State.VERIFIED else answer.value


def do_upload_evidence(
    actor: User, assessment: Assessment, indicator_code: str, upload: IO[bytes], *, name: str, size: int
) -> Evidence:
    """Attaches a checked file to the answer (an empty draft answer is created when there is none yet)."""
    indicator = _indicator(instrument_of(assessment), indicator_code)
    if not access.may_answer(actor, assessment, indicator.code):
        raise ActionNotAllowed(_("This indicator is not assigned to your OPD."))
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    if not access.answer_is_open(assessment, answer):
        raise ValidationError(_("This answer is locked: it has been submitted or verified."))
    display_name = uploads.clean_name(name)
    upload.seek(0)
    mime = uploads.check_content(upload.read(2048), size)
    stored = uploads.store(upload, mime)
    try:
        with transaction.atomic():
            if answer is None:
                answer = Answer.objects.create(
                    assessment=assessment, indicator=indicator.code, updated_by=actor
                )
            evidence = Evidence.objects.create(
                answer=answer,
                original_name=display_name,
                stored_name=stored,
                content_type=mime,
                size=size,
                uploaded_by=actor,
            )
            record(
                actor,
                "assessment.evidence_upload",
                evidence,
                before=None,
                after=snapshot(evidence),
                region=assessment.region,
            )
    except Exception:
        uploads.path_of(stored).unlink(missing_ok=True)
        raise
    return evidence


def do_delete_evidence(actor: User, evidence: Evidence) -> None:
    answer = evidence.answer
    if not access.may_answer(actor, answer.assessment, answer.indicator):
        raise ActionNotAllowed(_("This indicator is not assigned to your OPD."))
    if not access.answer_is_open(answer.assessment, answer):
        raise ValidationError(_("This answer is locked: it has been submitted or verified."))
    path = uploads.path_of(evidence.stored_name)
    with transaction.atomic():
        record(
            actor,
            "assessment.evidence_delete",
            evidence,
            before=snapshot(evidence),
            after=None,
            region=answer.assessment.region,
        )
        evidence.delete()
        transaction.on_commit(lambda: path.unlink(missing_ok=True))


# ---------------------------------------------------------------- the state machine


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
    _require_coordinator(actor, assessment)
    _require_state(assessment, State.DRAFT, State.RETURNED)
    with transaction.atomic():
        lock_state(assessment, [State.DRAFT, State.RETURNED], field="state")  # one submit wins
        answers = list(Answer.objects.filter(assessment=assessment))  # read after the lock
        values = {a.indicator: _current(a) for a in answers if _current(a)}
        require_evidence(instrument_of(assessment), answers)
        result = _save_result(actor, assessment, Result.Kind.SELF, values)
        for answer in answers:
            if answer.state in access.EDITABLE_ANSWER_STATES and answer.value:
                _move_answer(answer, State.SUBMITTED, actor, "submit")
                answer.save(update_fields=["state"])
        before = snapshot(assessment, ["state"])
        _move(assessment, State.SUBMITTED, actor, "submit")
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
    _require_assessor(actor, assessment)
    _require_state(assessment, State.SUBMITTED)
    with transaction.atomic():
        lock_state(assessment, [State.SUBMITTED], field="state")
        _move(assessment, State.IN_REVIEW, actor, "start_review")
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
    _require_assessor(actor, assessment)
    _require_state(assessment, State.IN_REVIEW)
    if answer.state != State.SUBMITTED:
        raise ValidationError(_("This answer is not waiting for review."))
    before = snapshot(answer)
    if decision == ACCEPT:
        answer.verified_value = answer.value
        answer.review_reason = (reason or "").strip()
        to_state = State.VERIFIED
    elif decision == ADJUST:
        indicator = _indicator(instrument_of(assessment), answer.indicator)
        if not (value or "").strip():
            raise ValidationError({"value": _("Enter the verified value.")})
        answer.verified_value = _coerced_text(indicator, value.strip())
        answer.review_reason = _reason(reason)
        to_state = State.VERIFIED
    elif decision == RETURN:
        answer.review_reason = _reason(reason)
        answer.verified_value = ""
        to_state = State.RETURNED
    else:
        raise ValidationError({"decision": _("Choose accept, adjust or return.")})
    with transaction.atomic():
        lock_state(assessment, [State.IN_REVIEW], field="state")  # the assessment first, then its answer
        lock_state(answer, [State.SUBMITTED], field="state")
        _move_answer(answer, to_state, actor, decision, answer.review_reason)
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
    _require_assessor(actor, assessment)
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
    _require_assessor(actor, assessment)
    _require_state(assessment, State.IN_REVIEW)
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
            _move(assessment, State.RETURNED, actor, "return", reason.strip())
            result = None
        else:
            values = {a.indicator: a.verified_value for a in answers if a.state == State.VERIFIED}
            result = _save_result(actor, assessment, Result.Kind.VERIFIED, values)
            _move(assessment, State.VERIFIED, actor, "verify", reason.strip())
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
    if answer.state != State.VERIFIED:
        raise ValidationError(_("Only a verified answer can be reopened."))
    _require_state(assessment, State.VERIFIED, State.IN_REVIEW)
    reason = _reason(reason)
    before = snapshot(answer)
    with transaction.atomic():
        lock_state(assessment, [State.VERIFIED, State.IN_REVIEW], field="state")
        lock_state(answer, [State.VERIFIED], field="state")
        _move_answer(answer, State.RETURNED, actor, "reopen", reason)
        answer.review_reason = reason
        answer.save()
        if assessment.state == State.VERIFIED:
            _move(assessment, State.RETURNED, actor, "reopen", reason)
        record(
            actor,
            "assessment.reopen",
            answer,
            before=before,
            after=snapshot(answer),
            region=assessment.region,
        )
    return answer

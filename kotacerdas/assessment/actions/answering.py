"""Setting an assessment up and answering it: start, assign, answers (typed or imported), evidence."""

from __future__ import annotations

import datetime
from decimal import Decimal
from fractions import Fraction
from typing import IO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment import access, uploads
from kotacerdas.assessment.actions.common import (
    coerced_text,
    current_value,
    indicator_of,
    instrument_of,
    require_coordinator,
    require_not_closed,
    require_state,
)
from kotacerdas.assessment.instruments import get_instrument, indicators_under, scoring_instrument_ids
from kotacerdas.assessment.models import (
    Answer,
    Assessment,
    Assignment,
    Evidence,
    State,
)
from kotacerdas.assessment.problems import problem_messages
from kotacerdas.audit.log import record, save_audited, snapshot
from kotacerdas.audit.versioning import require_version
from kotacerdas.core.instruments import (
    AnswersError,
    answer_text,
    import_answers_xlsx,
    instrument_hash,
)
from kotacerdas.regions.models import Opd, Region

LOCKED_ANSWER = _lazy("This answer is locked: it has been submitted or verified.")


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
    require_coordinator(actor, assessment)
    require_state(assessment, State.DRAFT, State.RETURNED)
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
    require_not_closed(assessment)
    if assessment.state == State.VERIFIED:
        raise ValidationError(_("This assessment is verified; reopen an answer first."))
    if not access.is_region_assessor(assessor, assessment.region):
        raise ValidationError({"assessor": _("This person is not an assessor of this region.")})
    save_audited(
        actor, "assessment.assign_assessor", assessment, {"assessor": assessor}, region=assessment.region
    )
    return assessment


# ---------------------------------------------------------------- answering


def _lock_answering(assessment: Assessment, answer: Answer | None) -> None:
    """Lock the assessment's row for an answer write and check again from the locked state.

    The checks before the transaction read the state the page was opened on; a submission or a
    closing (publishing the evaluation cycle) committed since then must refuse the write rather than
    let it land in an assessment that no longer takes answers. Call inside the write's transaction."""
    current = Assessment.objects.select_for_update().filter(pk=assessment.pk).values_list("state", flat=True)
    assessment.state = current.get()
    require_not_closed(assessment)
    if not access.answer_is_open(assessment, answer):
        raise ValidationError(LOCKED_ANSWER)


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
    indicator = indicator_of(instrument_of(assessment), indicator_code)
    if not access.may_answer(actor, assessment, indicator.code):
        raise ActionNotAllowed(_("This indicator is not assigned to your OPD."))
    require_not_closed(assessment)
    answer = access.answer_to(assessment, indicator.code)  # its assessment set: the audit's label asks none
    if not access.answer_is_open(assessment, answer):
        raise ValidationError(LOCKED_ANSWER)
    raw = (value or "").strip()
    text = coerced_text(indicator, raw) if raw else ""
    before = snapshot(answer) if answer else None
    if answer is None:
        answer = Answer(assessment=assessment, indicator=indicator.code)
    answer.value = text
    answer.explanation = (explanation or "").strip()
    answer.updated_by = actor
    with transaction.atomic():
        _lock_answering(assessment, answer if answer.pk else None)
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
    require_coordinator(actor, assessment)
    require_state(assessment, State.DRAFT, State.RETURNED)
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
        and current_value(existing.get(code)) != answer_text(value)
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


def do_upload_evidence(
    actor: User, assessment: Assessment, indicator_code: str, upload: IO[bytes], *, name: str, size: int
) -> Evidence:
    """Attaches a checked file to the answer (an empty draft answer is created when there is none yet)."""
    indicator = indicator_of(instrument_of(assessment), indicator_code)
    if not access.may_answer(actor, assessment, indicator.code):
        raise ActionNotAllowed(_("This indicator is not assigned to your OPD."))
    require_not_closed(assessment)
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    if not access.answer_is_open(assessment, answer):
        raise ValidationError(LOCKED_ANSWER)
    display_name = uploads.clean_name(name)
    upload.seek(0)
    mime = uploads.check_content(upload.read(2048), size)
    stored = uploads.store(upload, mime)
    try:
        with transaction.atomic():
            _lock_answering(assessment, answer)
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
    require_not_closed(answer.assessment)
    if not access.answer_is_open(answer.assessment, answer):
        raise ValidationError(LOCKED_ANSWER)
    path = uploads.path_of(evidence.stored_name)
    with transaction.atomic():
        _lock_answering(answer.assessment, answer)
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

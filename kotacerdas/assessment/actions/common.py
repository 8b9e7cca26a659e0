"""What the assessment actions share: who may act, in which state, and how a state moves."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment import access
from kotacerdas.assessment.instruments import get_instrument
from kotacerdas.assessment.models import Answer, Assessment, State, Transition
from kotacerdas.assessment.problems import problem_messages
from kotacerdas.audit.reasons import Facts
from kotacerdas.core.instruments import (
    AnswersError,
    Indicator,
    Instrument,
    answer_text,
    coerce_answer,
)


def instrument_of(assessment: Assessment) -> Instrument:
    return get_instrument(assessment.instrument_id)


def require_coordinator(actor: User, assessment: Assessment) -> None:
    if not access.is_coordinator(actor, assessment):
        raise ActionNotAllowed(_("Only the coordinator of this region may do this."))


def require_assessor(actor: User, assessment: Assessment) -> None:
    if not access.is_assigned_assessor(actor, assessment):
        raise ActionNotAllowed(_("Only the assessor assigned to this assessment may do this."))


def closing_of(assessment: Assessment) -> Transition | None:
    """The step that closed the assessment (who, when, why); None while it is not closed."""
    if assessment.state != State.CLOSED:
        return None
    return assessment.transitions.filter(answer=None, to_state=State.CLOSED).select_related("actor").last()


def require_not_closed(assessment: Assessment) -> None:
    """A closed assessment takes no more writes of any kind; the refusal says why it was closed."""
    if assessment.state != State.CLOSED:
        return
    closing = closing_of(assessment)
    message = _("This assessment is closed and can no longer be changed. %(reason)s")
    raise ValidationError((message % {"reason": closing.reason_text if closing else ""}).strip())


def require_state(assessment: Assessment, *states: str) -> None:
    if State.CLOSED not in states:
        require_not_closed(assessment)
    if assessment.state not in states:
        raise ValidationError(
            _("This is not possible while the assessment is “%(state)s”.")
            % {"state": assessment.get_state_display()}
        )


def reason_given(reason: str) -> str:
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give a reason.")})
    return reason


def move(assessment: Assessment, to_state: str, actor: User, action: str, reason: str | Facts = "") -> None:
    """Move the assessment (and save it), with its Transition row; ``reason`` is a person's words or
    the facts of a reason the system gives (kotacerdas.audit.reasons), worded when read."""
    _transition(assessment, None, assessment.state, to_state, actor, action, reason)
    assessment.state = to_state
    assessment.save(update_fields=["state"])


def move_answer(answer: Answer, to_state: str, actor: User, action: str, reason: str = "") -> None:
    """Move one answer, with its Transition row; the caller saves the answer with its other changes."""
    _transition(answer.assessment, answer, answer.state, to_state, actor, action, reason)
    answer.state = to_state


def _transition(
    assessment: Assessment,
    answer: Answer | None,
    from_state: str,
    to_state: str,
    actor: User,
    action: str,
    reason: str | Facts,
) -> None:
    Transition.objects.create(
        assessment=assessment,
        answer=answer,
        from_state=from_state,
        to_state=to_state,
        action=action,
        actor=actor,
        reason="" if isinstance(reason, dict) else reason,
        reason_facts=reason if isinstance(reason, dict) else None,
    )


def indicator_of(instrument: Instrument, code: str) -> Indicator:
    node = instrument.node(code)
    if not isinstance(node, Indicator):
        raise ValidationError(_("Unknown indicator code “%(code)s”.") % {"code": code[:80]})
    return node


def coerced_text(indicator: Indicator, raw: object) -> str:
    try:
        return answer_text(coerce_answer(indicator, raw))
    except AnswersError as error:
        raise ValidationError({"value": problem_messages(error)}) from None


def current_value(answer: Answer | None) -> str:
    if answer is None:
        return ""
    return answer.verified_value if answer.state == State.VERIFIED else answer.value

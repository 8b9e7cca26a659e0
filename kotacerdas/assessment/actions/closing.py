"""Closing an assessment for good: the process it belonged to has ended without its verified result.

The evaluation calls it when Ayu publishes a cycle (kotacerdas.evaluation.publishing): each
participant's self-assessment that was never verified is closed, inside the publication's
transaction, with a reason naming the cycle. That reason is the system's, so it is kept as facts
(kotacerdas.audit.reasons.cycle_published) and worded in each reader's language; a person's reason
is kept as typed. A closed assessment asks nothing of anyone (no inbox
item) and refuses every write (``common.require_not_closed``); its answers keep the states they had.
"""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.assessment import access
from kotacerdas.assessment.actions.common import move, reason_given, require_not_closed
from kotacerdas.assessment.models import Assessment, State
from kotacerdas.audit import reasons
from kotacerdas.audit.log import record
from kotacerdas.audit.transitions import lock_state


def do_close(actor: User, assessment: Assessment, *, reason: str | reasons.Facts) -> Assessment:
    """Close an assessment that is not verified (draft, returned, submitted or in review).

    Runs in the caller's transaction when there is one (publishing a cycle closes its participants'
    assessments in the transaction that publishes it)."""
    if not access.can_close(actor):
        raise ActionNotAllowed(_("Only the national programme admin may close an assessment."))
    if isinstance(reason, str):
        reason = reason_given(reason)
    elif not reasons.is_reason(reason):
        raise ValueError(f"not the facts of a known reason: {reason!r}")
    require_not_closed(assessment)  # once: the refusal says when and why it was closed
    if assessment.state not in access.CLOSABLE_ASSESSMENT_STATES:
        raise ValidationError(
            _("This is not possible while the assessment is “%(state)s”.")
            % {"state": assessment.get_state_display()}
        )
    with transaction.atomic():
        lock_state(assessment, access.CLOSABLE_ASSESSMENT_STATES, field="state")
        before = {"state": assessment.state}
        move(assessment, State.CLOSED, actor, "close", reason)
        record(
            actor,
            "assessment.close",
            assessment,
            before=before,
            after={"state": assessment.state, "reason": reason},
            region=assessment.region,
        )
    return assessment

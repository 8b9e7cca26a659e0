"""Diskominfo (the region's coordinator) moderates and decides what becomes of an idea.

Hide with a reason, redact personal numbers (the item is published again), promote an idea into the
problem inventory (origin "citizen", linked both ways), mark it "not taken" with a reason, and link the
initiatives that address the promoted problem. Every step is audited; audit snapshots mask numbers.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.core.personal_numbers import has_personal_numbers
from kotacerdas.participation.actions.common import (
    FieldErrors,
    clean_text,
    require_moderator,
    safe_snapshot,
)
from kotacerdas.participation.models import (
    COMMENT_MAX,
    HIDDEN_REASON_MAX,
    KECAMATAN_MAX,
    OUTCOME_REASON_MAX,
    TEXT_MAX,
    TEXT_MIN,
    TITLE_MAX,
    TITLE_MIN,
    Comment,
    Idea,
)
from kotacerdas.planning.analysis.actions import do_save_problem
from kotacerdas.planning.models import Initiative, Problem


def _change(actor: User, action: str, item: Idea | Comment, changes: dict[str, Any]) -> None:
    region = item.region if isinstance(item, Idea) else item.idea.region
    before = safe_snapshot(item)
    for name, value in changes.items():
        setattr(item, name, value)
    with transaction.atomic():
        item.save(update_fields=list(changes))
        record(actor, action, item, before=before, after=safe_snapshot(item), region=region)


def _reason(reason: str, maximum: int, required: str) -> str:
    """The reason as written, or a refusal: never cut short (the author reads all of it)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": required})
    if len(reason) > maximum:
        raise ValidationError({"reason": _("Write at most %(n)d characters.") % {"n": maximum}})
    return reason


def do_hide(actor: User, item: Idea | Comment, *, reason: str) -> None:
    region = item.region if isinstance(item, Idea) else item.idea.region
    require_moderator(actor, region)
    reason = _reason(reason, HIDDEN_REASON_MAX, _("Give the reason; the author and the audit log see it."))
    _change(actor, "participation.hide", item, {"state": Idea.State.HIDDEN, "hidden_reason": reason})


def do_redact_idea(actor: User, idea: Idea, *, title: str, text: str, kecamatan: str | None = None) -> None:
    """Replace the text by the moderator's redacted version; publish it when no number is left.

    ``kecamatan`` None keeps the idea's (a client that sends only title and text)."""
    require_moderator(actor, idea.region)
    errors = FieldErrors()
    title = errors.check(lambda: clean_text(title, "title", minimum=TITLE_MIN, maximum=TITLE_MAX), "")
    text = errors.check(lambda: clean_text(text, "text", minimum=TEXT_MIN, maximum=TEXT_MAX), "")
    place = idea.kecamatan if kecamatan is None else kecamatan
    place = errors.check(lambda: clean_text(place, "kecamatan", minimum=0, maximum=KECAMATAN_MAX), "")
    errors.raise_any()
    still = _("The text still contains a NIK or a phone number.")
    if has_personal_numbers(title) or has_personal_numbers(text):
        errors.add("text", still)
    if has_personal_numbers(place):
        errors.add("kecamatan", still)
    errors.raise_any()
    state = idea.state if idea.state == Idea.State.HIDDEN else Idea.State.PUBLISHED
    changes = {"title": title, "text": text, "kecamatan": place, "state": state}
    _change(actor, "participation.redact", idea, changes)


def do_redact_comment(actor: User, comment: Comment, *, text: str) -> None:
    require_moderator(actor, comment.idea.region)
    text = clean_text(text, "text", minimum=2, maximum=COMMENT_MAX)
    if has_personal_numbers(text):
        raise ValidationError({"text": _("The text still contains a NIK or a phone number.")})
    state = comment.state if comment.state == Comment.State.HIDDEN else Comment.State.PUBLISHED
    _change(actor, "participation.redact", comment, {"text": text, "state": state})


def _require_open_outcome(idea: Idea) -> None:
    if not idea.is_public:
        raise ValidationError(_("Only a published idea can be promoted or declined."))
    if idea.outcome != Idea.Outcome.OPEN:
        raise ValidationError(_("A decision on this idea was already made."))


def do_promote_idea(actor: User, idea: Idea, *, code: str, title: str) -> Problem:
    """Create a problem of origin "citizen" from the idea and link the two."""
    require_moderator(actor, idea.region)
    _require_open_outcome(idea)
    with transaction.atomic():
        problem = do_save_problem(
            actor,
            idea.region,
            code=code,
            title=title,
            dimension=idea.dimension,
            element=idea.element,
            description=idea.text,
            origin=Problem.Origin.CITIZEN,
        )
        _change(actor, "participation.promote", idea, {"problem": problem, "outcome": Idea.Outcome.PROMOTED})
    return problem


def do_decline_idea(actor: User, idea: Idea, *, reason: str) -> None:
    require_moderator(actor, idea.region)
    _require_open_outcome(idea)
    reason = _reason(
        reason, OUTCOME_REASON_MAX, _("Give the reason; the citizen sees it on the idea's page.")
    )
    _change(
        actor, "participation.decline", idea, {"outcome": Idea.Outcome.NOT_TAKEN, "outcome_reason": reason}
    )


def do_link_initiative(actor: User, idea: Idea, initiative: Initiative) -> None:
    """Record that an initiative addresses the problem this idea became (planning's link)."""
    require_moderator(actor, idea.region)
    if idea.problem is None:
        raise ValidationError({"initiative": _("Promote the idea to a problem first.")})
    if initiative.region_id != idea.region_id:
        raise ValidationError({"initiative": _("Choose an initiative of this region.")})
    with transaction.atomic():
        before = {"problems": sorted(initiative.problems.values_list("code", flat=True))}
        initiative.problems.add(idea.problem)
        after = {"problems": sorted(initiative.problems.values_list("code", flat=True))}
        record(
            actor, "participation.link_initiative", initiative, before=before, after=after, region=idea.region
        )

"""A verified citizen posts an idea or a problem, supports someone's idea, comments.

Inside an open phase only, within the rate limits and length limits. Text with a NIK-like number or a
phone number is held for redaction: saved, but not shown publicly until the coordinator redacts it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.core.personal_numbers import has_personal_numbers
from kotacerdas.participation import limits
from kotacerdas.participation.actions.common import (
    FieldErrors,
    clean_text,
    require_verified,
    safe_snapshot,
)
from kotacerdas.participation.models import (
    COMMENT_MAX,
    KECAMATAN_MAX,
    TEXT_MAX,
    TEXT_MIN,
    TITLE_MAX,
    TITLE_MIN,
    Comment,
    Consultation,
    Idea,
    Phase,
    Support,
)
from kotacerdas.planning import reference
from kotacerdas.web import uploads

PHOTO_KINDS = ("jpg", "png")


def _open_phase(consultation: Consultation, today: date | None, what: str) -> Phase:
    """The consultation's phase open today that accepts ``what`` (ideas, supports, comments)."""
    phase = consultation.open_phase(today or timezone.localdate())
    if phase is None or not getattr(phase, f"{what}_open"):
        messages = {
            "ideas": _("This consultation is not accepting ideas now (no open phase)."),
            "supports": _("The phase is closed: supports are no longer accepted."),
            "comments": _("The phase is closed: comments are no longer accepted."),
        }
        raise ValidationError(messages[what])
    return phase


def _state_for(*texts: str) -> str:
    return Idea.State.HELD if any(has_personal_numbers(t) for t in texts) else Idea.State.PUBLISHED


def do_submit_idea(
    actor: User,
    consultation: Consultation,
    *,
    kind: str,
    title: str,
    text: str,
    element: str,
    kecamatan: str = "",
    photo: Any = None,
    address_key: str = "",
    today: date | None = None,
) -> Idea:
    require_verified(actor)
    phase = _open_phase(consultation, today, "ideas")
    errors = FieldErrors()  # every field's refusal at once
    if kind not in Idea.Kind.values:
        errors.add("kind", _("Choose a problem or an idea."))
    title = errors.check(lambda: clean_text(title, "title", minimum=TITLE_MIN, maximum=TITLE_MAX), "")
    text = errors.check(lambda: clean_text(text, "text", minimum=TEXT_MIN, maximum=TEXT_MAX), "")
    dimension = reference.dimension_of(element)
    if dimension is None:
        errors.add("element", _("Choose one of the smart city elements."))
    kecamatan = errors.check(lambda: clean_text(kecamatan, "kecamatan", minimum=0, maximum=KECAMATAN_MAX), "")
    content, photo_kind = errors.check(lambda: _read_photo(photo), (b"", ""))
    errors.raise_any()
    idea = Idea(
        consultation=consultation,
        region=consultation.region,
        phase=phase,
        author=actor,
        author_name=str(actor)[:150],
        kind=kind,
        title=title,
        text=text,
        dimension=dimension or "",
        element=element,
        kecamatan=kecamatan,
        state=_state_for(title, text, kecamatan),  # all three are shown publicly and in the API
        address_key=address_key,
    )
    with uploads.atomic_with_files():
        limits.check_and_count(limits.IDEA, actor, address_key)
        if content:
            idea.photo.name = uploads.store(content, "participation", photo_kind)
            idea.photo_type = photo_kind
        idea.save()
        record(
            actor,
            "participation.idea.submit",
            idea,
            before=None,
            after=safe_snapshot(idea),
            region=idea.region,
        )
    return idea


def _read_photo(photo: Any) -> tuple[bytes, str]:
    return uploads.read_upload(photo, "photo", PHOTO_KINDS) if photo else (b"", "")


def do_support(actor: User, idea: Idea, *, address_key: str = "", today: date | None = None) -> Support:
    """One support per person, only for a published idea while the phase accepts supports."""
    require_verified(actor)
    if not idea.is_public:
        raise ValidationError(_("This idea cannot be supported."))
    _open_phase(idea.consultation, today, "supports")
    if idea.author_id == actor.pk:  # a support counts someone else agreeing; the author's is implied
        raise ValidationError(_("You cannot support your own idea; other citizens may."))
    if Support.objects.filter(idea=idea, user=actor).exists():
        raise ValidationError(_("You already support this idea."))
    try:
        with transaction.atomic():
            limits.check_and_count(limits.SUPPORT, actor, address_key)
            support = Support.objects.create(idea=idea, user=actor)
            record(
                actor, "participation.support", idea, before=None, after={"support": True}, region=idea.region
            )
    except IntegrityError:  # the same person's second click, saved at the same moment
        raise ValidationError(_("You already support this idea.")) from None
    return support


def do_comment(
    actor: User, idea: Idea, *, text: str, address_key: str = "", today: date | None = None
) -> Comment:
    require_verified(actor)
    if not idea.is_public:
        raise ValidationError(_("This idea cannot be commented on."))
    _open_phase(idea.consultation, today, "comments")
    text = clean_text(text, "text", minimum=2, maximum=COMMENT_MAX)
    comment = Comment(
        idea=idea,
        author=actor,
        author_name=str(actor)[:150],
        text=text,
        state=_state_for(text),
        address_key=address_key,
    )
    with transaction.atomic():
        limits.check_and_count(limits.COMMENT, actor, address_key, "text")
        comment.save()
        record(
            actor,
            "participation.comment",
            comment,
            before=None,
            after=safe_snapshot(comment),
            region=idea.region,
        )
    return comment

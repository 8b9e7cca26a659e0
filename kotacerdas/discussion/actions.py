"""Writing comments: permission → validation → transaction → audit."""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import visible_regions
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.discussion.models import MAX_BODY, Comment
from kotacerdas.discussion.registry import after_comment, is_commentable, region_of


def can_comment(actor: User, target: models.Model) -> bool:
    """Every member of the target's region (coordinator, mentor, assessor, OPD staff) and Ayu."""
    region = region_of(target) if is_commentable(target) else getattr(target, "region", None)
    if region is None:
        return False
    return visible_regions(actor).filter(pk=region.pk).exists()


def do_add_comment(actor: User, target: models.Model, *, body: str, parent: Comment | None = None) -> Comment:
    if not is_commentable(target):
        raise ActionNotAllowed(_("Comments are not possible on this object."))
    if not can_comment(actor, target):
        raise ActionNotAllowed(_("Only members of this region may comment."))
    body = body.strip()
    if not body:
        raise ValidationError({"body": _("Write a comment first.")})
    if len(body) > MAX_BODY:
        raise ValidationError(
            {"body": _("A comment may have at most %(max)d characters.") % {"max": MAX_BODY}}
        )
    content_type = ContentType.objects.get_for_model(target)
    if parent is not None and (parent.content_type_id, parent.object_id) != (content_type.pk, target.pk):
        raise ValidationError({"parent": _("You can only reply to a comment on the same item.")})
    comment = Comment(
        region=region_of(target),
        content_type=content_type,
        object_id=target.pk,
        parent=parent,
        author=actor,
        body=body,
    )
    with transaction.atomic():
        comment.save()
        record(actor, "comment.add", comment, before=None, after=snapshot(comment), region=comment.region)
        after_comment(comment, target)
    return comment

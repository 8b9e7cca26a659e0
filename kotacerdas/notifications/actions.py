"""Writes on a person's own notification queue."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited
from kotacerdas.notifications.models import Notification


def do_mark_read(actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications as read (the getter already checked ownership)."""
    if notification.read_at is not None:
        return notification
    save_audited(actor, "notification.read", notification, {"read_at": timezone.now()})
    return notification


def do_mark_all_read(actor: User) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            record(actor, "notification.read_all", actor, before=None, after={"count": count})
    return count

"""Writes on a person's own notification queue."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from kotacerdas.audit.log import record
from kotacerdas.notifications.models import Notification


def do_mark_read(actor: Any, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications as read (the getter already checked ownership)."""
    if notification.read_at is not None:
        return notification
    with transaction.atomic():
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        record(
            actor,
            "notification.read",
            notification,
            before={"read_at": None},
            after={"read_at": notification.read_at.isoformat()},
        )
    return notification


def do_mark_all_read(actor: Any) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            record(actor, "notification.read_all", actor, before=None, after={"count": count})
    return count

"""Writes made in the Django admin bypass our actions; mirror them into the audit log."""

from __future__ import annotations

from typing import Any

from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry

from kotacerdas.audit.models import AuditEntry

ADMIN_VERBS = {ADDITION: "add", CHANGE: "change", DELETION: "delete"}


def mirror_admin_log_entry(sender: type[LogEntry], instance: LogEntry, created: bool, **kwargs: Any) -> None:
    if not created:
        return
    model = instance.content_type.model if instance.content_type else "object"
    AuditEntry.objects.create(
        actor=instance.user,
        actor_name=str(instance.user),
        action=f"admin.{model}.{ADMIN_VERBS.get(instance.action_flag, 'change')}",
        object_type=f"{instance.content_type.app_label}.{model}" if instance.content_type else "",
        object_id=str(instance.object_id or ""),
        object_repr=instance.object_repr[:250],
        before=None,
        after={"change_message": instance.get_change_message()},
    )

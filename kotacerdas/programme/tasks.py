"""Background work of the programme (Django tasks API)."""

from __future__ import annotations

from django.utils import timezone
from django_tasks import task

from kotacerdas.programme.actions.deliverables import do_notify_overdue


@task()
def notify_overdue() -> int:
    """The daily overdue reminder (same as ``kotacerdas manage notify_overdue``)."""
    return do_notify_overdue(timezone.localdate())

"""Retention of audit snapshots: after AUDIT_SNAPSHOT_RETENTION_DAYS the before/after pictures of
a change (which may hold names and personal data) are blanked; who did what, to what, when stays."""

from __future__ import annotations

from datetime import datetime

from django.db.models import Q

from kotacerdas.audit.models import AuditEntry


def apply_retention(cutoff: datetime, *, dry_run: bool = False) -> int:
    expired = AuditEntry.objects.filter(created_at__lt=cutoff).filter(
        Q(before__isnull=False) | Q(after__isnull=False)
    )
    if dry_run:
        return expired.count()
    return expired.update(before=None, after=None)

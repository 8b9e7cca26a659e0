"""Audit snapshots are blanked after AUDIT_SNAPSHOT_RETENTION_DAYS; who did what and when stays."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_old_snapshots_are_blanked_and_the_entries_kept(settings, budi) -> None:
    settings.AUDIT_SNAPSHOT_RETENTION_DAYS = 30
    entries = AuditEntry.objects.count()
    assert AuditEntry.objects.filter(after__isnull=False).exists()  # Budi's account and role
    out = StringIO()

    call_command("apply_retention", as_of=(timezone.localdate() + timedelta(days=29)).isoformat(), stdout=out)
    assert "audit snapshots: 0 removed" in out.getvalue()
    call_command("apply_retention", as_of=(timezone.localdate() + timedelta(days=32)).isoformat(), stdout=out)

    assert f"audit snapshots: {entries} removed" in out.getvalue()
    assert AuditEntry.objects.count() == entries
    assert not AuditEntry.objects.filter(before__isnull=False).exists()
    assert not AuditEntry.objects.filter(after__isnull=False).exists()
    assert AuditEntry.objects.filter(action="membership.add", actor_name="Ayu").exists()


def test_a_bad_date_is_refused() -> None:
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        call_command("apply_retention", as_of="kemarin")

"""Apply the retention periods (docs/explanation/personal-data.md): run daily, e.g. from cron or a
systemd timer, as ``kotacerdas manage apply_retention``; ``--dry-run`` only counts."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from kotacerdas.assessment import retention as assessment_retention
from kotacerdas.audit import retention as audit_retention
from kotacerdas.monitoring import retention as monitoring_retention


class Command(BaseCommand):
    help = "Delete evidence files and blank audit snapshots older than their retention periods."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="count what would go, change nothing")
        parser.add_argument(
            "--as-of", help="apply as on this date (YYYY-MM-DD) instead of today, e.g. to preview"
        )

    def handle(self, *args: Any, dry_run: bool = False, as_of: str | None = None, **options: Any) -> None:
        now = self._now(as_of)
        evidence_cutoff = now - timedelta(days=settings.EVIDENCE_RETENTION_DAYS)
        audit_cutoff = now - timedelta(days=settings.AUDIT_SNAPSHOT_RETENTION_DAYS)
        counts = {
            "assessment evidence files": assessment_retention.apply_retention(
                evidence_cutoff, dry_run=dry_run
            ),
            "monitoring evidence files": monitoring_retention.apply_retention(
                evidence_cutoff, dry_run=dry_run
            ),
            "audit snapshots": audit_retention.apply_retention(audit_cutoff, dry_run=dry_run),
        }
        verb = "would be removed" if dry_run else "removed"
        for what, count in counts.items():
            self.stdout.write(f"{what}: {count} {verb}")

    def _now(self, as_of: str | None) -> datetime:
        if not as_of:
            return timezone.now()
        try:
            day = datetime.strptime(as_of, "%Y-%m-%d")
        except ValueError as error:
            raise CommandError("--as-of must be a date as YYYY-MM-DD") from error
        return timezone.make_aware(day)

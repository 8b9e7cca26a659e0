"""Retention of monitoring evidence files (UU PDP: kept no longer than needed).

Conservative on purpose: only files of *locked* periods (final: a closed period can still be
re-opened) whose closing date and upload are both older than the retention lose their file. The
evidence row stays (its label and link tell what there was); one audit entry per period says how
many files went. Writes with update(): a locked period refuses saves through the model.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial

from django.core.files.storage import default_storage
from django.db import transaction

from kotacerdas.audit.log import record
from kotacerdas.monitoring.models import Evidence, Period


def expired_evidence(cutoff: datetime) -> dict[Period, list[Evidence]]:
    locked = Period.objects.filter(state=Period.State.LOCKED, closes_on__lt=cutoff.date())
    rows = Evidence.objects.filter(period__in=locked, added_at__lt=cutoff).exclude(file="")
    expired: dict[Period, list[Evidence]] = {}
    for evidence in rows.select_related("period__region").order_by("pk"):
        expired.setdefault(evidence.period, []).append(evidence)
    return expired


def _delete_files(names: list[str]) -> None:
    for name in names:
        default_storage.delete(name)


def apply_retention(cutoff: datetime, *, dry_run: bool = False) -> int:
    expired = expired_evidence(cutoff)
    count = sum(len(files) for files in expired.values())
    if dry_run:
        return count
    for period, files in expired.items():
        names = [evidence.file.name for evidence in files if evidence.file.name]
        with transaction.atomic():
            Evidence.objects.filter(pk__in=[evidence.pk for evidence in files]).update(file="")
            record(
                None,
                "monitoring.evidence_retention",
                period,
                before=None,
                after={"files_removed": len(files), "older_than": cutoff.isoformat()},
                region=period.region,
            )
            transaction.on_commit(partial(_delete_files, names))
    return count

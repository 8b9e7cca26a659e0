"""Retention of assessment evidence (UU PDP: kept no longer than needed).

Conservative on purpose: only files of *finished* assessments (verified, or closed when their
evaluation cycle was published: no one may change or re-open either) whose last step and upload are
both older than the retention go. The evidence row goes with its file (it only points at the file);
the answer, its score and the audit entry of the upload stay, and one audit entry per assessment
says how many files retention removed.
"""

from __future__ import annotations

from datetime import datetime
from functools import partial
from pathlib import Path

from django.db import transaction
from django.db.models import Max

from kotacerdas.assessment import uploads
from kotacerdas.assessment.models import Assessment, Evidence, State
from kotacerdas.audit.log import record

FINISHED = (State.VERIFIED, State.CLOSED)


def expired_evidence(cutoff: datetime) -> dict[Assessment, list[Evidence]]:
    finished = (
        Assessment.objects.filter(state__in=FINISHED)
        .annotate(finished_at=Max("transitions__created_at"))
        .filter(finished_at__lt=cutoff)
    )
    expired: dict[Assessment, list[Evidence]] = {}
    rows = Evidence.objects.filter(answer__assessment__in=finished, uploaded_at__lt=cutoff)
    for evidence in rows.select_related("answer__assessment__region").order_by("pk"):
        expired.setdefault(evidence.answer.assessment, []).append(evidence)
    return expired


def _delete_files(paths: list[Path]) -> None:
    for path in paths:
        path.unlink(missing_ok=True)


def apply_retention(cutoff: datetime, *, dry_run: bool = False) -> int:
    """Delete expired evidence files of finished assessments; returns how many (would) go."""
    expired = expired_evidence(cutoff)
    count = sum(len(files) for files in expired.values())
    if dry_run:
        return count
    for assessment, files in expired.items():
        paths = [uploads.path_of(evidence.stored_name) for evidence in files]
        with transaction.atomic():
            Evidence.objects.filter(pk__in=[evidence.pk for evidence in files]).delete()
            record(
                None,
                "assessment.evidence_retention",
                assessment,
                before=None,
                after={"files_removed": len(files), "older_than": cutoff.isoformat()},
                region=assessment.region,
            )
            transaction.on_commit(partial(_delete_files, paths))
    return count

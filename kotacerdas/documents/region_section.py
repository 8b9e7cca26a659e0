"""The books card on a region's page: the latest version, and the ratified (Perkada) one."""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, OuterRef, Q, Subquery
from django.utils import timezone

from kotacerdas.accounts.access import Person
from kotacerdas.core.jobs import is_stale
from kotacerdas.documents.models import BookVersion
from kotacerdas.jobs.liveness import stale_after, sweep
from kotacerdas.regions.models import Region

RATIFIED = (BookVersion.Review.RATIFIED, BookVersion.Review.PUBLISHED)


def region_changes() -> dict[str, Any]:
    """What moves the card without an audited action: the worker running a generation and ending it.
    While one runs (``running``) the card is built on every view, its sweep of a dead job included."""
    versions = BookVersion.objects.filter(region=OuterRef("pk"))
    status = BookVersion.job_status_field
    return {
        "running": Exists(versions.filter(**{status: BookVersion.job_running})),
        "latest_status": Subquery(versions.order_by("-number").values(status)[:1]),
    }


def region_section(user: Person, region: Region) -> dict[str, Any]:
    shown = _latest_ratified_and_running(region)
    if any(_is_dead(version) for version in shown):
        # The latest version's status is shown: never a dead "running". Sweep exactly when there is a
        # dead one (as sweeping on every view did), and read again.
        sweep(BookVersion, region=region)
        shown = _latest_ratified_and_running(region)
    return {
        "latest": shown[0] if shown else None,
        "ratified": next((v for v in shown if v.review in RATIFIED), None),
    }


def _latest_ratified_and_running(region: Region) -> list[BookVersion]:
    """In one query, newest first: the latest version, the latest ratified one, and any running one
    (whose heartbeat says whether a sweep is due)."""
    versions = region.book_versions.listed().order_by("-number")
    latest = versions.values("pk")[:1]
    ratified = versions.filter(review__in=RATIFIED).values("pk")[:1]
    running = Q(**{BookVersion.job_status_field: BookVersion.job_running})
    return list(versions.filter(Q(pk__in=latest) | Q(pk__in=ratified) | running))


def _is_dead(version: BookVersion) -> bool:
    status = getattr(version, BookVersion.job_status_field)
    if status != BookVersion.job_running:
        return False
    created = getattr(version, BookVersion.job_created_field)
    return is_stale(version.heartbeat_at, created, timezone.now(), stale_after())

"""A region's change stamp: the latest audit entry of the region and of the national level.

Every action records an audit entry in the transaction of its change (``kotacerdas.audit.log``), and so
does the Django admin (``signals``); so whenever a region's record changes through them, the newest
entry of the region, or of the national level (a publication, a role, an admin edit), is a new one.
What is cached against the stamp (the region page's cards, ``kotacerdas.web.region_sections``) is
therefore never served after such a change.

The frequent records (``FREQUENT_RECORDS``: autosaved answers, monitoring reports) are left out of the
common stamp; a card that shows them adds :func:`latest_of` for their types. Each expression is one
step in a partial index of the audit log (``audit_region_latest``, ``audit_region_frequent_latest``).
"""

from __future__ import annotations

from typing import Any

from django.db.models import OuterRef, Subquery

from kotacerdas.audit.models import FREQUENT_RECORDS, AuditEntry


def region_change_stamp() -> dict[str, Any]:
    """Expressions on a region's row (``OuterRef("pk")``): its latest audit entry and the national one,
    the frequent records aside."""
    newest_first = AuditEntry.objects.exclude(object_type__in=FREQUENT_RECORDS).order_by("-id").values("id")
    return {
        "audit_region": Subquery(newest_first.filter(region=OuterRef("pk"))[:1]),
        "audit_national": Subquery(newest_first.filter(region__isnull=True)[:1]),
    }


def latest_of(*object_types: str) -> dict[str, Any]:
    """Expressions on a region's row: its latest audit entry of each of these frequent record types."""
    unknown = set(object_types) - set(FREQUENT_RECORDS)
    if unknown:  # any other type already renews the common stamp; a typo here would renew nothing
        raise ValueError(f"not a frequent record type: {sorted(unknown)}")
    return {
        f"latest_{object_type}": Subquery(
            AuditEntry.objects.filter(region=OuterRef("pk"), object_type=object_type, **_FREQUENT)
            .order_by("-id")
            .values("id")[:1]
        )
        for object_type in object_types
    }


# Repeats the partial index's condition so that PostgreSQL and SQLite choose that index.
_FREQUENT = {"object_type__in": FREQUENT_RECORDS}

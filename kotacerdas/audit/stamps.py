"""Change stamps: the latest audit entry of a region and of the national level, or of anywhere.

Every action records an audit entry in the transaction of its change (``kotacerdas.audit.log``), and so
does the Django admin (``signals``); so whenever a region's record changes through them, the newest
entry of the region, or of the national level (a publication, a role, an admin edit), is a new one.
What is cached against the stamp (the region page's cards, ``kotacerdas.web.region_sections``) is
therefore never served after such a change.

The frequent records (``FREQUENT_RECORDS``: autosaved answers, monitoring reports) are left out of the
stamps; a fragment that shows what they change adds its own expression (the monitoring card: the
region's latest report move). Each stamp is one step in a partial index of the audit log
(``audit_region_latest``, ``audit_latest``).
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


def national_change_stamp() -> int | None:
    """The newest audit entry anywhere, the frequent records aside: what is kept against it (the national
    dashboard's body, which shows every region) is never served after a change made through the
    actions. One step in the partial index ``audit_latest``."""
    newest_first = AuditEntry.objects.exclude(object_type__in=FREQUENT_RECORDS).order_by("-id")
    return newest_first.values_list("id", flat=True).first()

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kotacerdas.accounts.access import is_national_admin, roles_in_request
from kotacerdas.web.inbox_badge import badge_count_for_request


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_is_national_admin": bool(user and is_national_admin(user)),
        # the regions whose workspace links the navigation may offer (a public page of another region
        # gives no link to its assessments, which would be a 404); called only on region pages
        "nav_member_regions": lambda: _member_regions(user),
        # a callable: the template calls it only when it shows the count (kept in the session for
        # INBOX_BADGE_SECONDS, see kotacerdas.web.inbox); an int, so the plural forms work on it
        "nav_inbox_count": lambda: badge_count_for_request(request),
        "demo_data_loaded": (settings.VAR_DIR / "demo-data-loaded").exists(),
    }


def _member_regions(user: Any) -> set[int]:
    roles = roles_in_request(user) if user is not None else None
    return set().union(*roles.regions.values()) if roles is not None else set()

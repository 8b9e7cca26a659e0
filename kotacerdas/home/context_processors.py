from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.web.inbox_badge import badge_count_for_request


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_is_national_admin": bool(user and is_national_admin(user)),
        # a callable: the template calls it only when it shows the count (kept in the session for
        # INBOX_BADGE_SECONDS, see kotacerdas.web.inbox); an int, so the plural forms work on it
        "nav_inbox_count": lambda: badge_count_for_request(request),
        "demo_data_loaded": (settings.VAR_DIR / "demo-data-loaded").exists(),
    }

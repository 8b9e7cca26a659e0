from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.web.inbox import inbox_for_request


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_is_national_admin": bool(user and is_national_admin(user)),
        # collected only when a page shows the count, and once per request (the home page reuses it)
        "nav_inbox": SimpleLazyObject(lambda: inbox_for_request(request)),
        "demo_data_loaded": (settings.VAR_DIR / "demo-data-loaded").exists(),
    }

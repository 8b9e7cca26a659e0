from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from kotacerdas.accounts.access import is_national_admin


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "nav_is_national_admin": bool(user and is_national_admin(user)),
        "demo_data_loaded": (settings.VAR_DIR / "demo-data-loaded").exists(),
    }

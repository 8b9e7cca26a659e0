"""Rate limits per account and per address, counted in the database (so they hold across servers).

Each counted act writes a ``RateEvent``; an act is refused when the person, or the address it comes
from, already did that many within the last hour. The address is kept only as a keyed hash (HMAC with
the secret key): enough to count, useless to anyone reading the table. Limits are settings
(``PARTICIPATION_RATE_LIMITS``: kind → (per account, per address) per hour); docs/reference/participation.md.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from kotacerdas.accounts.client_address import client_address
from kotacerdas.participation.models import RateEvent

SIGNUP, IDEA, COMMENT, SUPPORT = "signup", "idea", "comment", "support"
DEFAULT_LIMITS = {SIGNUP: (1, 5), IDEA: (5, 15), COMMENT: (20, 60), SUPPORT: (60, 200)}
WINDOW = timedelta(hours=1)


def limits(kind: str) -> tuple[int, int]:
    configured = getattr(settings, "PARTICIPATION_RATE_LIMITS", {})
    per_account, per_address = configured.get(kind, DEFAULT_LIMITS[kind])
    return int(per_account), int(per_address)


def address_key(request: HttpRequest) -> str:
    address = client_address(request).encode()
    return hmac.new(settings.SECRET_KEY.encode(), address, hashlib.sha256).hexdigest()


def check_and_count(kind: str, user: Any, key: str, field: str | None = None) -> None:
    """Refuse (ValidationError) when the account or the address is over its limit; else count this act."""
    since = timezone.now() - WINDOW
    per_account, per_address = limits(kind)
    recent = RateEvent.objects.filter(kind=kind, at__gte=since)
    if user is not None and recent.filter(user=user).count() >= per_account:
        _refuse(
            field, _("You have reached the limit of %(n)d per hour; try again later.") % {"n": per_account}
        )
    if recent.filter(address_key=key).count() >= per_address:
        _refuse(field, _("Too many submissions from your network in the last hour; try again later."))
    RateEvent.objects.create(kind=kind, user=user, address_key=key)


def _refuse(field: str | None, message: str) -> None:
    raise ValidationError({field: message} if field else message)

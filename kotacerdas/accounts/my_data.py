"""What the profile page shows of a person's own data: consents, two-factor login, export, erasure."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from kotacerdas.accounts import consent, erasure, two_factor
from kotacerdas.accounts.models import User


def my_data_context(request: HttpRequest) -> dict[str, Any]:
    user = request.user
    assert isinstance(user, User)
    return {
        "consents": consent.consents_of(user),
        "two_factor_on": two_factor.has_confirmed_device(user),
        "two_factor_required": two_factor.must_use_two_factor(user),
        "erasure_request": erasure.open_request(user),
    }

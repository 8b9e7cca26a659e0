"""The one place tests get past two-factor login (production is unchanged).

``Client.force_login``/``Client.login`` build a session without any page: the root conftest wraps
Django's ``Client._login`` so that session is also verified with a real, confirmed TOTP device of the
person — as if they had typed a right code. A test that wants the unverified state logs in through
the login form instead (``client.post(reverse("login"), ...)``), which this does not touch.

Browser journeys log in through the real form; ``totp_code_for`` gives the code the person's app
would show, so ``tests/browser/conftest.py::log_in`` types it on the code step.
"""

from __future__ import annotations

import time
from typing import Any

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice


def confirmed_device(user: Any) -> TOTPDevice:
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def verify_session(session: Any, user: Any) -> None:
    session[DEVICE_ID_SESSION_KEY] = confirmed_device(user).persistent_id


def totp_code_for(user: Any) -> str:
    """The current code of the person's device; the device forgets its last used code step first, so
    two logins within one 30-second step both work (only in tests)."""
    device = confirmed_device(user)
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    return f"{totp.token():0{device.digits}d}"


def install() -> Any:
    """Wrap ``django.test.Client._login``; returns the original (for the fixture to restore)."""
    from django.test import Client

    original = Client._login

    def _login(self: Any, user: Any, backend: Any = None) -> None:
        original(self, user, backend)
        session = self.session
        verify_session(session, user)
        session.save()

    Client._login = _login  # type: ignore[method-assign]
    return original

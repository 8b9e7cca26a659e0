"""Two-factor login (TOTP, django-otp): required for national admins and assessors, open to everyone.

After the password, a person who must use a second factor (a national admin or an assessor) or who
chose to (a confirmed device) is "pending": until they type a code from their authenticator app (or a
backup code) every page answers with a redirect to the code step — or to enrolment, for a required
person without a device — except those steps themselves, logging out, the language switch and the
privacy notice. The API answers 403 instead of redirecting.

The session holds django-otp's ``otp_device_id`` once a code was accepted; that key is the only thing
read on a verified person's requests, so a verified session costs no query. An unverified one asks
the person's roles, read once per request for every access check (``roles_in_request``), so a role
given mid-session is enforced on the next request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth.signals import user_logged_in
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.access import roles_in_request
from kotacerdas.accounts.models import Membership, Role, User

REQUIRED_ROLES = (Role.NATIONAL_ADMIN, Role.ASSESSOR)
ENROLLED_KEY = "kc_otp_enrolled"  # set at login: the person has a confirmed device (their choice or duty)
BACKUP_CODES = 10
ENROL = "accounts:two_factor_enrol"
VERIFY = "accounts:two_factor_verify"
# What a pending person may still open.
OPEN_WHILE_PENDING = frozenset({ENROL, VERIFY, "logout", "set_language", "accounts:privacy"})


def must_use_two_factor(user: User) -> bool:
    """A national admin (or superuser) or an assessor. In a request, from the roles read once for it
    (every unverified person's request asks); else one query, which also answers is_national_admin."""
    if user.is_superuser:
        return True
    known = roles_in_request(user)
    if known is not None:
        return known.national_admin or bool(known.regions.get(Role.ASSESSOR))
    roles = set(Membership.objects.filter(user=user, role__in=REQUIRED_ROLES).values_list("role", flat=True))
    user._kc_is_national_admin = Role.NATIONAL_ADMIN in roles  # type: ignore[attr-defined]
    return bool(roles)


def confirmed_totp(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def has_confirmed_device(user: User) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def is_verified(request: HttpRequest) -> bool:
    return bool(request.session.get(DEVICE_ID_SESSION_KEY))


def pending_step(request: HttpRequest) -> str | None:
    """The URL name of the step the signed-in person must take first, or None."""
    user = request.user
    if not user.is_authenticated or is_verified(request):
        return None
    if request.session.get(ENROLLED_KEY):
        return VERIFY
    assert isinstance(user, User)
    if not must_use_two_factor(user):
        return None
    return VERIFY if has_confirmed_device(user) else ENROL


def note_enrolment(sender: Any, request: HttpRequest, user: User, **kwargs: Any) -> None:
    """At login: remember whether the person has a device, so an opted-in person is asked for a code."""
    if getattr(request, "session", None) is not None:
        request.session[ENROLLED_KEY] = has_confirmed_device(user)


def connect() -> None:
    """Called from AccountsConfig.ready()."""
    user_logged_in.connect(note_enrolment, dispatch_uid="kotacerdas_two_factor_enrolment")


def mark_verified(request: HttpRequest, device: TOTPDevice | StaticDevice) -> None:
    """The code was right: the session is verified for its lifetime (django-otp's session key)."""
    request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    request.session[ENROLLED_KEY] = True


def new_backup_codes(user: User) -> list[str]:
    """Replace the person's backup codes with fresh ones (each works once)."""
    device, _created = StaticDevice.objects.get_or_create(
        user=user, name="backup", defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [StaticToken.random_token() for _ in range(BACKUP_CODES)]
    StaticToken.objects.bulk_create(StaticToken(device=device, token=code) for code in codes)
    return codes


def _resolved_name(request: HttpRequest) -> str | None:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return None
    return match.view_name


class TwoFactorMiddleware:
    """Refuse every page to a person who still owes the second factor (see the module docstring)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        step = pending_step(request)
        if step is None or _resolved_name(request) in OPEN_WHILE_PENDING:
            return self.get_response(request)
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": _("Confirm your login with a two-factor code first.")}, status=403)
        target = reverse(step)
        if request.method == "GET":
            target += "?" + urlencode({"next": request.get_full_path()})
        return redirect(target)

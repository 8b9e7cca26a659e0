"""Where a login attempt came from, and what a locked-out person is told (django-axes).

Behind the documented reverse proxy every request reaches gunicorn from 127.0.0.1, so keying the
lockout on ``REMOTE_ADDR`` would let five wrong passwords from anywhere lock a person out for everyone.
``X-Forwarded-For`` is believed only when ``TRUSTED_PROXY_COUNT`` says how many proxies of ours append to
it: each appends the address it received the request from, so the client is the N-th entry from the
right. Entries further left were written by the client and are never trusted.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.db.models import Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render, resolve_url
from django.utils import timezone

from kotacerdas.accounts.forms import LoginForm
from kotacerdas.accounts.models import Membership


def client_address(request: HttpRequest) -> str:
    remote = str(request.META.get("REMOTE_ADDR", ""))
    proxies = int(getattr(settings, "TRUSTED_PROXY_COUNT", 0))
    if proxies <= 0:
        return remote
    forwarded = [part.strip() for part in str(request.META.get("HTTP_X_FORWARDED_FOR", "")).split(",")]
    forwarded = [part for part in forwarded if part]
    if len(forwarded) < proxies:
        return remote  # the header did not come through all our proxies: do not believe it
    return forwarded[-proxies]


def locked_out(
    request: HttpRequest, original_response: object = None, credentials: dict[str, object] | None = None
) -> HttpResponse:
    """The lockout page (axes' AXES_LOCKOUT_CALLABLE), telling the configured cool-off in minutes."""
    minutes = max(1, round(float(settings.AXES_COOLOFF_TIME) * 60))
    return render(
        request,
        "registration/locked_out.html",
        {"cooloff_minutes": minutes},
        status=settings.AXES_HTTP_RESPONSE_CODE,
    )


def address_is_throttled(request: HttpRequest) -> bool:
    """Too many failed logins from this address, whatever the usernames, within the cool-off.

    The per-account lockout keys on username + address, so it never stops one address from trying
    a password on every username in turn; this second, higher limit does, and it still cannot lock a
    known person out from their own address. It reads axes' attempt records, which live in the
    database and so hold across every app server."""
    since = timezone.now() - timedelta(hours=float(settings.AXES_COOLOFF_TIME))
    failures = AccessAttempt.objects.filter(
        ip_address=client_address(request), attempt_time__gte=since
    ).aggregate(total=Sum("failures_since_start"))["total"]
    return (failures or 0) >= int(settings.LOGIN_ADDRESS_FAILURE_LIMIT)


# Where a citizen lands after logging in without a ``next``: an account with no role has nothing on the
# staff home page ("Anda belum memiliki peran…"); a citizen came to take part. (A URL name, not an import:
# participation sits above accounts.)
CITIZEN_HOME = "participation:index"


class LoginView(auth_views.LoginView):
    """Django's login page, refusing a POST from an address that is throttled.

    After logging in, the page the person came from (``next``, Django's own check that it is on this
    site), else the staff home page, or citizen participation for a citizen without a staff role."""

    redirect_authenticated_user = True
    authentication_form = LoginForm

    def post(self, request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        if address_is_throttled(request):
            return locked_out(request)
        return super().post(request, *args, **kwargs)

    def get_default_redirect_url(self) -> str:
        user = self.request.user
        if is_citizen_only(user):
            return resolve_url(CITIZEN_HOME)
        return super().get_default_redirect_url()


def is_citizen_only(user: Any) -> bool:
    """A registered citizen (participation's record, reached by its reverse name) with no staff role."""
    if not user.is_authenticated or user.is_superuser or user.is_staff:
        return False
    if not hasattr(user, "citizen"):  # no citizen record (RelatedObjectDoesNotExist is an AttributeError)
        return False
    return not Membership.objects.filter(user=user).exists()

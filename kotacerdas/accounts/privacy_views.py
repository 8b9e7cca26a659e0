"""The privacy notice, and a person's own data: consents, export, erasure (UU PDP 27/2022)."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts import consent, erasure
from kotacerdas.accounts.access import SignedInRequest, national_admin_required
from kotacerdas.accounts.models import Consent, Purpose, User
from kotacerdas.accounts.two_factor_forms import ErasureForm
from kotacerdas.core import formatting
from kotacerdas.web.pages import render_page, run_action, save_form


def years(days: int) -> str:
    """A retention in years as people write it: "10" for 3650 days, "2,5" for 912 (one decimal, shown
    only when there is a fraction; the pages' number format)."""
    value = (Decimal(days) / 365).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return formatting.decimal(value, 0 if value == value.to_integral_value() else 1)


def privacy(request: HttpRequest) -> HttpResponse:
    """What kotacerdas keeps about people, why, for how long, and their rights (public)."""
    context = {
        "purposes": Purpose.choices,
        "evidence_years": years(settings.EVIDENCE_RETENTION_DAYS),
        "audit_years": years(settings.AUDIT_SNAPSHOT_RETENTION_DAYS),
    }
    return render(request, "accounts/privacy.html", context)


@login_required
@require_POST
def consent_withdraw(request: SignedInRequest, consent_id: int) -> HttpResponse:
    try:
        given = Consent.objects.get(pk=consent_id, user=request.user)
    except Consent.DoesNotExist:
        raise Http404 from None
    run_action(request, lambda: consent.do_withdraw_consent(request.user, given), _("Consent withdrawn."))
    return redirect("notifications:profile")


def _download(data: dict[str, object], person: User) -> HttpResponse:
    response = HttpResponse(
        json.dumps(data, ensure_ascii=False, indent=2), content_type="application/json; charset=utf-8"
    )
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="data-pribadi-{person.pk}-{stamp}.json"'
    return response


@login_required
def my_export(request: SignedInRequest) -> HttpResponse:
    return _download(erasure.export_person(request.user, request.user), request.user)


@login_required
@require_POST
def erasure_request(request: SignedInRequest) -> HttpResponse:
    run_action(
        request,
        lambda: erasure.do_request_erasure(request.user),
        _("Your request is recorded. The national programme admin will carry it out and tell you."),
    )
    return redirect("notifications:profile")


def _person(user_id: int) -> User:
    try:
        return User.objects.get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


@national_admin_required
def person_export(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    return _download(erasure.export_person(request.user, person), person)


@national_admin_required
def person_erase(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = _person(user_id)
    form = ErasureForm(request.POST or None)
    saved = save_form(
        request,
        form,
        lambda data: erasure.do_erase_person(request.user, person, reason=data["reason"]),
        lambda changed: (
            _("Personal data erased (%(count)s records changed). The account is closed.") % {"count": changed}
        ),
        then=reverse("accounts:user_detail", kwargs={"user_id": person.pk}),
    )
    context = {"person": person, "form": form, "request_open": erasure.open_request(person)}
    return saved or render_page(request, "accounts/person_erase.html", context, form)

"""The two-factor pages: enrol (QR code), the code step after the password, backup codes, turn off."""

from __future__ import annotations

import base64
from base64 import b32encode

import qrcode
import qrcode.image.svg
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts import two_factor, two_factor_actions
from kotacerdas.accounts.access import SignedInRequest, national_admin_required
from kotacerdas.accounts.models import User
from kotacerdas.accounts.two_factor_forms import CodeForm, EnrolForm
from kotacerdas.web.pages import render_page, run_action, save_form

CODES_KEY = "kc_backup_codes"  # shown once, right after they are made


def _next(request: SignedInRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    # a path on this site only: redirect() would take any other word for a view name (a 500)
    if target.startswith("/") and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return target
    return reverse("home")


def qr_data_uri(device: TOTPDevice) -> str:
    """The otpauth:// address as an SVG QR code, inline (no third-party service, nothing to fetch)."""
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    return "data:image/svg+xml;base64," + base64.b64encode(image.to_string()).decode("ascii")


def _grouped_key(device: TOTPDevice) -> str:
    key = b32encode(device.bin_key).decode("ascii")
    return " ".join(key[i : i + 4] for i in range(0, len(key), 4))


@login_required
def enrol(request: SignedInRequest) -> HttpResponse:
    if two_factor.has_confirmed_device(request.user):
        return redirect(_next(request))
    device = two_factor_actions.enrolment_device(request.user)
    form = EnrolForm(request.POST or None, device=device)

    def confirm(_data: dict[str, str]) -> list[str]:
        codes = two_factor_actions.do_confirm_enrolment(request.user, device)
        two_factor.mark_verified(request, device)
        request.session[CODES_KEY] = codes
        return codes

    saved = save_form(
        request,
        form,
        confirm,
        _("Two-factor login is on. Keep your backup codes somewhere safe."),
        then=reverse("accounts:two_factor_codes") + "?" + urlencode({"next": _next(request)}),
    )
    context = {
        "form": form,
        "qr": qr_data_uri(device),
        "key": _grouped_key(device),
        "next": _next(request),
        "required": two_factor.must_use_two_factor(request.user),
    }
    return saved or render_page(request, "accounts/two_factor_enrol.html", context, form)


@login_required
def verify(request: SignedInRequest) -> HttpResponse:
    if two_factor.pending_step(request) != two_factor.VERIFY:
        return redirect(_next(request))
    if not two_factor.has_confirmed_device(request.user):
        # the device was reset since this login: enrol again
        request.session[two_factor.ENROLLED_KEY] = False
        return redirect(reverse(two_factor.ENROL) + "?" + urlencode({"next": _next(request)}))
    form = CodeForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid() and form.device is not None:
        two_factor.mark_verified(request, form.device)
        return redirect(_next(request))
    return render_page(
        request, "accounts/two_factor_verify.html", {"form": form, "next": _next(request)}, form
    )


@login_required
def codes(request: SignedInRequest) -> HttpResponse:
    """Fresh backup codes, shown once; a POST (verified sessions only) replaces them."""
    if request.method == "POST":
        if not two_factor.is_verified(request):
            return redirect("accounts:two_factor_verify")
        result = run_action(
            request, lambda: two_factor_actions.do_new_backup_codes(request.user), _("New backup codes made.")
        )
        if result:
            request.session[CODES_KEY] = result
        return redirect("accounts:two_factor_codes")
    shown = request.session.pop(CODES_KEY, None)
    if not shown:
        return redirect("notifications:profile")
    return render(request, "accounts/two_factor_codes.html", {"codes": shown, "next": _next(request)})


@login_required
@require_POST
def turn_off(request: SignedInRequest) -> HttpResponse:
    run_action(request, lambda: two_factor_actions.do_turn_off(request.user), _("Two-factor login is off."))
    return redirect("notifications:profile")


@national_admin_required
@require_POST
def reset(request: SignedInRequest, user_id: int) -> HttpResponse:
    person = User.objects.filter(pk=user_id).first()
    if person is None:
        raise Http404
    run_action(
        request,
        lambda: two_factor_actions.do_reset_two_factor(request.user, person),
        _("Two-factor login reset: the person enrols again at their next login."),
    )
    return redirect("accounts:user_detail", user_id=person.pk)

"""Two-factor login: required for Ayu (national admin) and Tono (assessor), optional for others.

These tests log in through the real login form: the test helper that verifies force_login sessions
(tests/two_factor.py) does not touch that path, so what a person meets here is production's."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from kotacerdas.accounts.actions import do_add_membership
from kotacerdas.audit.models import AuditEntry
from tests.two_factor import totp_code_for

pytestmark = pytest.mark.django_db
ENROL = reverse("accounts:two_factor_enrol")
VERIFY = reverse("accounts:two_factor_verify")


def password_login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return client


def enrol(client: Client, user) -> list[str]:  # type: ignore[no-untyped-def]
    assert client.get(ENROL).status_code == 200
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(ENROL, {"token": _code(device)})
    assert response.status_code == 302
    page = client.get(response.url)
    assert page.status_code == 200
    return list(StaticToken.objects.filter(device__user=user).values_list("token", flat=True))


def wait_out_the_throttle(user) -> None:  # type: ignore[no-untyped-def]
    """django-otp refuses even a right code for a while after a wrong one; move its clock past that."""
    past = timezone.now() - timedelta(minutes=5)
    TOTPDevice.objects.filter(user=user).update(throttling_failure_timestamp=past)


def _code(device: TOTPDevice) -> str:
    from django_otp.oath import TOTP

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():06d}"


def test_ayu_without_a_device_is_sent_to_enrolment_from_every_page(ayu) -> None:
    client = password_login("ayu")
    for url in (reverse("home"), reverse("accounts:user_list"), reverse("notifications:profile")):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith(ENROL + "?next=")
    assert client.post(reverse("accounts:user_create"), {"username": "x"}).url == ENROL
    api = client.get(reverse("api:me", kwargs={"version": "v1"}))
    assert api.status_code == 403
    assert "kode dua langkah" in api.json()["detail"]
    # the privacy notice and logging out stay open
    assert client.get(reverse("accounts:privacy")).status_code == 200
    assert client.post(reverse("logout")).status_code == 302


def test_ayu_enrols_with_a_qr_code_and_gets_backup_codes(ayu) -> None:
    client = password_login("ayu")
    page = client.get(ENROL)
    body = page.content.decode()
    assert 'src="data:image/svg+xml;base64,' in body
    assert "Kode QR untuk menambahkan kotacerdas" in body
    wrong = client.post(ENROL, {"token": "000000"})
    assert wrong.status_code == 400
    assert "Kode salah atau sudah kedaluwarsa" in wrong.content.decode()
    assert not TOTPDevice.objects.filter(user=ayu, confirmed=True).exists()
    wait_out_the_throttle(ayu)

    codes = enrol(client, ayu)

    assert len(codes) == 10
    assert client.get(reverse("accounts:user_list")).status_code == 200
    assert AuditEntry.objects.filter(action="two_factor.enrol", actor=ayu).exists()


def test_an_enrolled_assessor_types_a_code_after_the_password(tono) -> None:
    enrol(password_login("tono"), tono)
    client = password_login("tono")
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(VERIFY)
    wrong = client.post(VERIFY, {"token": "123456"})
    assert wrong.status_code == 400
    assert "Kode salah" in wrong.content.decode()
    assert client.get(reverse("home")).status_code == 302
    throttled = client.post(VERIFY, {"token": totp_code_for(tono)})
    assert throttled.status_code == 400, "right after a wrong code even the right one waits"
    wait_out_the_throttle(tono)

    right = client.post(VERIFY, {"token": totp_code_for(tono), "next": "/pengguna/"})

    assert right.status_code == 302 and right.url == "/pengguna/"
    assert client.get(reverse("home")).status_code == 200


def test_a_backup_code_works_once(tono) -> None:
    codes = enrol(password_login("tono"), tono)
    first = password_login("tono")
    assert first.post(VERIFY, {"token": codes[0].upper()}).status_code == 302
    assert first.get(reverse("home")).status_code == 200
    again = password_login("tono")
    assert again.post(VERIFY, {"token": codes[0]}).status_code == 400


def test_the_next_address_stays_on_this_site(tono) -> None:
    enrol(password_login("tono"), tono)
    client = password_login("tono")
    response = client.post(VERIFY, {"token": totp_code_for(tono), "next": "https://jahat.example/"})
    assert response.url == reverse("home")


def test_budi_logs_in_without_a_second_step_and_may_turn_it_on_and_off(budi) -> None:
    client = password_login("budi")
    assert client.get(reverse("home")).status_code == 200
    enrol(client, budi)
    later = password_login("budi")
    assert later.get(reverse("home")).url.startswith(VERIFY)  # his choice is enforced
    later.post(VERIFY, {"token": totp_code_for(budi)})
    later.post(reverse("accounts:two_factor_off"))
    assert not TOTPDevice.objects.filter(user=budi).exists()
    assert password_login("budi").get(reverse("home")).status_code == 200


def test_ayu_cannot_turn_it_off(ayu, as_ayu) -> None:
    response = as_ayu.post(reverse("accounts:two_factor_off"), follow=True)
    assert "Peran Anda mewajibkan masuk dua langkah" in response.content.decode()
    assert TOTPDevice.objects.filter(user=ayu, confirmed=True).exists()


def test_a_role_given_mid_session_asks_for_the_second_step_on_the_next_request(ayu, budi, region_a) -> None:
    client = password_login("budi")
    assert client.get(reverse("home")).status_code == 200
    do_add_membership(ayu, budi, role="assessor", region=region_a)
    assert client.get(reverse("home")).url.startswith(ENROL)


def test_the_national_admin_resets_a_lost_device(ayu, as_ayu, tono) -> None:
    enrol(password_login("tono"), tono)
    response = as_ayu.post(reverse("accounts:two_factor_reset", kwargs={"user_id": tono.pk}))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=tono).exists()
    assert password_login("tono").get(reverse("home")).url.startswith(ENROL)
    assert AuditEntry.objects.filter(action="two_factor.reset", actor=ayu).exists()


def test_backup_codes_are_shown_once(ayu) -> None:
    client = password_login("ayu")
    device = TOTPDevice.objects.create(user=ayu, name="x", confirmed=False)
    response = client.post(ENROL, {"token": _code(device)})
    codes_page = response.url
    assert client.get(codes_page).status_code == 200
    assert client.get(codes_page).status_code == 302  # gone from the session


def test_the_privacy_notice_is_public_and_linked_from_login_and_footer(client) -> None:
    page = client.get(reverse("accounts:privacy"))
    assert page.status_code == 200
    body = page.content.decode()
    assert "Pemberitahuan privasi" in body and "UU PDP" in body
    login = client.get(reverse("login")).content.decode()
    assert login.count(f'href="{reverse("accounts:privacy")}"') == 2  # the page and the footer

"""Warga registers with consent and a verified e-mail; only a verified citizen may post."""

from __future__ import annotations

import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from conftest import logged_in
from kotacerdas.accounts.models import Consent, User
from kotacerdas.participation.conftest import CITIZEN_PASSWORD, make_citizen
from kotacerdas.participation.models import Citizen

SIGNUP = {
    "name": "Andi Warga",
    "email": "Andi@Example.org",
    "password": CITIZEN_PASSWORD,
    "consent": "on",
    "captcha_0": "x",
    "captcha_1": "PASSED",
}


def _link(message: mail.EmailMessage) -> str:
    return re.search(r"http://testserver(/partisipasi/verifikasi/\S+/)", message.body).group(1)


@pytest.mark.django_db
def test_it_registers_sends_the_link_and_verifies() -> None:
    client = Client()
    response = client.post(reverse("participation:signup"), SIGNUP)
    assert response.status_code == 302
    user = User.objects.get(username="andi@example.org")
    consent = Consent.objects.get(user=user)
    assert (consent.purpose, consent.withdrawn_at is None) == ("participation", True)
    assert not user.citizen.verified
    (message,) = mail.outbox
    assert message.to == ["andi@example.org"]
    response = client.get(_link(message))
    assert response.status_code == 200
    assert "E-mail Anda sudah terverifikasi" in response.content.decode()
    assert Citizen.objects.get(user=user).verified
    login = client.post(reverse("login"), {"username": "andi@example.org", "password": CITIZEN_PASSWORD})
    assert login.status_code == 302


@pytest.mark.django_db
def test_it_refuses_without_consent_and_saves_nothing() -> None:
    response = Client().post(reverse("participation:signup"), SIGNUP | {"consent": ""})
    assert response.status_code == 400
    assert "Persetujuan untuk tujuan partisipasi wajib" in response.content.decode()
    assert not User.objects.exists()
    assert mail.outbox == []


@pytest.mark.django_db
def test_it_refuses_a_wrong_captcha() -> None:
    response = Client().post(reverse("participation:signup"), SIGNUP | {"captcha_1": "salah"})
    assert response.status_code == 400
    assert "Huruf tidak cocok dengan gambar" in response.content.decode()
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_signup_page_serves_its_captcha_locally() -> None:
    page = Client().get(reverse("participation:signup")).content.decode()
    image = re.search(r'<img src="(/captcha/image/\w+/)"', page).group(1)
    response = Client().get(image)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert "Data pribadi Anda" in page  # the privacy note next to the form


@pytest.mark.django_db
def test_an_address_is_registered_twice_only_once() -> None:
    make_citizen("Andi", "andi@example.org")
    response = Client().post(reverse("participation:signup"), SIGNUP)
    assert response.status_code == 400
    assert "Alamat e-mail ini sudah terdaftar" in response.content.decode()


@pytest.mark.django_db
def test_sign_ups_per_address_are_limited(settings) -> None:
    settings.PARTICIPATION_RATE_LIMITS = {"signup": (1, 2)}
    client = Client()
    for n in (1, 2):
        assert (
            client.post(reverse("participation:signup"), SIGNUP | {"email": f"w{n}@example.org"}).status_code
            == 302
        )
    response = client.post(reverse("participation:signup"), SIGNUP | {"email": "w3@example.org"})
    assert response.status_code == 400
    assert "Terlalu banyak kiriman dari jaringan Anda" in response.content.decode()
    assert not User.objects.filter(username="w3@example.org").exists()


@pytest.mark.django_db
def test_a_forged_link_is_refused() -> None:
    response = Client().get(reverse("participation:verify", args=["bukan-token"]))
    assert response.status_code == 400
    assert "Tautan verifikasi ini tidak sah" in response.content.decode()


def test_an_unverified_citizen_cannot_post(consultation) -> None:
    user = make_citizen("Eko", "eko@example.org", verified=False)
    response = logged_in(user).post(
        reverse("participation:submit", args=[consultation.pk]),
        {
            "kind": "idea",
            "title": "Taman baca di kelurahan",
            "text": "Setiap kelurahan perlu taman baca dengan wifi gratis.",
            "element": "society.learning",
            "captcha_0": "x",
            "captcha_1": "PASSED",
        },
    )
    assert response.status_code == 400
    assert "Verifikasi alamat e-mail Anda dulu" in response.content.decode()
    assert not consultation.ideas.exists()

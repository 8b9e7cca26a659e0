"""A newcomer signs in to the demo as Ayu with a printed backup code: two-factor login stays on."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.demo import DEMO_PASSWORD, demo_backup_codes

pytestmark = pytest.mark.django_db


def _person(username: str, role: str | None) -> User:
    user = User.objects.create_user(username=username, password=DEMO_PASSWORD)
    if role:
        Membership.objects.create(user=user, role=role)
    return user


def _sign_in(code: str) -> tuple[Client, int]:
    client = Client()
    assert client.post(reverse("login"), {"username": "ayu", "password": DEMO_PASSWORD}).status_code == 302
    answer = client.get(reverse("home"))  # every page sends a pending person to the code step
    assert answer.status_code == 302 and answer["Location"].startswith(reverse("accounts:two_factor_verify"))
    answer = client.post(reverse("accounts:two_factor_verify"), {"token": code})
    return client, answer.status_code


def test_only_the_personas_who_must_use_it_get_codes_and_each_works_once() -> None:
    _person("ayu", Role.NATIONAL_ADMIN)
    _person("budi", None)

    codes = demo_backup_codes()

    assert list(codes) == ["ayu"] and len(codes["ayu"]) == 3
    client, status = _sign_in(codes["ayu"][0])
    assert status == 302
    assert client.get(reverse("home")).status_code == 200
    _client, status = _sign_in(codes["ayu"][0])  # a backup code works once
    assert status == 400


def test_a_new_start_makes_new_codes_and_the_old_ones_stop_working() -> None:
    _person("ayu", Role.NATIONAL_ADMIN)
    old = demo_backup_codes()["ayu"]

    new = demo_backup_codes()["ayu"]

    assert set(old).isdisjoint(new)
    assert _sign_in(new[0])[1] == 302
    assert _sign_in(old[1])[1] == 400  # (after a wrong code django-otp slows the next try down)

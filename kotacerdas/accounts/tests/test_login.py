"""Logging in and out; repeated failures are rate-limited (django-axes)."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db


def test_budi_logs_in_and_lands_on_his_region(budi) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "budi", "password": PASSWORD}, follow=True)
    body = response.content.decode()
    assert "Selamat datang, Budi" in body
    assert "Kota Salatiga" in body


def test_a_wrong_password_is_explained_in_indonesian(budi) -> None:
    response = Client().post(reverse("login"), {"username": "budi", "password": "salah"})
    assert response.status_code == 200
    body = response.content.decode()
    assert "Nama pengguna, e-mail, atau kata sandi salah." in body
    assert "nama pengguna nama pengguna" not in body


def test_login_is_locked_after_five_failures_even_with_the_right_password(budi, settings) -> None:
    client = Client()
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post(reverse("login"), {"username": "budi", "password": "salah"})
    response = client.post(reverse("login"), {"username": "budi", "password": PASSWORD})
    assert response.status_code == 429
    assert "Terlalu banyak percobaan masuk yang gagal" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_logout_needs_a_post_and_ends_the_session(as_budi) -> None:
    assert as_budi.get(reverse("logout")).status_code == 405
    response = as_budi.post(reverse("logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in as_budi.session


def test_an_absurd_login_post_is_not_a_server_error(db) -> None:
    response = Client().post(reverse("login"), {"username": "x" * 5000, "password": ""})
    assert response.status_code == 200

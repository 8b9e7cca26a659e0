"""A person logs in with their user name or e-mail in any capitals; the lockout counts every spelling
of one account together; a citizen lands on citizen participation (or where they came from)."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD
from kotacerdas.accounts.forms import LoginForm
from kotacerdas.participation.conftest import CITIZEN_PASSWORD, make_citizen

pytestmark = pytest.mark.django_db


@pytest.fixture
def wargauji(db):
    return make_citizen("Warga Uji", "wargauji1@contoh.invalid")


def _login(client: Client, username: str, password: str, **extra: str):
    return client.post(
        reverse("login") + extra.get("query", ""), {"username": username, "password": password}
    )


def test_a_citizen_logs_in_with_a_capitalised_e_mail_and_lands_on_participation(wargauji) -> None:
    client = Client()
    response = _login(client, "WargaUji1@Contoh.INVALID", CITIZEN_PASSWORD)
    assert (response.status_code, response.url) == (302, reverse("participation:index"))
    assert client.session["_auth_user_id"] == str(wargauji.pk)


def test_a_citizen_goes_back_where_she_came_from(wargauji) -> None:
    came_from = reverse("accounts:privacy")
    response = _login(Client(), "wargauji1@contoh.invalid", CITIZEN_PASSWORD, query=f"?next={came_from}")
    assert (response.status_code, response.url) == (302, came_from)


def test_staff_still_land_on_their_home_and_may_use_their_e_mail(budi) -> None:
    budi.email = "budi@salatiga.go.id"
    budi.save(update_fields=["email"])
    for typed in ("budi", "BUDI", "Budi@Salatiga.go.id"):
        response = _login(Client(), typed, PASSWORD)
        assert (typed, response.status_code, response.url) == (typed, 302, reverse("home"))


def test_the_label_names_both_and_a_wrong_password_is_explained(db) -> None:
    # the page shows it once kotacerdas/templates/registration/login.html prints {{ form.username.label }}
    assert str(LoginForm().fields["username"].label) == "Nama pengguna atau e-mail"
    wrong = _login(Client(), "budi", "salah").content.decode()
    assert "Nama pengguna, e-mail, atau kata sandi salah." in wrong


def test_every_spelling_of_one_account_counts_towards_its_lockout(wargauji, settings) -> None:
    client = Client()
    spellings = ["wargauji1@contoh.invalid", "WARGAUJI1@contoh.invalid", "WargaUji1@Contoh.Invalid"]
    for n in range(settings.AXES_FAILURE_LIMIT):
        _login(client, spellings[n % len(spellings)], "salah")
    response = _login(client, "wArGaUjI1@contoh.invalid", CITIZEN_PASSWORD)
    assert response.status_code == 429
    assert "_auth_user_id" not in client.session

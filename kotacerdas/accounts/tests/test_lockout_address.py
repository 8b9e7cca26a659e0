"""The login lockout keys on the real client address, believed from X-Forwarded-For only when a
trusted-proxy count is configured (issue: five wrong passwords behind nginx locked Ayu out for all)."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import PASSWORD

pytestmark = pytest.mark.django_db

PROXY = "127.0.0.1"


def _fail_from(client: Client, forwarded_for: str, attempts: int) -> None:
    for _ in range(attempts):
        client.post(
            reverse("login"),
            {"username": "ayu", "password": "salah"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR=forwarded_for,
        )


def _login_from(forwarded_for: str) -> int:
    response = Client().post(
        reverse("login"),
        {"username": "ayu", "password": PASSWORD},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded_for,
    )
    return response.status_code


def test_behind_a_trusted_proxy_an_attacker_locks_out_only_their_own_address(ayu, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    _fail_from(Client(), "203.0.113.9", settings.AXES_FAILURE_LIMIT)
    assert _login_from("203.0.113.9") == 429
    assert _login_from("198.51.100.7") == 302  # Ayu, from her own office, still gets in


def test_a_spoofed_left_part_of_the_header_does_not_escape_the_lockout(ayu, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    client = Client()
    for n in range(settings.AXES_FAILURE_LIMIT):
        # The attacker writes a new fake address each time; nginx appends the real one on the right.
        _fail_from(client, f"10.0.0.{n}, 203.0.113.9", 1)
    assert _login_from("203.0.113.9") == 429


def test_without_a_trusted_proxy_the_header_is_ignored(ayu, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 0
    _fail_from(Client(), "203.0.113.9", settings.AXES_FAILURE_LIMIT)
    # Every request came from the same REMOTE_ADDR, whatever the header claimed.
    assert _login_from("198.51.100.7") == 429


def test_the_lockout_page_tells_the_configured_cool_off(ayu, settings) -> None:
    settings.AXES_COOLOFF_TIME = 0.5  # hours
    _fail_from(Client(), "", settings.AXES_FAILURE_LIMIT)
    response = Client().post(reverse("login"), {"username": "ayu", "password": PASSWORD}, REMOTE_ADDR=PROXY)
    assert response.status_code == 429
    assert "30 menit" in response.content.decode()


def test_one_address_trying_many_usernames_is_throttled_without_locking_anyone_out(ayu, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    client = Client()
    for n in range(settings.LOGIN_ADDRESS_FAILURE_LIMIT):  # one try per username: no account lockout
        client.post(
            reverse("login"),
            {"username": f"tebakan{n}", "password": "salah"},
            REMOTE_ADDR=PROXY,
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    assert _login_from("203.0.113.9") == 429  # even a right password: the address is throttled
    assert _login_from("198.51.100.7") == 302  # Ayu, from her own office, still gets in


def test_below_the_address_limit_a_right_password_still_gets_in(ayu, settings) -> None:
    settings.TRUSTED_PROXY_COUNT = 1
    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    _fail_from(Client(), "203.0.113.9", settings.AXES_FAILURE_LIMIT - 1)
    assert _login_from("203.0.113.9") == 302

"""Malformed input never produces a server error."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import logged_in

pytestmark = pytest.mark.django_db

ODD_VALUES = ["", "0", "-1", "abc", "9" * 30, "' OR 1=1 --", "<script>", "%00", "ü" * 300, "../../etc/passwd"]


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_query_strings_on_list_pages(ayu, value) -> None:
    client = logged_in(ayu)
    for url in [
        reverse("regions:catalogue"),
        reverse("accounts:user_list"),
        reverse("audit:log"),
        "/api/v1/regions",
    ]:
        for param in ["page", "q", "province", "kind", "size_class", "action", "region"]:
            response = client.get(url, {param: value})
            assert response.status_code < 500, (url, param, value)


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_path_segments(ayu, value) -> None:
    client = logged_in(ayu)
    for url in [f"/r/{value}/", f"/r/{value}/opd/", f"/api/v1/regions/{value}", f"/pengguna/{value}/"]:
        assert client.get(url).status_code in (200, 301, 302, 400, 404), url


@pytest.mark.parametrize("value", ODD_VALUES)
def test_odd_form_posts(ayu, budi, region_a, dinkes_a, value) -> None:
    client = logged_in(ayu)
    posts = [
        (reverse("regions:opds", args=[region_a.code]), {"name": value, "short_name": value * 3}),
        (reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk]), {"name": value, "is_active": value}),
        (reverse("accounts:user_create"), {"username": value, "password": value, "email": value}),
        (reverse("accounts:membership_add", args=[budi.pk]), {"role": value, "region": value, "opd": value}),
        (reverse("accounts:password_set", args=[budi.pk]), {"password": value}),
        (reverse("regions:size_schemes"), {"code": value}),
        (reverse("login"), {"username": value, "password": value}),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code < 500, (url, value)


def test_a_post_without_csrf_token_is_refused(budi, region_a) -> None:
    client = Client(enforce_csrf_checks=True)
    client.force_login(budi, backend="kotacerdas.accounts.backends.AccountBackend")
    assert client.post(reverse("regions:opds", args=[region_a.code]), {"name": "X"}).status_code == 403


def test_nul_bytes_are_refused_with_a_clear_message(ayu, region_a) -> None:
    client = logged_in(ayu)
    for response in [
        client.get("/r/33%0073/"),
        client.get("/api/v1/regions", {"province": "3\x003"}),
        client.post(reverse("regions:size_schemes"), {"co\x00de": "ab"}),  # in a field's name
        client.post("/api/v1/regions", {"name": "a\x00b"}),  # anywhere in an API request
    ]:
        assert response.status_code == 400
        assert "karakter yang tidak valid" in response.content.decode()


def test_a_nul_in_typed_text_is_named_in_english_too(ayu, region_a) -> None:
    client = logged_in(ayu)
    client.cookies["django_language"] = "en"
    response = client.post(reverse("regions:opds", args=[region_a.code]), {"name": "Dinas\x00 Kesehatan"})
    assert response.status_code == 400
    assert "invisible NUL character" in response.content.decode()

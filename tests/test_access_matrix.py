"""Every view is classified, and each class is enforced for every view in it.

A new view that is not listed here fails test_every_view_is_classified, so
nobody can add a page without deciding who may see it.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import logged_in

PUBLIC = {
    "home",
    "login",
    "regions:catalogue",
    "api:regions",
    "api:region",
    "api:schema",
    "api:docs",
    "api:redoc",
}
LOGGED_IN = {"logout", "api:me"}
NATIONAL_ADMIN_ONLY = {
    "accounts:user_list",
    "accounts:user_create",
    "accounts:user_detail",
    "accounts:membership_add",
    "accounts:membership_remove",
    "accounts:password_set",
    "audit:log",
    "regions:size_schemes",
}
REGION_SCOPED = {
    "regions:workspace",
    "regions:opds",
    "regions:opd_edit",
    "regions:opd_delete",
    "api:region_opds",
}
SKIPPED_NAMESPACES = ("admin:",)  # Django's own admin: staff-only by Django
SKIPPED = {"set_language"}  # Django's language switch: public by design


def named_views(patterns=None, prefix="") -> set[str]:
    names: set[str] = set()
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            names |= named_views(entry.url_patterns, namespace)
        elif isinstance(entry, URLPattern) and entry.name:
            names.add(prefix + entry.name)
    return {n for n in names if not n.startswith(SKIPPED_NAMESPACES) and n not in SKIPPED}


def test_every_view_is_classified() -> None:
    classified = PUBLIC | LOGGED_IN | NATIONAL_ADMIN_ONLY | REGION_SCOPED
    assert named_views() == classified


@pytest.fixture
def world(ayu, budi, dewi, region_b, dinkes_b):
    from kotacerdas.accounts.models import Membership

    return {
        "code": region_b.code,
        "opd_id": dinkes_b.pk,
        "user_id": dewi.pk,
        "membership_id": Membership.objects.get(user=dewi).pk,
        "version": "v1",
    }


def url_for(name: str, world: dict) -> str:
    from django.urls import NoReverseMatch

    for keys in (
        ["version", "code"],
        ["version"],
        ["code", "opd_id"],
        ["code"],
        ["user_id", "membership_id"],
    ):
        try:
            return reverse(name, kwargs={k: world[k] for k in keys})
        except NoReverseMatch:
            continue
    for keys in (["user_id"], []):
        try:
            return reverse(name, kwargs={k: world[k] for k in keys})
        except NoReverseMatch:
            continue
    raise AssertionError(f"cannot build a URL for {name}")


def is_api(name: str) -> bool:
    return name.startswith("api:")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(NATIONAL_ADMIN_ONLY | REGION_SCOPED | LOGGED_IN - {"logout"}))
def test_anonymous_visitors_are_sent_to_login(world, name) -> None:
    response = Client().get(url_for(name, world))
    if is_api(name):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REGION_SCOPED | NATIONAL_ADMIN_ONLY))
@pytest.mark.parametrize("method", ["get", "post"])
def test_budi_gets_404_for_everything_of_region_b(world, budi, name, method) -> None:
    client = logged_in(budi)
    response = getattr(client, method)(url_for(name, world), {"name": "x"})
    # POST-only views answer a GET with 405 and read-only API views answer a
    # POST with 405: neither says whether region B's object exists.
    assert response.status_code in (404, 405)
    if response.status_code == 405:
        assert (method == "get") == name.endswith(("_delete", "_add", "_remove", "_set"))


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(n for n in REGION_SCOPED if n.startswith("api:")))
def test_budi_gets_404_through_the_api_token_too(world, budi, name) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=budi)
    response = Client().get(url_for(name, world), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 404


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(PUBLIC - {"login"}))
def test_public_pages_open_for_anyone(world, name) -> None:
    assert Client().get(url_for(name, world)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(REGION_SCOPED - {"regions:opd_delete"}))
def test_dewi_opens_her_own_region(world, dewi, name) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=dewi)
    client = logged_in(dewi)
    response = client.get(url_for(name, world), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200

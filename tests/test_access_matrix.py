"""Every view declares who may open it, and each class is enforced for every view in it.

A view's class sits next to its path (``access = {...}`` in each urls.py, with
the names of kotacerdas.web.access_classes). A named URL without one fails
test_every_view_is_classified, so nobody adds a page without deciding who may
see it. Object-level isolation (region B's records) is tested by each app with
real objects; here every region-scoped URL is tried with region B's code.
"""

from __future__ import annotations

import importlib
import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from conftest import logged_in
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, PUBLIC, REGION_SCOPED

SKIPPED_NAMESPACES = ("admin",)  # Django's own admin: staff-only by Django
SKIPPED = {"set_language"}  # Django's language switch: public by design


def named_views(patterns=None, prefix="", urlconf_name="kotacerdas.urls"):
    """(full name, declared class, route) of every named URL in the project."""
    found = []
    module = importlib.import_module(urlconf_name) if isinstance(urlconf_name, str) else urlconf_name
    access = getattr(module, "access", {})
    for entry in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace in SKIPPED_NAMESPACES or not hasattr(entry.urlconf_name, "__name__"):
                continue  # admin, i18n and other third-party URL lists
            namespace = f"{prefix}{entry.namespace}:" if entry.namespace else prefix
            found += named_views(entry.url_patterns, namespace, entry.urlconf_name.__name__)
        elif isinstance(entry, URLPattern) and entry.name and entry.name not in SKIPPED:
            found.append((prefix + entry.name, access.get(entry.name), str(entry.pattern)))
    return found


VIEWS = named_views()


def names_in(access_class: str) -> list[str]:
    return sorted(name for name, declared, _route in VIEWS if declared == access_class)


def test_every_view_is_classified() -> None:
    unclassified = [name for name, declared, _route in VIEWS if declared is None]
    assert unclassified == []
    assert {"regions:workspace", "accounts:user_list", "api:regions", "home"} <= {n for n, *_ in VIEWS}


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
    """Fill the URL's parameters from region B's world; unknown ids get 1."""
    route = next(route for n, _declared, route in VIEWS if n == name)
    params = re.findall(r"<(?:(\w+):)?(\w+)>", route)
    kwargs = {key: world.get(key, 1 if converter == "int" else "x") for converter, key in params}
    if name.startswith("api:"):
        kwargs["version"] = "v1"
    return reverse(name, kwargs=kwargs)


def is_api(name: str) -> bool:
    return name.startswith("api:")


@pytest.mark.django_db
@pytest.mark.parametrize("name", names_in(NATIONAL_ADMIN) + names_in(REGION_SCOPED) + ["api:me"])
def test_anonymous_visitors_are_sent_to_login(world, name) -> None:
    response = Client().get(url_for(name, world))
    if is_api(name):
        assert response.status_code in (401, 403)
    else:
        assert response.status_code == 302
        assert response.url.startswith(reverse("login") + "?next=")


@pytest.mark.django_db
@pytest.mark.parametrize("name", names_in(REGION_SCOPED) + names_in(NATIONAL_ADMIN))
@pytest.mark.parametrize("method", ["get", "post"])
def test_budi_gets_404_for_everything_of_region_b(world, budi, name, method) -> None:
    client = logged_in(budi)
    response = getattr(client, method)(url_for(name, world), {"name": "x"})
    # POST-only views answer a GET with 405 and read-only views answer a POST
    # with 405: neither says whether region B's object exists.
    assert response.status_code in (404, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in names_in(REGION_SCOPED) if is_api(n)])
def test_budi_gets_404_through_the_api_token_too(world, budi, name) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=budi)
    response = Client().get(url_for(name, world), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code in (404, 405)


@pytest.mark.django_db
@pytest.mark.parametrize("name", [n for n in names_in(PUBLIC) if n != "login"])
def test_public_pages_open_for_anyone(world, name) -> None:
    assert Client().get(url_for(name, world)).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["regions:workspace", "regions:opds", "regions:opd_edit", "api:region_opds"])
def test_dewi_opens_her_own_region(world, dewi, name) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=dewi)
    client = logged_in(dewi)
    response = client.get(url_for(name, world), HTTP_AUTHORIZATION=f"Token {token.key}")
    assert response.status_code == 200


def test_logged_in_views_are_few() -> None:
    # each person's own queue/work list; scoping is tested in kotacerdas/notifications and programme
    own = ["notifications:open", "notifications:queue", "notifications:read_all", "programme:mine"]
    assert names_in(LOGGED_IN) == sorted(["api:me", "logout", *own])

"""Every view declares who may open it, and each class is enforced for every view in it.

A view's class sits next to its path (``access = {...}`` in each urls.py, with
the names of kotacerdas.web.access_classes). A named URL without one fails
test_every_view_is_classified, so nobody adds a page without deciding who may
see it. Every object a URL names is a real record of region B (tests/world.py,
built through the actions), so Budi's 404 comes from the region check: the same
request from someone who may open it is not a 404.
"""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from conftest import logged_in
from kotacerdas.web.access_classes import LOGGED_IN, NATIONAL_ADMIN, PUBLIC, REGION_SCOPED
from tests.urlmap import VIEWS, names_in, names_objects, route_params, url_for


def test_every_view_is_classified() -> None:
    unclassified = [name for name, declared, _route in VIEWS if declared is None]
    assert unclassified == []
    assert {"regions:workspace", "accounts:user_list", "api:regions", "home"} <= {n for n, *_ in VIEWS}


@pytest.fixture
def budi(world):
    return world["budi"]


@pytest.fixture
def dewi(world):
    return world["dewi"]


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
    url = url_for(name, world)
    response = getattr(logged_in(budi), method)(url, {"name": "x"})
    # POST-only views answer a GET with 405 and read-only views answer a POST
    # with 405: neither says whether region B's object exists.
    assert response.status_code in (404, 405)
    if names_objects(name) and "code" in {key for _converter, key in route_params(name)}:
        # region B's record under Budi's own region: records are looked up within the region
        crossed = getattr(logged_in(budi), method)(url_for(name, world, code=world["region_a"].code))
        # A POST Budi may not make even in his own region is refused (403) before any lookup; it says
        # nothing about region B. Where he may make it, only the record lookup can refuse (404).
        assert crossed.status_code in ((403, 404, 405) if method == "post" else (404, 405))
    # The same request from someone who may open it finds the records, so the
    # 404s above are the access checks' and not a missing record's. (Last: a
    # POST may delete the record.)
    insider = world["ayu"] if name in names_in(NATIONAL_ADMIN) else world["dewi"]
    own = getattr(logged_in(insider), method)(url, {"name": "x"})
    assert own.status_code != 404


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
    # each person's own inbox and profile: scoping is tested in kotacerdas/home and kotacerdas/notifications
    own = [
        "notifications:open",
        "notifications:queue",
        "notifications:read_all",
        "notifications:profile",
        "programme:mine",
        "inbox",
    ]
    # a person's own consents, data export/erasure request and two-factor steps: scoping is tested in
    # kotacerdas/accounts/tests (test_personal_data.py, test_two_factor.py)
    own += [
        "accounts:consent_withdraw",
        "accounts:my_export",
        "accounts:erasure_request",
        "accounts:two_factor_enrol",
        "accounts:two_factor_verify",
        "accounts:two_factor_codes",
        "accounts:two_factor_off",
    ]
    # published evaluation results are for anyone signed in; open cycles only for Ayu
    # (kotacerdas/evaluation/tests/test_api.py)
    published = ["api:evaluation:evaluations", "api:evaluation:evaluation_results"]
    # citizens post, support and comment (the actions require a verified citizen: kotacerdas/participation)
    citizens = [
        "participation:submit",
        "participation:support",
        "participation:comment",
        "api:participation:idea_support",
    ]
    assert names_in(LOGGED_IN) == sorted(["api:me", "api:inbox", "logout", *own, *published, *citizens])


# Every page a person can post a form to (a notification's own URL needs a notification: its app tests it).
FORM_URLS = [
    n
    for n in names_in(REGION_SCOPED) + names_in(NATIONAL_ADMIN) + names_in(LOGGED_IN)
    if not is_api(n) and n != "notifications:open"
]


@pytest.mark.django_db
@pytest.mark.parametrize("name", FORM_URLS)
def test_a_post_without_the_csrf_token_is_refused_before_the_view(world, name) -> None:
    """Someone who may make the POST, in a browser that does not send the token (a forged form)."""
    insider = world["ayu"] if name in names_in(NATIONAL_ADMIN) else world["dewi"]
    client = Client(enforce_csrf_checks=True)
    client.force_login(insider)
    response = client.post(url_for(name, world), {"name": "x"})
    assert response.status_code == 403
    assert b"CSRF" in response.content


def test_composite_index_runs_are_the_national_admins() -> None:
    # pages and API of kotacerdas/evaluation/index_*.py; Budi's 404 and Ayu's access are walked above
    runs = sorted(name for name, *_ in VIEWS if "index_run" in name)
    assert runs == sorted(
        [
            "evaluation:index_runs",
            "evaluation:index_run_new",
            "evaluation:index_run",
            "evaluation:index_run_xlsx",
            "evaluation:index_run_regenerate",
            "api:evaluation:index_runs",
            "api:evaluation:index_run_results",
        ]
    )
    assert set(runs) <= set(names_in(NATIONAL_ADMIN))

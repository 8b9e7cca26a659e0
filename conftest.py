"""Shared fixtures: the personas of DESIGN.md §2, built through the real actions.

Ayu is bootstrapped directly (someone has to be the first national admin);
everyone else is created by Ayu through kotacerdas.accounts.actions, exactly
as the People page does.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from django.test import Client

from tests.reference_data import restore_reference_data

# Playwright's sync API runs an event loop in the test thread; Django's ORM
# refuses to run "inside" it unless told this is deliberate.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

PASSWORD = "rahasia-kota-123"  # test-only password
REGION_A = "33.73"  # Kota Salatiga: Budi's region
REGION_B = "34.04"  # Kabupaten Sleman: Dewi's region


# What a test needs to be run on PostgreSQL as well: a database marker or fixture (directly or
# through another fixture, e.g. the personas below).
DATABASE_FIXTURES = {
    "db",
    "transactional_db",
    "django_db_reset_sequences",
    "django_db_serialized_rollback",
    "live_server",
    "module_world",
}


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--database-tests-only",
        action="store_true",
        help="run only the tests that use the database, less the engine-neutral suites (the PostgreSQL pass)",
    )


# Suites whose subject is what the browser or the HTTP client sees, not the database: the journeys, the
# accessibility walk, the markup walk and the GET-parameter fuzz. Every action and query they pass through
# is also run on PostgreSQL by the apps' own tests, so the PostgreSQL pass leaves them to the SQLite pass
# (they are among its slowest files; issue 11's 30-minute budget for .ci/run).
ENGINE_NEUTRAL = ("tests/browser/", "tests/test_page_markup.py", "tests/test_get_parameters.py")


def engine_neutral(item: pytest.Item) -> bool:
    return str(item.nodeid).startswith(ENGINE_NEUTRAL)


def uses_database(item: pytest.Item) -> bool:
    fixtures = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(fixtures & DATABASE_FIXTURES)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if not config.getoption("--database-tests-only"):
        return
    kept = [item for item in items if uses_database(item) and not engine_neutral(item)]
    skipped = [item for item in items if not uses_database(item) or engine_neutral(item)]
    if skipped:
        config.hook.pytest_deselected(items=skipped)
        items[:] = kept


@pytest.fixture(autouse=True)
def _installation_language() -> Iterator[None]:
    """Each test starts in the installation's language (Indonesian). A request in English leaves English
    active in the thread (LocaleMiddleware activates a language and never deactivates it), so a later
    test in the same worker that calls an action directly would read its messages in English."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield


@pytest.fixture(autouse=True)
def _reference_regions(request: pytest.FixtureRequest) -> None:
    if not uses_database(request.node):
        return
    marker = request.node.get_closest_marker("django_db")
    if marker is not None:
        request.getfixturevalue("_django_db_helper")
    for name in sorted(DATABASE_FIXTURES & set(request.fixturenames)):
        if name != "module_world":
            request.getfixturevalue(name)
    restore_reference_data()


@pytest.fixture(autouse=True, scope="session")
def _fast_password_hashing() -> Iterator[None]:
    """Tests create hundreds of people; the production hasher costs about a second each on CI.

    MD5 is fine for throw-away test passwords; logins and password checks still run for real."""
    from django.test.utils import override_settings

    with override_settings(PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"]):
        yield


@pytest.fixture(autouse=True, scope="session")
def _two_factor_verified_test_logins() -> Iterator[None]:
    """force_login/login sessions count as two-factor verified (tests/two_factor.py says why)."""
    from django.test import Client

    from tests.two_factor import install

    original = install()
    yield
    Client._login = original  # type: ignore[method-assign]


@pytest.fixture(autouse=True, scope="session")
def _captcha_test_mode() -> Iterator[None]:
    """The citizens' captcha (django-simple-captcha) accepts "PASSED" in tests only: its test mode,
    which the package reads from its own settings module when it is imported."""
    from captcha.conf import settings as captcha_settings

    captcha_settings.CAPTCHA_TEST_MODE = True
    yield
    captcha_settings.CAPTCHA_TEST_MODE = False


@pytest.fixture
def ayu(db):
    from kotacerdas.accounts.models import Membership, Role, User

    user = User.objects.create_user("ayu", password=PASSWORD, first_name="Ayu")
    Membership.objects.create(user=user, role=Role.NATIONAL_ADMIN)
    return user


@pytest.fixture
def region_a(db):
    from kotacerdas.regions.models import Region

    return Region.objects.get(code=REGION_A)


@pytest.fixture
def region_b(db):
    from kotacerdas.regions.models import Region

    return Region.objects.get(code=REGION_B)


@pytest.fixture
def dinkes_a(ayu, region_a):
    from kotacerdas.regions.actions import do_create_opd

    return do_create_opd(ayu, region_a, name="Dinas Kesehatan", short_name="Dinkes")


@pytest.fixture
def dinkes_b(ayu, region_b):
    from kotacerdas.regions.actions import do_create_opd

    return do_create_opd(ayu, region_b, name="Dinas Kesehatan", short_name="Dinkes")


def make_person(ayu, username, role, region=None, opd=None):
    from kotacerdas.accounts.actions import do_add_membership, do_create_user

    user = do_create_user(ayu, username=username, password=PASSWORD, first_name=username.capitalize())
    do_add_membership(ayu, user, role=role, region=region, opd=opd)
    return user


@pytest.fixture
def budi(ayu, region_a):
    return make_person(ayu, "budi", "coordinator", region_a)


@pytest.fixture
def dewi(ayu, region_b):
    return make_person(ayu, "dewi", "coordinator", region_b)


@pytest.fixture
def sari(ayu, region_a, dinkes_a):
    return make_person(ayu, "sari", "opd_contributor", region_a, dinkes_a)


@pytest.fixture
def tono(ayu, region_a):
    return make_person(ayu, "tono", "assessor", region_a)


@pytest.fixture
def rina(ayu, region_a):
    return make_person(ayu, "rina", "mentor", region_a)


def logged_in(user) -> Client:
    client = Client()
    client.force_login(user, backend="kotacerdas.accounts.backends.AccountBackend")
    return client


def forget_inbox_badge(client: Client) -> Client:
    """Drop the navigation's kept inbox count (kotacerdas.web.inbox), so that the next page is a first
    view of the minute: it counts the inbox and keeps the count, as the first page after sign-in does.
    Query-count tests measure that view; a repeat view within INBOX_BADGE_SECONDS costs less."""
    from kotacerdas.web.inbox_badge import BADGE_SESSION_KEY

    session = client.session
    if BADGE_SESSION_KEY in session:
        del session[BADGE_SESSION_KEY]
        session.save()
    return client


@pytest.fixture
def as_ayu(ayu):
    return logged_in(ayu)


@pytest.fixture
def as_budi(budi):
    return logged_in(budi)


@pytest.fixture
def as_sari(sari):
    return logged_in(sari)


@pytest.fixture(autouse=True, scope="session")
def _verify_cached_region_sections() -> Iterator[None]:
    """Every region-page card served from the cache is rendered again and compared: a write that
    changes a card without changing the region's change stamp fails the test that made it."""
    from django.test.utils import override_settings

    with override_settings(REGION_SECTIONS_VERIFY_CACHE=True, INBOX_VERIFY_COMPILED=True):
        yield


@pytest.fixture(autouse=True)
def _empty_region_sections_cache() -> None:
    """Each test starts with no cached card: SQLite reuses the ids a rolled-back test had used, so a
    card kept by an earlier test could carry the same stamp as this one's."""
    from django.core.cache import caches

    from kotacerdas.web.region_cache import CACHE_ALIAS

    caches[CACHE_ALIAS].clear()

"""The session, the person and their roles, read on every request with SQL compiled once per process,
answer exactly as Django's own session store and ModelBackend do (kotacerdas.accounts.sessions,
kotacerdas.accounts.backends, access.roles_in_request)."""

from datetime import timedelta

import pytest
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.db import connection
from django.db.models.sql.compiler import SQLCompiler
from django.http import Http404
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from conftest import PASSWORD
from kotacerdas.accounts.access import get_region_for_user, roles_in_request
from kotacerdas.accounts.backends import AccountBackend
from kotacerdas.accounts.models import User
from kotacerdas.accounts.sessions import SessionStore
from kotacerdas.web.memo import RequestMemoMiddleware

pytestmark = pytest.mark.django_db


def _saved_session(**data) -> str:
    store = SessionStore()
    store.update(data)
    store.save()
    assert store.session_key
    return store.session_key


def test_a_session_loads_as_in_djangos_store() -> None:
    key = _saved_session(cart=[1, 2], name="Budi")
    assert SessionStore(key).load() == db.SessionStore(key).load() == {"cart": [1, 2], "name": "Budi"}


def test_an_expired_or_unknown_session_loads_empty_and_drops_its_key() -> None:
    key = _saved_session(name="Budi")
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - timedelta(seconds=1))
    expired = SessionStore(key)
    assert expired.load() == {} and expired.session_key is None
    unknown = SessionStore("z" * 32)
    assert unknown.load() == {} and unknown.session_key is None


def test_the_person_is_read_as_djangos_backend_reads_them(budi) -> None:
    ours, django = AccountBackend().get_user(str(budi.pk)), ModelBackend().get_user(str(budi.pk))
    assert ours is not None and django is not None
    fields = [field.attname for field in User._meta.concrete_fields]
    assert [getattr(ours, name) for name in fields] == [getattr(django, name) for name in fields]
    assert ours.get_session_auth_hash() == django.get_session_auth_hash()


def test_in_a_request_the_person_is_read_with_their_roles_as_each_is_read_alone(
    ayu, budi, sari, region_a
) -> None:
    stranger = User.objects.create_user("orang", password="x-very-long-pass-1")  # no membership at all
    fields = [field.attname for field in User._meta.concrete_fields]
    for person in (ayu, budi, sari, stranger):

        def request(_request, person=person):
            with CaptureQueriesContext(connection) as captured:
                user = AccountBackend().get_user(str(person.pk))
                roles = roles_in_request(user)
            return user, roles, len(captured)

        user, roles, queries = RequestMemoMiddleware(request)(None)
        alone = ModelBackend().get_user(str(person.pk))
        assert [getattr(user, name) for name in fields] == [getattr(alone, name) for name in fields]
        assert roles == RequestMemoMiddleware(lambda _request, person=person: roles_in_request(person))(None)
        assert queries == (2 if person is stranger else 1), person  # the person and their roles at once
    User.objects.filter(pk=budi.pk).update(is_active=False)
    assert RequestMemoMiddleware(lambda _request: AccountBackend().get_user(str(budi.pk)))(None) is None


def test_an_inactive_missing_or_malformed_person_is_nobody(budi) -> None:
    User.objects.filter(pk=budi.pk).update(is_active=False)
    assert AccountBackend().get_user(str(budi.pk)) is None
    assert AccountBackend().get_user("987654") is None
    assert AccountBackend().get_user("2x") is None


def test_a_signed_in_request_builds_no_sql_for_its_session_person_roles_or_region(
    budi, region_a, monkeypatch
) -> None:
    key = _saved_session(name="Budi")
    SessionStore(key).load(), AccountBackend().get_user(str(budi.pk))  # compiled once per process
    RequestMemoMiddleware(
        lambda request: (AccountBackend().get_user(str(budi.pk)), get_region_for_user(budi, region_a.code))
    )(None)
    region_id = budi.memberships.get().region_id
    built = []
    original = SQLCompiler.as_sql

    def counted(self, *args, **kwargs):
        built.append(self.query.model)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(SQLCompiler, "as_sql", counted)

    def request(_request):
        assert SessionStore(key).load() == {"name": "Budi"}
        assert AccountBackend().get_user(str(budi.pk)) == budi
        assert get_region_for_user(budi, region_a.code) == region_a
        return roles_in_request(budi)

    roles = RequestMemoMiddleware(request)(None)
    assert roles is not None and roles.regions == {"coordinator": {region_id}}
    assert built == []


def _opened(user, code: str):
    try:
        return get_region_for_user(user, code)
    except Http404:
        return None


def _opened_in_a_request(user, codes: list[str]):
    return RequestMemoMiddleware(lambda _request: [_opened(user, code) for code in codes])(None)


def test_a_region_opens_in_a_request_exactly_as_outside_one(ayu, budi, sari, dewi, region_a, region_b):
    root = User.objects.create_superuser("root", password="x-very-long-pass-1")
    stranger = User.objects.create_user("orang", password="x-very-long-pass-1")
    codes = [region_a.code, region_b.code, region_a.province.code, "99.99"]
    for person in (ayu, budi, sari, dewi, root, stranger):
        outside = [_opened(person, code) for code in codes]  # visible_regions, as before
        inside = _opened_in_a_request(person, codes)
        assert inside == outside, person
        assert [getattr(r, "name", None) for r in inside] == [getattr(r, "name", None) for r in outside]
    assert [bool(r) for r in _opened_in_a_request(budi, codes)] == [True, False, False, False]
    assert [bool(r) for r in _opened_in_a_request(ayu, codes)] == [True, True, False, False]
    assert [bool(r) for r in _opened_in_a_request(stranger, codes)] == [False] * 4


def test_a_member_without_a_second_factor_has_their_roles_read_once_a_request(budi, region_a) -> None:
    client = Client()
    response = client.post(reverse("login"), {"username": "budi", "password": PASSWORD})
    assert response.status_code == 302
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("regions:workspace", args=[region_a.code])).status_code == 200
    roles = [
        q["sql"] for q in captured if '"accounts_membership"' in q["sql"] and "_count_of_all" not in q["sql"]
    ]
    assert len(roles) == 1 and '"accounts_user"' in roles[0], roles  # read once, with the person

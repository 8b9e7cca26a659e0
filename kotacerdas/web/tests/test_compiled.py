"""SQL compiled once per process (kotacerdas.web.compiled): the same rows as the ORM's, for any value."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.models import Session
from django.db import connection
from django.utils import timezone

from kotacerdas.web.compiled import compiled

pytestmark = pytest.mark.django_db


def _models_of(app_label):
    return ContentType.objects.filter(app_label=app_label).order_by("model").values_list("model", "pk")


def test_a_compiled_query_answers_as_the_orm_does_for_each_value() -> None:
    query = compiled("test models of", connection.alias, _models_of, "\x00app")
    for app_label in ("accounts", "regions", "monitoring"):
        assert query.rows(app_label) == list(_models_of(app_label))
        assert query.rows(app_label)  # each app has models: the test compares something
    assert query.rows("no such app") == []


def test_the_sql_is_built_once_per_shape_and_database() -> None:
    built = []

    def build(app_label):
        built.append(app_label)
        return _models_of(app_label)

    first = compiled("test built once", connection.alias, build, "\x00app")
    again = compiled("test built once", connection.alias, build, "\x00app")
    assert again is first and built == ["\x00app"]


def test_a_date_and_time_is_passed_as_the_orm_passes_it() -> None:
    expires = timezone.now() + timedelta(hours=1)
    Session.objects.create(session_key="k" * 32, session_data="{}", expire_date=expires)

    def alive_at(moment):
        return Session.objects.filter(expire_date__gt=moment).values_list("session_key")

    query = compiled("test alive at", connection.alias, alive_at, datetime(1901, 1, 1, tzinfo=UTC))
    before, after = expires - timedelta(seconds=1), expires + timedelta(seconds=1)
    assert query.rows(before) == list(alive_at(before)) == [("k" * 32,)]
    assert query.rows(after) == list(alive_at(after)) == []


def test_a_stand_in_that_is_not_found_is_refused() -> None:
    with pytest.raises(ValueError, match="does not appear"):
        compiled("test missing", connection.alias, lambda _label: _models_of("accounts"), "\x00app")


def test_a_stand_in_found_twice_takes_the_value_in_both_places() -> None:
    def named(label):
        return ContentType.objects.filter(app_label=label, model=label).values_list("app_label")

    ContentType.objects.create(app_label="twin", model="twin")
    ContentType.objects.create(app_label="twin", model="other")
    query = compiled("test twice", connection.alias, named, "\x00app")
    assert query.rows("twin") == list(named("twin")) == [("twin",)]
    assert query.rows("other") == list(named("other")) == []


def _permissions(codename):
    return Permission.objects.select_related("content_type").filter(codename=codename)


def test_instances_are_the_orms_with_their_related_rows_and_converted_fields() -> None:
    query = compiled("test permission", connection.alias, _permissions, "\x00codename")
    for codename in ("add_session", "view_contenttype", "change_permission"):
        ours, orms = query.objects(codename), list(_permissions(codename))
        assert len(ours) == 1 and ours == orms
        assert ours[0].name == orms[0].name
        assert ours[0].content_type.model == orms[0].content_type.model  # attached, not read again
        assert "content_type" in ours[0]._state.fields_cache
    assert query.objects("no such permission") == [] and query.first("no such permission") is None
    expires = timezone.now() + timedelta(hours=1)
    Session.objects.create(session_key="s" * 32, session_data="{}", expire_date=expires)
    sessions = compiled("test session", connection.alias, lambda key: Session.objects.filter(pk=key), "\x00k")
    assert sessions.first("s" * 32).expire_date == Session.objects.get(pk="s" * 32).expire_date == expires


def test_rows_of_values_have_no_instances() -> None:
    with pytest.raises(TypeError, match="model instances"):
        compiled("test values", connection.alias, _models_of, "\x00app").objects("accounts")

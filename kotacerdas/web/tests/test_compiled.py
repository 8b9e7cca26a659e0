"""SQL compiled once per process (kotacerdas.web.compiled): the same rows as the ORM's, for any value."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from kotacerdas.accounts.models import Membership
from kotacerdas.web.compiled import compiled

pytestmark = pytest.mark.django_db


def _roles_of(user_id):
    return Membership.objects.filter(user_id=user_id).order_by("role").values_list("role", "region_id")


def test_a_compiled_query_answers_as_the_orm_does_for_each_value(budi, sari, ayu) -> None:
    query = compiled("test roles", connection.alias, _roles_of, -99)
    for person in (budi, sari, ayu):
        assert query.rows(person.pk) == list(_roles_of(person.pk))
        assert query.rows(person.pk)  # each has a role: the test compares something
    assert query.rows(-1) == []


def test_the_sql_is_built_once_per_shape_and_database(budi) -> None:
    built = []

    def build(user_id):
        built.append(user_id)
        return _roles_of(user_id)

    first = compiled("test built once", connection.alias, build, -98)
    again = compiled("test built once", connection.alias, build, -98)
    assert again is first and built == [-98]


def test_a_date_and_time_is_passed_as_the_orm_passes_it(budi) -> None:
    def joined_after(moment):
        return Membership.objects.filter(user=budi, user__date_joined__gt=moment).values_list("role")

    query = compiled("test joined after", connection.alias, joined_after, datetime(1901, 1, 1, tzinfo=UTC))
    joined = budi.date_joined
    assert query.rows(joined - timedelta(seconds=1)) == list(joined_after(joined - timedelta(seconds=1)))
    assert query.rows(joined - timedelta(seconds=1))
    assert query.rows(joined + timedelta(seconds=1)) == []


def test_a_stand_in_that_is_not_found_exactly_once_is_refused(budi) -> None:
    with pytest.raises(ValueError, match="appears 0 times"):
        compiled("test missing", connection.alias, lambda _pk: _roles_of(budi.pk), -97)
    with pytest.raises(ValueError, match="appears 2 times"):
        compiled(
            "test twice",
            connection.alias,
            lambda pk: Membership.objects.filter(user_id=pk, region_id=pk).values_list("role"),
            -96,
        )

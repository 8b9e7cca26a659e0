"""The region page reads the person's roles once, however many sections it renders (it asked "is this
person a national admin?" ten times: by the navigation for every section, and by every access check;
then once, plus the coordinator check, the inbox's roles and the programme card's visibility)."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _role_lookups(queries: list[dict[str, str]]) -> int:
    """Queries that read the person's own memberships (user_id = ...), whatever they ask of them."""
    sql = [query["sql"] for query in queries]
    own = re.compile(r'FROM "accounts_membership" .*"user_id" = \d')
    return sum(1 for text in sql if own.search(text))


def test_the_region_page_looks_up_the_national_admin_role_once(as_budi, region_a) -> None:
    with CaptureQueriesContext(connection) as page:
        response = as_budi.get(reverse("regions:workspace", args=[region_a.code]))
    assert response.status_code == 200
    assert _role_lookups(page.captured_queries) == 1


def test_a_role_given_after_a_lookup_counts_at_once(ayu, budi) -> None:
    from kotacerdas.accounts import actions
    from kotacerdas.accounts.access import is_national_admin

    assert not is_national_admin(budi)
    actions.do_add_membership(ayu, budi, role="national_admin")
    assert is_national_admin(budi)

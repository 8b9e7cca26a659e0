"""The region page asks "is this person a national admin?" once, however many sections it renders
(it was asked ten times: by the navigation for every section, and by every access check)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _role_lookups(queries: list[dict[str, str]]) -> int:
    sql = [query["sql"] for query in queries]
    return sum(1 for text in sql if "accounts_membership" in text and "national_admin" in text)


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

"""``counted_page_of`` gives the same page as ``page_of`` (rows, number, page count), in one query."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from kotacerdas.regions.models import Region
from kotacerdas.web.params import counted_page_of, page_of

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("asked", ["", "0", "1", "2", "11", "abc", "²", "999999"])
def test_it_shows_the_page_page_of_shows(asked: str) -> None:
    request = RequestFactory().get("/", {"page": asked})
    regions = Region.objects.order_by("code")
    expected, got = page_of(request, regions), counted_page_of(request, regions)
    assert [r.pk for r in got] == [r.pk for r in expected]
    assert (got.number, got.paginator.count, got.paginator.num_pages) == (
        expected.number,
        expected.paginator.count,
        expected.paginator.num_pages,
    )


def test_a_page_in_range_costs_one_query() -> None:
    request = RequestFactory().get("/", {"page": "2"})
    with CaptureQueriesContext(connection) as captured:
        page = counted_page_of(request, Region.objects.order_by("code"))
        assert page.has_next() and len(page) == 50
    assert len(captured) == 1

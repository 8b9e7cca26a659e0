"""The initiatives list costs the same number of queries at 3 and at 12 initiatives (issue 17)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import forget_inbox_badge
from kotacerdas.planning.conftest import add_initiative

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    forget_inbox_badge(client)  # a first view of the minute: the navigation counts the inbox
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def add_initiatives(budi, region, owner, start: int, count: int) -> None:
    previous = None
    for n in range(start, start + count):
        budget = {(2026, "APBD"): Decimal(50_000_000), (2027, "CSR"): Decimal(25_000_000)}
        previous = add_initiative(
            budi,
            region,
            f"IN-{n:02}",
            owner,
            duration=2,
            budget=budget,
            predecessors=[previous] if previous and n % 2 else [],
        )


def test_the_initiatives_list_does_not_query_per_initiative(as_budi, budi, region_a, masterplan_a, dinkes_a):
    url = reverse("planning:initiatives", args=[region_a.code])
    add_initiatives(budi, region_a, dinkes_a, 1, 3)
    small = queries_of(as_budi, url)
    add_initiatives(budi, region_a, dinkes_a, 4, 9)
    large = as_budi.get(url)
    assert "IN-12" in large.content.decode()
    assert queries_of(as_budi, url) == small


def cell(code: str) -> str:
    return f'<td class="code">{code}</td>'


def test_the_initiatives_list_pages_beyond_fifty(as_budi, budi, region_a, masterplan_a, dinkes_a):
    add_initiatives(budi, region_a, dinkes_a, 1, 52)
    url = reverse("planning:initiatives", args=[region_a.code])
    first = as_budi.get(url).content.decode()
    assert cell("IN-50") in first and cell("IN-51") not in first
    second = as_budi.get(url, {"page": "2"}).content.decode()
    assert cell("IN-51") in second and cell("IN-52") in second and cell("IN-01") not in second
    assert as_budi.get(url, {"page": "²"}).status_code == 200


def test_the_kpis_of_an_initiative_cost_the_same_queries_at_two_lengths(
    as_budi, budi, region_a, masterplan_a, dinkes_a
) -> None:
    from kotacerdas.planning.initiatives.actions import do_save_kpi

    item = add_initiative(budi, region_a, "IN-01", dinkes_a)
    url = item.get_absolute_url()

    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            do_save_kpi(
                budi, item, name=f"KPI {n}", unit="%", baseline=Decimal(10), targets={2026: Decimal(20)}
            )

    add(1, 3)
    as_budi.get(url)  # the first request of a session costs one query more (never the list's)
    small = queries_of(as_budi, url)
    add(4, 9)
    assert queries_of(as_budi, url) == small
    assert "KPI 12" in as_budi.get(url).content.decode()

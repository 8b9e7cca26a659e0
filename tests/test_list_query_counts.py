"""Every list page costs the same number of queries at two lengths, and pages by 50 (issue 17).

Each test renders a list, adds rows through the real actions, and renders it again: the count of
queries must not move (an N+1 would add one or more per row).
"""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import forget_inbox_badge, make_person
from kotacerdas.accounts.models import Role

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:
    """The queries of a first view of the minute (the navigation counts the inbox)."""
    forget_inbox_badge(client)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, response.status_code
    return len(captured)


def add_problems(budi, region, opd, start: int, count: int) -> None:
    from kotacerdas.planning.analysis.actions import do_save_problem

    for n in range(start, start + count):
        do_save_problem(
            budi,
            region,
            code=f"M-{n:02}",
            title=f"Masalah {n}",
            dimension="governance",
            element="governance.service",
            opds=[opd],
        )


def test_the_problems_list(as_budi, budi, region_a, dinkes_a) -> None:
    from kotacerdas.planning.analysis.actions import do_save_profile

    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    url = reverse("planning:problems", args=[region_a.code])
    add_problems(budi, region_a, dinkes_a, 1, 3)
    small = queries_of(as_budi, url)
    add_problems(budi, region_a, dinkes_a, 4, 9)
    assert queries_of(as_budi, url) == small
    assert "M-12" in as_budi.get(url).content.decode()


def test_the_assessments_list(as_budi, budi, region_a) -> None:
    from kotacerdas.assessment.actions.answering import do_start_assessment

    def start(count: int) -> None:
        for n in range(count):
            do_start_assessment(budi, region_a, instrument_id="readiness-2019", title=f"Asesmen {n}")

    url = reverse("assessment:list", args=[region_a.code])
    start(3)
    small = queries_of(as_budi, url)
    start(9)
    assert queries_of(as_budi, url) == small


def test_the_people_list(as_ayu, ayu, region_a, dinkes_a) -> None:
    def add(start: int, count: int) -> None:
        for n in range(start, start + count):
            make_person(ayu, f"staf{n}", Role.OPD_CONTRIBUTOR, region_a, dinkes_a)

    url = reverse("accounts:user_list")
    add(1, 3)
    small = queries_of(as_ayu, url)
    add(4, 9)
    assert queries_of(as_ayu, url) == small


def test_the_audit_log(as_ayu, ayu, region_a, dinkes_a) -> None:
    def add(start: int, count: int) -> None:  # each account and role is two audit entries
        for n in range(start, start + count):
            make_person(ayu, f"audit{n}", Role.OPD_CONTRIBUTOR, region_a, dinkes_a)

    url = reverse("audit:log")
    add(1, 3)
    small = queries_of(as_ayu, url)
    add(4, 9)
    assert queries_of(as_ayu, url) == small


def test_a_long_list_pages_by_fifty_and_reads_an_odd_page_as_the_first(as_ayu, ayu, region_a) -> None:
    for n in range(52):
        make_person(ayu, f"orang{n:02}", Role.MENTOR, region_a)
    url = reverse("accounts:user_list")
    first = as_ayu.get(url).content.decode()
    assert 'rel="next"' in first and "orang51" not in first
    assert "orang51" in as_ayu.get(url, {"page": "2"}).content.decode()
    assert as_ayu.get(url, {"page": "٣"}).content.decode().count("orang00") == 1

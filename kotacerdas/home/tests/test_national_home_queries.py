"""Ayu's national home: the same queries at 3 and at 60 regions with a team, 50 regions a page (issue 17)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import forget_inbox_badge, make_person
from kotacerdas.accounts.models import Role
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def queries_of(client, **params: str) -> tuple[int, str]:
    forget_inbox_badge(client)  # a first view of the minute: it keeps the inbox count in the session
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("home"), params)
    assert response.status_code == 200
    return len(captured), response.content.decode()


def test_the_national_home_pages_the_regions_with_a_team(as_ayu, ayu) -> None:
    regions = list(Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("name")[:60])
    for n, region in enumerate(regions[:3]):
        make_person(ayu, f"koordinator{n}", Role.COORDINATOR, region)
    small, _ = queries_of(as_ayu)
    for n, region in enumerate(regions[3:], start=3):
        make_person(ayu, f"koordinator{n}", Role.COORDINATOR, region)
    large, first = queries_of(as_ayu)
    assert large == small
    assert regions[49].name in first and f">{regions[50].name}<" not in first
    assert f">{regions[59].name}<" in queries_of(as_ayu, page="2")[1]

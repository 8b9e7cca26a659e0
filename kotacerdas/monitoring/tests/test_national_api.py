"""Ayu's national monitoring view through the API (GET /api/v1/monitoring/national): the page's rows and
the XLSX's, from the same function, filtered and paged like every API list, the national admin's only.
Before it, a provincial dashboard or Kominfo's systems had to scrape the page or the XLSX."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.tests.test_national_every_region import _open_period, _select, queries_at_two_sizes
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.programme.tests.conftest import _media  # noqa: F401
from kotacerdas.regions.models import Region
from tests.parts_agree import NO_PERIOD, national_rows

pytestmark = pytest.mark.django_db
API = "/api/v1/monitoring/national"


def token_client(user) -> Client:  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def test_only_ayu_reads_the_rows_everyone_else_gets_404_and_anonymous_401(
    ayu, budi, sari, dewi, tono, rina, region_a
) -> None:
    """The page's rule (``national_admin_required``): a coordinator, an OPD's staff, another region's
    coordinator, an assessor and a mentor are told nothing exists, as on /monitoring/nasional/."""
    _open_period(ayu, region_a)
    assert token_client(ayu).get(API).json()["count"] == 1
    for person in (budi, sari, dewi, tono, rina):
        assert token_client(person).get(API).status_code == 404, person.username
        session = Client()
        session.force_login(person)
        assert session.get(API).status_code == 404, person.username
        assert session.get(reverse("monitoring:national")).status_code == 404
    assert Client().get(API).status_code == 401


def _report(budi, region, dinkes) -> None:  # type: ignore[no-untyped-def]
    """Salatiga's adopted plan, 2027 open: poverty approved, and the portal (200 of the plan's 600
    million) at 36.75 % approved, so the region's progress is exactly 12.25 %, half-way between two
    figures of one decimal."""
    from kotacerdas.core import monitoring as core
    from kotacerdas.monitoring.actions.reports import (
        do_review_report,
        do_save_initiative_report,
        do_save_kpi_report,
    )
    from kotacerdas.monitoring.tests.journey import build_plan
    from kotacerdas.planning.roadmap.actions import do_confirm_schedule

    _telemed, portal, _visits, _coverage, poverty, _milestone = build_plan(budi, region, dinkes)
    do_confirm_schedule(budi, region)
    period = do_open_period(budi, region, year=2027, closes_on=date(2028, 1, 31))
    kpi = do_save_kpi_report(budi, period, poverty, value="11.25", submit=True)
    do_review_report(budi, kpi, decision=core.APPROVED)
    progress = do_save_initiative_report(
        budi, period, portal, implementation="running", progress="36.75", submit=True
    )
    do_review_report(budi, progress, decision=core.APPROVED)


def test_the_rows_are_the_pages_and_the_xlsxs_for_a_region_reporting_and_one_without_a_period(
    ayu, as_ayu, tono, budi, region_a, region_b, dinkes_a
) -> None:
    """Sleman was selected and has no period: null figures in the API where the page shows "—" and the
    XLSX nothing. Salatiga's 12.25 % reads 12.3 in all three (the XLSX rounded half to even: 12.2)."""
    _report(budi, region_a, dinkes_a)
    _select(ayu, tono, 2026, [region_a, region_b])
    api = token_client(ayu).get(API).json()
    page = as_ayu.get(reverse("monitoring:national")).content.decode()
    xlsx = as_ayu.get(reverse("monitoring:national_xlsx")).content
    on_page, in_xlsx, in_api = national_rows(page, xlsx, api["results"])
    assert in_api == on_page
    assert in_xlsx == on_page
    assert [row[:5] for row in in_api] == [
        ("34.04", region_b.name, "Daerah Istimewa Yogyakarta", region_b.size_class, NO_PERIOD),
        ("33.73", region_a.name, "Jawa Tengah", region_a.size_class, "2027"),
    ]
    sleman, salatiga = api["results"]
    assert (salatiga["progress"], salatiga["approved"]) == (12.3, 2)
    assert salatiga["period"]["state"] == "open" and salatiga["quick_win"]["year"] == 2027
    assert [sleman[k] for k in ("period", "expected", "completeness", "progress", "quick_win")] == [None] * 5


def test_the_filters_are_the_pages_and_a_bad_one_is_refused_by_name(ayu, tono, region_a, region_b) -> None:
    cohort = _select(ayu, tono, 2026, [region_a])
    _select(ayu, tono, 2027, [region_b])
    client = token_client(ayu)

    def codes(**query: object) -> list[str]:
        response = client.get(API, query)
        assert response.status_code == 200, response.content
        return [row["region"] for row in response.json()["results"]]

    assert codes() == ["34.04", "33.73"]  # by name: Kabupaten Sleman, Kota Salatiga
    assert codes(province="34") == ["34.04"]
    assert codes(cohort=cohort.pk) == ["33.73"]
    assert codes(size_class=region_a.size_class, province="33") == ["33.73"]
    refused = client.get(API, {"province": "99", "size_class": "raksasa", "cohort": "x"})
    assert refused.status_code == 400
    assert set(refused.json()) == {"province", "size_class", "cohort"}
    blank = client.get(API, {"province": ""})
    assert blank.status_code == 400 and blank.json()["province"] == [
        "Isi filter ini dengan nilai, atau hapus filter ini."
    ]


def test_pages_of_50_like_every_api_list_and_the_xlsx_keeps_every_row(ayu) -> None:
    regions = list(Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("name")[:52])
    for region in regions:
        do_save_profile(ayu, region, period_start=2026, period_end=2030)
        do_open_period(ayu, region, year=2026, closes_on=date(2027, 1, 31))
    client = token_client(ayu)
    first = client.get(API).json()
    assert (first["count"], len(first["results"]), first["previous"]) == (52, 50, None)
    assert first["next"].endswith("?page=2")
    assert [row["region"] for row in first["results"]] == [r.code for r in regions[:50]]
    second = client.get(API, {"page": 2}).json()
    assert [row["region"] for row in second["results"]] == [r.code for r in regions[50:]]
    assert client.get(API, {"page": 3}).status_code == 404
    assert set(client.get(API, {"page": "abc"}).json()) == {"page"}


def test_the_api_costs_the_same_queries_at_two_sizes(ayu, tono) -> None:
    client = token_client(ayu)

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            response = client.get(API)
        assert response.status_code == 200
        return len(captured)

    small, large = queries_at_two_sizes(ayu, tono, queries)
    assert large == small
    rows = client.get(API).json()["results"]
    assert len(rows) == 12 and sum(row["period"] is None for row in rows) == 8


def test_the_schema_names_the_row_and_documents_every_status() -> None:
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    operation = schema["paths"][API]["get"]
    assert set(operation["responses"]) == {"200", "400", "401", "404"}
    assert {p["name"] for p in operation["parameters"]} == {"cohort", "province", "size_class", "page"}
    page = operation["responses"]["200"]["content"]["application/json"]["schema"]["$ref"]
    assert page == "#/components/schemas/PaginatedNationalCompletenessRowList"
    row = schema["components"]["schemas"]["NationalCompletenessRow"]["properties"]
    assert row["progress"] == {
        "type": "number",
        "format": "double",
        "nullable": True,
        "description": row["progress"]["description"],
    }

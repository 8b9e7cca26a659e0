"""GET /api/v1/regions/{code}/masterplan/plan: the plan of record for the region's members."""

from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.plan import plan_of_record

pytestmark = pytest.mark.django_db

URL = "/api/v1/regions/{}/masterplan/plan"


def token_client(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.get_or_create(user=user)[0].key}")


def test_a_member_reads_the_adopted_plan_as_integers(budi, sari, region_a, plan_a) -> None:
    actions.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings={2026: Decimal(900_000_000)}, source_ceilings={}, opd_capacity=3
    )
    assert token_client(sari).get(URL.format(region_a.code)).status_code == 404  # nothing adopted yet
    actions.do_confirm_schedule(budi, region_a)
    response = token_client(sari).get(URL.format(region_a.code))
    assert response.status_code == 200
    body = response.json()
    plan = plan_of_record(region_a)
    assert plan is not None
    assert body == plan.as_document()
    assert body["run_id"] is None
    assert body["ceilings"] == {"2026": 900_000_000}
    by_code = {i["code"]: i for i in body["initiatives"]}
    assert by_code["SD-01"] == {
        "code": "SD-01",
        "start_year": 2026,
        "end_year": 2027,
        "cost": {"2026": 300_000_000, "2027": 200_000_000},
    }


def test_another_region_or_no_token_is_refused(budi, dewi, region_a, plan_a) -> None:
    actions.do_confirm_schedule(budi, region_a)
    assert token_client(dewi).get(URL.format(region_a.code)).status_code == 404
    assert Client().get(URL.format(region_a.code)).status_code == 401


def test_the_endpoint_is_in_the_openapi_schema(budi) -> None:
    schema = token_client(budi).get("/api/v1/schema", HTTP_ACCEPT="application/json").content.decode()
    assert "/api/v1/regions/{code}/masterplan/plan" in schema
    assert "PlanOfRecord" in schema

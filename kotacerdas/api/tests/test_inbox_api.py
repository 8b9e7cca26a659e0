"""GET /api/v1/inbox: the token owner's own items only, as the schema declares."""

from __future__ import annotations

import datetime
from decimal import Decimal

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kotacerdas.assessment.actions import answering

pytestmark = pytest.mark.django_db


def api(user) -> Client:
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


@pytest.fixture
def spbe(budi, sari, region_a, dinkes_a):
    assessment = answering.do_start_assessment(
        budi,
        region_a,
        instrument_id="spbe-2020",
        title="Indeks SPBE 2026",
        deadline=datetime.date(2020, 1, 31),
        target=Decimal(3),
    )
    answering.do_assign(budi, assessment, code="D1", opd=dinkes_a)
    return assessment


def test_sari_reads_her_own_inbox_by_token(spbe, sari, dewi) -> None:
    body = api(sari).get("/api/v1/inbox").json()
    assert body["count"] == 10 and len(body["items"]) == 10
    assert body["counts"]["overdue"] == 10
    first = body["items"][0]
    assert first["group"] == "overdue" and first["kind"] == "assigned" and first["overdue"] is True
    assert first["title"].startswith("Jawab “")
    assert first["region"] == "33.73" and first["region_name"] == "Kota Salatiga"
    assert first["due"] == "2020-01-31" and first["app"] == "assessment"
    assert first["url"].startswith(f"/r/33.73/asesmen/{spbe.pk}/jawaban/")
    assert api(dewi).get("/api/v1/inbox").json() == {
        "today": body["today"],
        "count": 0,
        "counts": {"overdue": 0, "due_soon": 0, "returned": 0, "review": 0, "assigned": 0},
        "items": [],
    }


def test_the_inbox_needs_a_token() -> None:
    assert Client().get("/api/v1/inbox").status_code == 401


def test_the_schema_declares_the_inbox() -> None:
    schema = Client().get("/api/v1/schema", HTTP_ACCEPT="application/json").json()
    operation = schema["paths"]["/api/v1/inbox"]["get"]
    assert set(operation["responses"]) == {"200", "401"}
    item = schema["components"]["schemas"]["InboxItem"]["properties"]
    assert {"group", "kind", "title", "url", "region", "due", "overdue"} <= set(item)

"""The portal's public API: the published regions and a region's snapshot, without login."""

from __future__ import annotations

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.portal.actions import do_publish_portal
from kotacerdas.portal.tests.builders import event


@pytest.mark.django_db
def test_anyone_reads_the_published_snapshot(budi, region_a, region_b) -> None:
    event(budi, region_a)
    snap = do_publish_portal(budi, region_a, parts=["events"])
    client = Client()
    listed = client.get(reverse("api:portal:portals", kwargs={"version": "v1"}))
    assert listed.status_code == 200
    assert [(r["code"], r["content_hash"]) for r in listed.json()] == [(region_a.code, snap.content_hash)]
    detail = client.get(reverse("api:portal:portal", kwargs={"version": "v1", "code": region_a.code})).json()
    assert detail["content"]["events"][0]["audience"]["government"] == 30
    assert detail["parts"] == ["events"] and detail["content_hash"] == snap.content_hash
    unpublished = client.get(reverse("api:portal:portal", kwargs={"version": "v1", "code": region_b.code}))
    assert unpublished.status_code == 404


@pytest.mark.django_db
def test_the_openapi_schema_documents_the_portal_endpoints(db) -> None:
    schema = Client().get(reverse("api:schema", kwargs={"version": "v1"}), {"format": "json"}).json()
    assert "/api/v1/portal/regions" in schema["paths"]
    assert "/api/v1/portal/regions/{code}" in schema["paths"]

"""GET /api/v1/evaluations and /api/v1/evaluations/{year}/results: published results for anyone
signed in, with ranks and bands; an open cycle is 404 for everyone but Ayu."""

from datetime import UTC, datetime

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.models import Cycle, Publication
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle

pytestmark = pytest.mark.django_db


def token_client(user) -> Client:  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


def test_budi_reads_a_published_cycle_with_its_three_ranks_and_bands(ayu, budi) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle)
    client = token_client(budi)
    cycles = client.get("/api/v1/evaluations").json()
    assert [(c["year"], c["state"], c["input_hash"]) for c in cycles] == [
        (2027, "published", publication.input_hash)
    ]
    body = client.get("/api/v1/evaluations/2027/results").json()
    assert body["published"] is True and body["cycle"]["size_scheme"] == "pp26-2008"
    results = {r["region_code"]: r for r in body["results"]}
    jambi = results["15.71"]
    assert (jambi["total"], jambi["province_code"], jambi["rank_national"]) == ("3.475", "15", 1)
    assert jambi["rank_in_class_band"] == {
        k: float(publication.bands["15.71"][k]) for k in ("q05", "median", "q95")
    } | {"robust": True}
    assert results["35.71"]["improvement"] == "0.255"
    assert results["34.71"]["verified"] is False and results["34.71"]["rank_national"] is None
    assert results["34.71"]["rank_in_class_band"] is None


def test_published_at_is_written_to_the_second_in_the_sites_time_zone(ayu, budi) -> None:
    """As the portal's and every other API time: it came with microseconds (…T09:30:00.123456+07:00)."""
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle)
    moment = datetime(2027, 1, 5, 2, 30, 0, 123456, tzinfo=UTC)  # a publication is immutable: set it below
    Publication.objects.filter(pk=publication.pk).update(published_at=moment)
    client = token_client(budi)
    [listed] = client.get("/api/v1/evaluations").json()
    assert listed["published_at"] == "2027-01-05T09:30:00+07:00"
    assert (
        client.get("/api/v1/evaluations/2027/results").json()["cycle"]["published_at"]
        == listed["published_at"]
    )


def test_an_open_cycle_is_404_for_budi_and_visible_to_ayu_without_results(ayu, budi) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    budi_client = token_client(budi)
    assert budi_client.get("/api/v1/evaluations").json() == []
    assert budi_client.get("/api/v1/evaluations/2027/results").status_code == 404
    ayu_client = token_client(ayu)
    assert [c["state"] for c in ayu_client.get("/api/v1/evaluations").json()] == [Cycle.State.OPEN]
    body = ayu_client.get("/api/v1/evaluations/2027/results").json()
    assert (body["published"], body["results"]) == (False, [])
    assert ayu_client.get("/api/v1/evaluations/2030/results").status_code == 404


def test_without_a_token_the_api_refuses() -> None:
    assert Client().get("/api/v1/evaluations").status_code in (401, 403)
    assert Client().get("/api/v1/evaluations/2027/results").status_code in (401, 403)

"""The API refuses what its schema refuses, and the schema lists every status the API answers."""

import pytest
from django.test import Client
from drf_spectacular.drainage import GENERATOR_STATS
from drf_spectacular.generators import SchemaGenerator

pytestmark = pytest.mark.django_db

API = "/api/v1/regions"


@pytest.mark.parametrize(
    "query",
    [
        {"kind": ""},
        {"page": ""},
        {"page": "0"},
        {"page": "-1"},
        {"page": "²"},
        {"page": "abc"},
        {"size_class": "raksasa"},
        {"size_class": ""},
        {"province": "٣٣"},
        {"province": ""},
    ],
)
def test_an_empty_or_invalid_filter_is_a_400_naming_it(query) -> None:
    response = Client().get(API, query)
    assert response.status_code == 400
    (name,) = query
    body = response.json()
    assert list(body) == [name]
    assert all(isinstance(message, str) and message for message in body[name])


def test_the_messages_are_indonesian() -> None:
    body = Client().get(API, {"kind": "", "page": "0", "province": "jawa"}).json()
    assert body["kind"] == ["Isi filter ini dengan nilai, atau hapus filter ini."]
    assert body["province"] == ["Gunakan kode provinsi 2 digit, misalnya 33."]
    body = Client().get(API, {"page": "0"}).json()
    assert body["page"] == ["Nomor halaman harus bilangan bulat mulai dari 1."]


def test_a_page_past_the_last_is_a_404_and_a_valid_filter_still_filters() -> None:
    assert Client().get(API, {"page": "999"}).status_code == 404
    assert Client().get(API, {"page": "2", "kind": "kota", "size_class": "sedang"}).status_code in (200, 404)
    assert Client().get(API, {"page": "1", "province": "33", "kind": "kota"}).json()["count"] == 6


def test_the_dashboard_refuses_empty_and_invalid_filters(ayu) -> None:
    from rest_framework.authtoken.models import Token

    token = Token.objects.create(user=ayu)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = "/api/v1/programme/dashboard"
    assert client.get(url).status_code == 200
    for query in ({"cohort": ""}, {"cohort": "²"}, {"province": "99"}, {"size_class": "raksasa"}):
        response = client.get(url, query)
        assert response.status_code == 400, query
        assert list(response.json()) == list(query)
        assert all(isinstance(message, str) for message in response.json()[next(iter(query))])


def schema() -> dict:
    return Client().get("/api/v1/schema", HTTP_ACCEPT="application/json").json()


def test_every_operation_documents_its_error_statuses() -> None:
    paths = schema()["paths"]
    statuses = {
        (method, path): set(operation["responses"])
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
    assert statuses["get", "/api/v1/regions"] == {"200", "400", "404"}
    assert statuses["get", "/api/v1/regions/{code}"] == {"200", "404"}
    assert statuses["get", "/api/v1/me"] == {"200", "401"}
    assert statuses["get", "/api/v1/regions/{code}/opds"] == {"200", "400", "401", "404"}
    assert statuses["get", "/api/v1/programme/dashboard"] == {"200", "400", "401", "404"}
    review = "/api/v1/regions/{code}/programme/{cohort_id}/deliverables/{deliverable_id}/review"
    assert statuses["post", review] == {"200", "400", "401", "403", "404"}
    assert statuses["get", "/api/v1/evaluations/{year}/status"] == {"200", "401", "404"}
    assert statuses["get", "/api/v1/regions/{code}/evaluations/{year}/letter"] == {"200", "401", "404"}
    error = paths["/api/v1/me"]["get"]["responses"]["401"]["content"]["application/json"]["schema"]
    assert error == {"$ref": "#/components/schemas/Error"}


def test_the_filters_carry_their_constraints() -> None:
    parameters = {p["name"]: p["schema"] for p in schema()["paths"][API]["get"]["parameters"]}
    assert parameters["kind"]["enum"] == ["kabupaten", "kota", "provinsi"]
    assert sorted(parameters["size_class"]["enum"]) == ["besar", "kecil", "metropolitan", "sedang"]
    assert parameters["province"]["pattern"] == "^[0-9]{2}$"
    assert parameters["page"]["type"] == "integer"
    assert parameters["page"]["minimum"] == 1


def test_the_schema_generates_without_a_warning() -> None:
    """drf-spectacular warned seven times: two serializers named ``ResultSerializer`` (assessment and
    evaluation) and two ``ReviewInput`` (programme and monitoring) made one component each, so one
    endpoint was documented with the other's body; "state" and "status" choice sets got hashed names
    (``StatusEdeEnum``). Each component now has its own name and each choice set a chosen one."""
    GENERATOR_STATS.reset()
    generated = SchemaGenerator(api_version="v1").get_schema(request=None, public=True)
    assert (dict(GENERATOR_STATS._warn_cache), dict(GENERATOR_STATS._error_cache)) == ({}, {})
    paths, components = generated["paths"], generated["components"]["schemas"]

    def item(path: str) -> dict:
        body = paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"]
        ref = components[body["$ref"].split("/")[-1]]["properties"]["results"]["items"]["$ref"]
        return components[ref.split("/")[-1]]

    assert "recipe" in item("/api/v1/regions/{code}/assessments/{assessment_id}/results")["properties"]
    assert "rank_national" in item("/api/v1/evaluations/{year}/results")["properties"]
    assert {"JobStatusEnum", "PeriodStateEnum", "ReportStatusEnum", "DeliverableStatusEnum"} <= set(
        components
    )

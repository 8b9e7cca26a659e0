"""GET /api/v1/regions: public, filtered, paginated, and documented by OpenAPI."""

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db

API = "/api/v1/regions"


def count(client: Client, **filters: str) -> int:
    response = client.get(API, filters)
    assert response.status_code == 200
    return response.json()["count"]


def test_it_returns_the_same_counts_as_the_dataset() -> None:
    client = Client()
    assert count(client) == 552
    assert count(client, kind="provinsi") == 38
    assert count(client, kind="kabupaten") == 416
    assert count(client, kind="kota") == 98


def test_it_filters_by_province_and_size_class() -> None:
    client = Client()
    central_java = client.get(API, {"province": "33", "kind": "kota"}).json()
    names = [r["name"] for r in central_java["results"]]
    assert "Kota Salatiga" in names
    assert central_java["count"] == 6  # Magelang, Surakarta, Salatiga, Semarang, Pekalongan, Tegal
    metro = client.get(API, {"size_class": "metropolitan", "province": "31"}).json()
    assert {r["code"] for r in metro["results"]} == {"31.71", "31.72", "31.73", "31.74", "31.75"}


def test_it_pages_through_every_region_once() -> None:
    client = Client()
    seen: list[str] = []
    url: str | None = API + "?kind=kabupaten"
    while url:
        page = client.get(url).json()
        seen += [r["code"] for r in page["results"]]
        url = page["next"]
    assert len(seen) == len(set(seen)) == 416


def test_one_region_has_its_facts() -> None:
    salatiga = Client().get(API + "/33.73").json()
    assert salatiga["name"] == "Kota Salatiga"
    assert salatiga["province"] == "33"
    assert salatiga["province_name"] == "Jawa Tengah"
    assert salatiga["population_year"] == 2024
    assert salatiga["size_class"] == "sedang"
    assert Client().get(API + "/99.99").status_code == 404


@pytest.mark.parametrize("query", [{"kind": "desa"}, {"province": "jawa"}, {"page": "abc"}, {"page": "999"}])
def test_bad_filters_are_explained_not_crashed(query) -> None:
    response = Client().get(API, query)
    assert response.status_code in (400, 404)
    assert response.json()


def test_the_openapi_schema_and_docs_are_served_locally() -> None:
    client = Client()
    schema = client.get("/api/v1/schema", HTTP_ACCEPT="application/json").json()
    assert "/api/v1/regions" in schema["paths"]
    params = {p["name"] for p in schema["paths"]["/api/v1/regions"]["get"]["parameters"]}
    assert {"province", "kind", "size_class", "page"} <= params
    docs = client.get("/api/v1/docs").content.decode()
    assert "swagger-ui" in docs
    assert "cdn" not in docs.lower()


def test_me_needs_a_token_and_shows_roles(budi) -> None:
    assert Client().get("/api/v1/me").status_code == 401
    token = Token.objects.create(user=budi)
    me = Client().get("/api/v1/me", HTTP_AUTHORIZATION=f"Token {token.key}").json()
    assert me["username"] == "budi"
    assert me["memberships"] == [{"role": "coordinator", "region": "33.73", "opd": None}]


def test_a_region_member_lists_its_opds_by_token(budi, dinkes_a) -> None:
    token = Token.objects.create(user=budi)
    response = Client().get(API + "/33.73/opds", HTTP_AUTHORIZATION=f"Token {token.key}")
    assert [o["name"] for o in response.json()["results"]] == ["Dinas Kesehatan"]


def test_the_api_docs_are_a_developer_link_with_a_way_back(as_budi) -> None:
    home = as_budi.get("/").content.decode()
    nav = home[home.index('class="mainnav"') : home.index("</nav>")]
    assert "/api/v1/docs" not in nav  # not in everyone's navigation
    footer = home[home.index('<footer class="footer">') :]
    assert 'href="/api/v1/docs"' in footer and "Untuk pengembang" in footer
    docs = as_budi.get("/api/v1/docs").content.decode()
    assert '<a href="/" class="api-back">' in docs
    assert "Kembali ke kotacerdas" in docs

"""Index runs are the national admin's: anyone else gets 404 on every page and API call."""

import pytest
from django.test import Client
from django.urls import reverse
from rest_framework.authtoken.models import Token

from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.index_actions import do_create_index_run
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.tests.index_helpers import choices, example_uploads, recipe_post
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle

pytestmark = pytest.mark.django_db
QUICK = {"weight_noise": 0, "alt_normalise": "", "alt_aggregate": "", "sensitivity": False}


def token_client(user) -> Client:  # type: ignore[no-untyped-def]
    return Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=user).key}")


@pytest.fixture
def run(ayu, django_capture_on_commit_callbacks) -> IndexRun:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        made = do_create_index_run(ayu, title="ASEM", choices=choices(replications=20), **example_uploads())
    made.refresh_from_db()
    return made


@pytest.mark.parametrize("person", ["budi", "tono", "sari", "rina"])
def test_others_get_404_for_every_index_page_and_api(request, run, person) -> None:
    user = request.getfixturevalue(person)
    client = Client()
    client.force_login(user)
    pages = ["index_runs", "index_run_new"]
    for name in pages:
        assert client.get(reverse(f"evaluation:{name}")).status_code == 404
    for name in ("index_run", "index_run_xlsx"):
        assert client.get(reverse(f"evaluation:{name}", args=[run.pk])).status_code == 404
    assert client.post(reverse("evaluation:index_run_regenerate", args=[run.pk])).status_code == 404
    api = token_client(user)
    assert api.get("/api/v1/index-runs").status_code == 404
    assert api.get(f"/api/v1/index-runs/{run.pk}").status_code == 404
    assert IndexRun.objects.count() == 1


def test_anonymous_visitors_are_sent_to_login(run) -> None:
    assert Client().get(reverse("evaluation:index_run", args=[run.pk])).status_code == 302
    assert Client().get("/api/v1/index-runs").status_code in (401, 403)


def test_ayu_reads_the_runs_and_their_results_through_the_api(ayu, run) -> None:
    client = token_client(ayu)
    listed = client.get("/api/v1/index-runs").json()
    assert [(r["id"], r["status"], r["result_hash"]) for r in listed] == [(run.pk, "done", run.result_hash)]
    body = client.get(f"/api/v1/index-runs/{run.pk}").json()
    assert body["run"]["input_hash"] == run.input_hash and body["target"] == "Index"
    assert body["analysis"] == {"replications": 20, "seed": 7, "sensitivity": True}
    assert body["runs"] == 20 * (3 + 2)  # Saltelli: N × (d + 2)
    first = body["results"][0]
    assert first["rank"] == 1.0 and first["q05"] <= first["median"] <= first["q95"]
    assert [s["input"] for s in body["sensitivity"]] == ["weights", "normalise", "aggregate"]
    assert list(body["recipe"]) == ["impute", "normalise", "aggregate", "uncertainty"]
    assert client.get("/api/v1/index-runs/999999").status_code == 404


def test_the_openapi_schema_documents_the_index_endpoints(as_ayu) -> None:
    schema = as_ayu.get("/api/v1/schema?format=json").json()
    assert "/api/v1/index-runs" in schema["paths"]
    assert "/api/v1/index-runs/{index_run_id}" in schema["paths"]


def test_a_run_from_a_published_cycle_reproduces_its_totals_and_ranks(
    as_ayu, ayu, django_capture_on_commit_callbacks
) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle)
    post = recipe_post(source="cycle", cycle=str(cycle.pk), impute="none", normalise="none") | {
        "weight_noise": "0.25",
        "alt_normalise": "n_minmax",
        "alt_aggregate": "",
        "sensitivity": "",
    }
    with django_capture_on_commit_callbacks(execute=True):
        response = as_ayu.post(reverse("evaluation:index_run_new"), post)
    assert response.status_code == 302
    run = IndexRun.objects.get()
    assert (run.source, run.cycle_id, run.status) == ("cycle", cycle.pk, "done")
    results = run.results
    totals = {u: row[-1] for u, row in zip(results["units"], results["scores"], strict=True)}
    published = {row["region_code"]: row for row in publication.rows if row["rank_national"]}
    assert set(totals) == set(published)  # the unverified region is left out
    assert totals["15.71"] == pytest.approx(3.475, abs=1e-12)  # Jambi's published total
    for code, row in published.items():
        assert totals[code] == pytest.approx(float(row["total"]), abs=1e-9)
        assert results["ranks"][results["units"].index(code)][-1] == float(row["rank_national"])

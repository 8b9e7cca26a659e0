"""Ayu builds an index run from the bundled ASEM dataset; the app and the CLI agree on every number."""

import csv
import json
import math
import re
from pathlib import Path

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.cli import main as cli
from kotacerdas.evaluation.index_actions import do_create_index_run
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import recipe_file
from kotacerdas.evaluation.tests.index_helpers import (
    DATA,
    META,
    choices,
    example_files,
    example_uploads,
    recipe_post,
)

pytestmark = pytest.mark.django_db
UA = ["--n", "40", "--seed", "7", "--sensitivity"]  # as choices(): 40 replications, seed 7, Sobol


def make_run(ayu, django_capture_on_commit_callbacks, **overrides) -> IndexRun:  # type: ignore[no-untyped-def]
    with django_capture_on_commit_callbacks(execute=True):
        run = do_create_index_run(
            ayu, title="ASEM (contoh)", choices=choices(**overrides), **example_uploads()
        )
    run.refresh_from_db()
    return run


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def number(text: str) -> float:
    return math.nan if text == "" else float(text)


def same(a: float | None, b: float) -> bool:
    return (a is None and math.isnan(b)) or a == b


def test_ayu_starts_a_run_from_the_page_and_sees_its_results(
    as_ayu, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        response = as_ayu.post(reverse("evaluation:index_run_new"), recipe_post() | example_files())
    run = IndexRun.objects.get()
    assert response.status_code == 302 and response.url == reverse("evaluation:index_run", args=[run.pk])
    assert (run.status, run.progress, run.source) == ("done", 100, "upload")
    assert AuditEntry.objects.filter(action="evaluation.index_run").count() == 1
    page = as_ayu.get(response.url)
    assert page.status_code == 200
    body = page.content.decode()
    for marker in ('data-testid="index-results"', 'data-testid="rank-chart"', 'data-testid="sobol-chart"'):
        assert marker in body
    sobol = body.split('data-testid="sobol-table"')[1].split("</table>")[0]
    assert re.findall(r"<tr><td>([^<]*)</td>", sobol) == ["Bobot", "Normalisasi", "Agregasi"]  # not "weights"
    svg = body.split('data-testid="rank-chart"')[1].split("</svg>")[0]
    assert run.result_hash in body and "<script" not in svg and " style=" not in svg  # passes the CSP
    coordinates = re.findall(r' (?:x1|x2|cx|width)="([^"]*)"', svg)
    assert len(coordinates) > 51 * 3 and not [c for c in coordinates if "," in c]  # never a decimal comma
    xlsx = as_ayu.get(reverse("evaluation:index_run_xlsx", args=[run.pk]))
    assert xlsx.status_code == 200 and xlsx.content.startswith(b"PK")


def test_the_app_and_the_cli_agree_on_the_same_dataset_and_recipe(
    ayu, django_capture_on_commit_callbacks, tmp_path
) -> None:
    run = make_run(ayu, django_capture_on_commit_callbacks)
    results = run.results
    recipe = tmp_path / "recipe.json"
    recipe.write_text(recipe_file(run.recipe), encoding="utf-8")
    out = tmp_path / "out"
    assert cli(["index", "build", str(DATA), str(META), "--recipe", str(recipe), "--out", str(out)]) == 0
    assert (
        cli(["index", "uncertainty", str(DATA), str(META), "--recipe", str(recipe), "--out", str(out), *UA])
        == 0
    )
    scores, ranks = read_csv(out / "scores.csv"), read_csv(out / "ranks.csv")
    assert [row["uCode"] for row in scores] == results["units"]
    for i, row in enumerate(scores):
        assert all(same(results["scores"][i][j], number(row[c])) for j, c in enumerate(results["codes"]))
        assert all(same(results["ranks"][i][j], number(ranks[i][c])) for j, c in enumerate(results["codes"]))
    stats = {s["uCode"]: s for s in results["rank_stats"]}
    cli_stats = read_csv(out / "rank_stats.csv")
    assert len(cli_stats) == 51
    for row in cli_stats:
        assert all(
            stats[row["uCode"]][k] == float(row[k]) for k in ("nominal", "median", "q05", "q95", "mean")
        )
    sobol = [(s["input"], s["first_order"], s["total"]) for s in results["sensitivity"]]
    assert sobol == [(r["input"], float(r["Si"]), float(r["STi"])) for r in read_csv(out / "sensitivity.csv")]
    assert [name for name, *_ in sobol] == ["weights", "normalise", "aggregate"]
    # the uploaded bytes hash as the CLI's provenance does
    assert json.loads((out / "provenance.json").read_text())["input_sha256"] == run.source_sha256
    # a worked figure: the top unit and its score under the recipe
    top = min(range(len(results["units"])), key=lambda i: results["ranks"][i][-1])
    assert results["ranks"][top][-1] == 1.0 and results["codes"][-1] == "Index"


def test_the_list_of_runs_and_its_api_leave_the_tables_and_results_unread(
    as_ayu, ayu, django_capture_on_commit_callbacks
) -> None:
    """A run's input tables and results hold every region's figures; a list line needs neither."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    first = make_run(ayu, django_capture_on_commit_callbacks)
    bulky = ("tables", "recipe", "results")
    for url in (reverse("evaluation:index_runs"), "/api/v1/index-runs"):
        with CaptureQueriesContext(connection) as captured:
            response = as_ayu.get(url)
        assert response.status_code == 200 and first.title in response.content.decode()
        runs = [q["sql"] for q in captured if 'FROM "evaluation_indexrun"' in q["sql"]]
        assert runs, url
        assert [c for sql in runs for c in bulky if f'"evaluation_indexrun"."{c}"' in sql] == [], url


def test_a_running_index_run_refreshes_its_status_alone_not_the_page(as_ayu, ayu) -> None:
    """The status (with its percentage) refreshes in its own polite live region (live-status.js) and the
    page loads once when the run ends: no meta refresh (it moved the focus to the top and had a screen
    reader read the whole page every 3 s), except for a browser without JavaScript."""
    run = do_create_index_run(ayu, title="ASEM (contoh)", choices=choices(), **example_uploads())  # queued
    IndexRun.objects.filter(pk=run.pk).update(status="running", progress=42)
    url = reverse("evaluation:index_run", args=[run.pk])
    page = as_ayu.get(url).content.decode()
    assert (
        '<dd id="index-status-live" aria-live="polite" data-refresh="3" data-refresh-end="reload">'
        '<span data-testid="index-status">Berjalan (42%)</span>'
    ) in page
    assert page.count('http-equiv="refresh"') == 1
    assert '<noscript><meta http-equiv="refresh" content="3"></noscript>' in page
    IndexRun.objects.filter(pk=run.pk).update(status="failed", message="gagal (contoh)")
    page = as_ayu.get(url).content.decode()
    assert "data-refresh" not in page and 'http-equiv="refresh"' not in page


def test_the_rank_quantiles_read_as_short_indonesian_numbers(
    as_ayu, ayu, django_capture_on_commit_callbacks
) -> None:
    """A quantile interpolated between two ranks is a float (5.95 came out 5.950000000000001): Ayu reads
    it rounded to two places with a decimal comma, a whole rank without any ("6", not "6,00")."""
    run = make_run(ayu, django_capture_on_commit_callbacks)
    body = as_ayu.get(reverse("evaluation:index_run", args=[run.pk])).content.decode()
    table = body.split('data-testid="index-results"')[1].split("</table>")[0]
    rows = re.findall(r"<tr><td>[^<]*</td>((?:<td class=\"num\">[^<]*</td>)+)</tr>", table)
    quantiles = [cell for row in rows for cell in re.findall(r'<td class="num">([^<]*)</td>', row)[2:]]
    assert len(quantiles) == 51 * 3
    assert [q for q in quantiles if not re.fullmatch(r"\d+(,\d{1,2})?", q)] == []
    assert any("," in q for q in quantiles) and any("," not in q for q in quantiles)

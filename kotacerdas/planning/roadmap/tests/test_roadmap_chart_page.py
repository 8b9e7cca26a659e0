"""The roadmap page serves the combined chart's data and its script locally (no CDN, no inline script)."""

import json
import re
from datetime import datetime

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord
from kotacerdas.planning.roadmap import actions
from kotacerdas.planning.roadmap.chart import roadmap_chart, run_schedule

pytestmark = pytest.mark.django_db


def _run(capture, budi, region):  # type: ignore[no-untyped-def]
    with capture(execute=True):
        run = actions.do_start_roadmap_run(budi, region, time_limit=5)
    run.refresh_from_db()
    return run


def _chart_of(html: str) -> dict:  # type: ignore[type-arg]
    found = re.search(r'<script id="roadmap-chart-data" type="application/json">(.*?)</script>', html, re.S)
    assert found, "the chart data is not on the page"
    return json.loads(found.group(1))


def test_the_roadmap_page_shows_the_latest_run_until_a_plan_is_adopted(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    before = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert 'id="roadmap-chart"' not in before  # no run, no plan: no empty chart
    run = _run(django_capture_on_commit_callbacks, budi, region_a)
    html = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    chart = _chart_of(html)
    assert chart["adopted"] is False and chart["compare"] is False
    assert chart["text"]["plan"] == "Hasil optimasi terakhir (belum ditetapkan)"
    lanes = {lane["label"]: [row["code"] for row in lane["rows"]] for lane in chart["lanes"]}
    assert list(lanes) == ["Smart Governance", "Smart Living"]  # the framework's order of dimensions
    assert sorted(lanes["Smart Governance"]) == ["PL-01", "SD-01"] and lanes["Smart Living"] == ["KS-01"]
    assert {"from": "SD-01", "to": "KS-01"} in chart["arrows"]
    assert chart["budget"][0]["year"] == 2026
    assert sum(year["total"] for year in chart["budget"]) == 1_000_000_000  # 500 + 400 + 100 juta
    assert "Inisiatif SD-01" in json.dumps(chart)
    run_html = as_budi.get(run.get_absolute_url()).content.decode()
    assert _chart_of(run_html)["lanes"] == chart["lanes"]


def test_the_chart_script_and_library_are_served_from_our_own_origin(
    as_budi, budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    _run(django_capture_on_commit_callbacks, budi, region_a)
    html = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    sources = re.findall(r'<script[^>]*src="([^"]+)"', html)
    assert "/static/vendor/plotly/plotly.min.js" in sources
    assert "/static/kotacerdas/roadmap-chart.js" in sources
    assert not re.search(r'(src|href)="(https?:)?//', html)  # nothing from another host
    inline = re.findall(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", html)
    assert inline == []  # the CSP forbids inline scripts: data travels as JSON only
    plotly = finders.find("vendor/plotly/plotly.min.js")
    assert plotly
    with open(plotly, "rb") as library:
        assert library.read(200).lstrip().startswith(b"/**\n* plotly.js")
    assert finders.find("kotacerdas/roadmap-chart.js")


def test_an_adopted_plan_is_drawn_against_the_latest_run(
    budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    run = _run(django_capture_on_commit_callbacks, budi, region_a)
    latest = run_schedule(run)
    assert {i.code for i in latest.initiatives} == {"SD-01", "KS-01", "PL-01"}
    assert latest.initiatives[0].total_cost in (500_000_000, 400_000_000, 100_000_000)
    moved = PlannedInitiative(
        "PL-01", "Inisiatif PL-01", "governance", "Kominfo", 2030, 2030, {"APBD": {2030: 1}}
    )
    adopted = PlanOfRecord(datetime(2026, 1, 5), "budi", None, "h", latest.period, {}, initiatives=(moved,))
    chart = roadmap_chart(region_a, adopted)
    assert chart is not None and chart["adopted"] and chart["compare"]
    rows = {row["code"]: row for lane in chart["lanes"] for row in lane["rows"]}
    assert rows["PL-01"]["plan"] == {"start": 2030, "end": 2030} and rows["PL-01"]["moved"]
    assert (
        rows["SD-01"]["plan"] is None and rows["SD-01"]["note"] == "tidak ada dalam rencana yang ditetapkan"
    )

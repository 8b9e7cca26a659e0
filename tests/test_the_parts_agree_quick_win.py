"""One fact, one record, every output (as tests/test_the_parts_agree.py): a region's Quick Win progress
per year is the same on the public region page, in the portal API and in the open data (CSV, JSON,
XLSX), all read from one published snapshot, never from the live records."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("kotacerdas.portal"), reason="the portal is needed"),
]

Counts = dict[int, tuple[int, int]]  # year → (done, planned)


def _on_the_page(html: str) -> Counts:
    """The "Progres Quick Win" list of the public region page, as a reader reads it."""
    section = html.split('id="quick-win-progress"', 1)[1].split("</ul>", 1)[0]
    lines = re.findall(r"<li>(\d{4}): (\d+) dari (\d+) tonggak Quick Win selesai</li>", section)
    return {int(year): (int(done), int(planned)) for year, done, planned in lines}


def _in_open_data(visitor: Client, code: str) -> dict[str, Counts]:
    from openpyxl import load_workbook

    stem = "/data/progres-quick-win/data"
    as_csv = csv.DictReader(io.StringIO(visitor.get(f"{stem}.csv").content.decode("utf-8-sig")))
    header, *rows = load_workbook(io.BytesIO(visitor.get(f"{stem}.xlsx").content)).active.iter_rows(
        values_only=True
    )
    tables = {
        "csv": list(as_csv),
        "json": visitor.get(f"{stem}.json").json(),
        "xlsx": [dict(zip(header, row, strict=True)) for row in rows],
    }
    return {
        fmt: {
            int(r["year"]): (int(r["milestones_done"]), int(r["milestones_planned"]))
            for r in table
            if r["region_code"] == code
        }
        for fmt, table in tables.items()
    }


def test_the_open_data_quick_win_progress_is_the_public_page_and_the_portal_api_of_one_snapshot(
    world: dict[str, Any],
) -> None:
    """Sleman's Quick Win has two 2026 milestones and one 2027 milestone; the approved 2026 report marks
    "Peluncuran" done, and a 2027 period is open. Dewi publishes the milestones, then adds a fourth
    milestone: the live count of 2027 becomes 1 of 4, while the page, the API and the open data all
    show the snapshot's 1 of 2 (2026) and 1 of 3 (2027), with the same content hash."""
    from kotacerdas.monitoring.access import quick_win_progress
    from kotacerdas.monitoring.models import InitiativeReport, Milestone, Period
    from kotacerdas.planning.models import Initiative, QuickWin
    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    region, dewi = world["region"], world["dewi"]
    code = region.code
    add_milestone, review = action("monitoring.do_add_milestone"), action("monitoring.do_review_report")
    win = QuickWin.objects.get(pk=world["quickwin_id"])
    launched = Milestone.objects.get(pk=world["milestone_id"], title="Peluncuran")  # the world's, 2026
    add_milestone(dewi, win, title="Uji coba", year=2026)
    add_milestone(dewi, win, title="Perluasan ke kapanewon", year=2027)
    report = InitiativeReport.objects.get(pk=world["initiative_report_id"])
    review(dewi, report, decision="returned", reason="Tandai tonggak yang selesai")
    report = action("monitoring.do_save_initiative_report")(
        world["contributor"],
        Period.objects.get(pk=world["period_id"]),
        Initiative.objects.get(pk=world["initiative_id"]),
        implementation="running",
        milestones=[launched],
        submit=True,
        version=InitiativeReport.objects.get(pk=report.pk).version,
    )
    review(dewi, report, decision="approved")
    action("monitoring.do_open_period")(dewi, region, year=2027, closes_on=date(2028, 1, 31))
    snap = do_publish_portal(dewi, region, parts=["initiatives", "milestones"])
    add_milestone(dewi, win, title="Evaluasi layanan", year=2027)  # live, after publishing
    assert (quick_win_progress(region, 2027).done, quick_win_progress(region, 2027).planned) == (1, 4)

    expected: Counts = {2026: (1, 2), 2027: (1, 3)}
    visitor = Client()
    page = visitor.get(f"/publik/r/{code}/").content.decode()
    portal = visitor.get(f"/api/v1/portal/regions/{code}").json()
    in_api = {q["year"]: (q["done"], q["planned"]) for q in portal["content"]["quick_win_progress"]}
    assert _on_the_page(page) == expected
    assert in_api == expected
    assert _in_open_data(visitor, code) == {"csv": expected, "json": expected, "xlsx": expected}

    # one snapshot behind all three: the page's hash, the API's and the open data's region row
    (published,) = [r for r in visitor.get("/data/wilayah/data.json").json() if r["region_code"] == code]
    assert published["content_hash"] == portal["content_hash"] == snap.content_hash
    assert f"{snap.content_hash[:16]}…" in page

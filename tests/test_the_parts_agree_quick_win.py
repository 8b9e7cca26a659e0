"""One fact, one record, every output (as tests/test_the_parts_agree.py): a region's Quick Win progress
per year is the same on the public region page, in the portal API and in the open data (CSV, JSON,
XLSX), all read from one published snapshot, never from the live records; the milestones and counts are
the same on every page and in open data; after a masterplan revision every page counts the milestones
of the year's revision (the evaluation pre-fill, the monitoring page, the region card, the national page,
the APIs and the public page)."""

from __future__ import annotations

import csv
import io
import re
from datetime import date
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

from tests.parts_agree import table_row, table_rows, text

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


def _launch_done_of_two(world: dict[str, Any]) -> Any:
    """Sleman's Quick Win gets a second 2026 milestone, "Uji coba", beside the world's "Peluncuran";
    Dewi returns the world's 2026 initiative report, the OPD resubmits it with "Peluncuran" done, and
    Dewi approves it: 2026 counts 1 of 2. Returns the Quick Win."""
    from kotacerdas.monitoring.models import InitiativeReport, Milestone, Period
    from kotacerdas.planning.models import Initiative, QuickWin
    from tests.world import action

    dewi, review = world["dewi"], action("monitoring.do_review_report")
    win = QuickWin.objects.get(pk=world["quickwin_id"])
    launched = Milestone.objects.get(pk=world["milestone_id"], title="Peluncuran")  # the world's, 2026
    action("monitoring.do_add_milestone")(dewi, win, title="Uji coba", year=2026)
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
    return win


def test_the_open_data_quick_win_progress_is_the_public_page_and_the_portal_api_of_one_snapshot(
    world: dict[str, Any],
) -> None:
    """Sleman's Quick Win has two 2026 milestones and one 2027 milestone; the approved 2026 report marks
    "Peluncuran" done, and a 2027 period is open. Dewi publishes the milestones, then adds a fourth
    milestone: the live count of 2027 becomes 1 of 4, while the page, the API and the open data all
    show the snapshot's 1 of 2 (2026) and 1 of 3 (2027), with the same content hash."""
    from kotacerdas.monitoring.access import quick_win_progress
    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    region, dewi = world["region"], world["dewi"]
    code = region.code
    add_milestone = action("monitoring.do_add_milestone")
    win = _launch_done_of_two(world)
    add_milestone(dewi, win, title="Perluasan ke kapanewon", year=2027)
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


def test_quick_win_milestones_and_counts_are_the_same_on_every_page_and_in_open_data(
    world: dict[str, Any],
) -> None:
    """Two milestones of Sleman's Quick Win, one marked done by an approved report: the monitoring page,
    the public page, the portal API, the open data and the evaluation's Quick Win pre-fill all count
    the same milestones as done; the region card and the Quick Win page count the same Quick Wins."""
    from fractions import Fraction

    from kotacerdas.evaluation.record import quick_win
    from kotacerdas.planning.models import QuickWin
    from kotacerdas.portal.actions import do_publish_portal

    code, dewi_user = world["region"].code, world["dewi"]
    _launch_done_of_two(world)
    do_publish_portal(dewi_user, world["region"], parts=["initiatives", "milestones"])

    dewi, visitor = Client(), Client()
    dewi.force_login(dewi_user)
    expected = {("Peluncuran", True), ("Uji coba", False)}
    row = table_row(dewi.get(f"/r/{code}/monitoring/").content.decode(), "GOV-01")
    assert "✔ Peluncuran" in row[5] and "○ Uji coba" in row[5], row
    public = text(visitor.get(f"/publik/r/{code}/").content.decode())
    assert (
        "✔ 2026 · Satu Data Sleman: Peluncuran" in public and "○ 2026 · Satu Data Sleman: Uji coba" in public
    )
    content = visitor.get(f"/api/v1/portal/regions/{code}").json()["content"]
    assert {(m["title"], m["done"]) for m in content["milestones"]} == expected
    table = visitor.get("/data/tonggak/data.csv").content.decode("utf-8-sig")
    in_csv = {
        (r["milestone"], r["done"] == "true")
        for r in csv.DictReader(io.StringIO(table))
        if r["region_code"] == code
    }
    assert in_csv == expected
    prefill = quick_win(world["region"], 2026)
    assert prefill.value == 5 * Fraction(1, 2), prefill.note
    assert prefill.note.startswith(("1 dari 2", "1 of 2")), prefill.note

    selected = QuickWin.objects.filter(region=world["region"]).count()
    card = text(dewi.get(f"/r/{code}/").content.decode())
    assert f"Quick Win {selected} " in card
    page = text(dewi.get(f"/r/{code}/masterplan/quick-win/").content.decode())
    assert page.count("Satu Data Sleman") >= selected


def test_after_a_revision_every_page_counts_the_quick_win_milestones_of_the_years_revision(
    world: dict[str, Any],
) -> None:
    """Sleman's Quick Win of revision 1 (2026–2030) has two 2026 milestones, one done in the approved 2026
    report; Dewi starts revision 2 (2027–2031), chooses the carried-over GOV-01 as its Quick Win with
    three milestones of its own (two in 2027, one in 2028), one done in the approved 2027 report. For
    2026 and for 2027 the evaluation's pre-fill, the monitoring page, the region's card, Ayu's national
    page (screen and XLSX), the monitoring API, the public page and the portal API give the same count:
    the milestones of the revision the year belongs to, planned up to the year (the pre-fill counted
    every revision's milestones: 2 of 4 in 2027)."""
    from datetime import date

    from openpyxl import load_workbook

    from kotacerdas.evaluation.record import quick_win
    from kotacerdas.planning.models import Initiative
    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    region, dewi_user = world["region"], world["dewi"]
    code = region.code
    add_milestone, review = action("monitoring.do_add_milestone"), action("monitoring.do_review_report")
    save_report = action("monitoring.do_save_initiative_report")

    _launch_done_of_two(world)

    action("planning.do_start_revision")(dewi_user, region, 2027, 2031)
    copy = Initiative.objects.get(region=region, code="GOV-01")  # the active revision's copy, 2027
    second = action("planning.do_select_quick_win")(dewi_user, copy, year=2027)
    released = add_milestone(dewi_user, second, title="Aplikasi rilis", year=2027)
    add_milestone(dewi_user, second, title="Pelatihan OPD", year=2027)
    add_milestone(dewi_user, second, title="Evaluasi layanan", year=2028)
    period_2027 = action("monitoring.do_open_period")(
        dewi_user, region, year=2027, closes_on=date(2028, 1, 31)
    )
    report = save_report(
        world["contributor"], period_2027, copy, implementation="running", milestones=[released], submit=True
    )
    review(dewi_user, report, decision="approved")
    do_publish_portal(dewi_user, region, parts=["initiatives", "milestones"])

    expected = {2026: (1, 2), 2027: (1, 2)}
    dewi, ayu, visitor = Client(), Client(), Client()
    dewi.force_login(dewi_user)
    ayu.force_login(world["ayu"])
    for year, (done, planned) in expected.items():  # the evaluation's pre-fill, as the pages below
        note = quick_win(region, year).note
        assert note.startswith((f"{done} dari {planned} ", f"{done} of {planned} ")), (year, note)
    monitoring = dewi.get(f"/r/{code}/monitoring/").content.decode()
    on_page = {
        int(cells[0]): (int(cells[1]), int(cells[2]))
        for cells in table_rows(monitoring.split('id="quick-wins"', 1)[1].split("</table>", 1)[0])
        if cells[0].isdigit()
    }
    in_api = {
        p["year"]: (p["quick_win"]["done"], p["quick_win"]["planned"])
        for p in dewi.get(f"/api/v1/regions/{code}/monitoring/periods").json()
    }
    public = text(visitor.get(f"/publik/r/{code}/").content.decode())
    content = visitor.get(f"/api/v1/portal/regions/{code}").json()["content"]
    in_portal_api = {q["year"]: (q["done"], q["planned"]) for q in content["quick_win_progress"]}
    for year, (done, planned) in expected.items():
        assert on_page[year] == (done, planned), on_page
        assert in_api[year] == (done, planned), in_api
        assert f"{year}: {done} dari {planned} tonggak Quick Win selesai" in public, public
        assert in_portal_api[year] == (done, planned), in_portal_api

    # the card and Ayu's national page count the year of the period reported now, the same way
    card = text(dewi.get(f"/r/{code}/").content.decode())
    shown = int(card.split("Tonggak Quick Win s.d. ", 1)[1][:4])
    done, planned = expected[shown]
    assert f"Tonggak Quick Win s.d. {shown} {done} dari {planned} selesai" in card, card
    national = next(
        cells for cells in table_rows(ayu.get("/monitoring/nasional/").content.decode()) if code in cells
    )
    assert national[4].startswith(str(shown)) and national[10] == f"{done} dari {planned}", national
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert (in_xlsx["Tonggak Quick Win yang selesai"], in_xlsx["Tonggak Quick Win yang direncanakan"]) == (
        done,
        planned,
    )

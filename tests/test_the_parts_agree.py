"""One fact, one record, every output. Each output has its own tests; these hold them against each other,
so a reader that drifts from the record of the fact fails:

- the demo region's yearly pagu: the adopted plan, Buku II, the portal snapshot, open data and the API;
- KPI actuals and initiative statuses: the approved reports on the monitoring page, the national view
  (screen and XLSX), and, once published, the public page, the portal API and the open data;
- a yearly evaluation result (total, part scores, size class, ranks): the publication on Ayu's cycle
  page, its XLSX and CSV, the result letter, the results book, the region's card, the evaluation API,
  the public pages, the portal API and the open data; an unpublished cycle reaches none of the public
  outputs, and a published one keeps its frozen figures when the record behind them changes;
- Quick Win milestones and counts, and what a period expects after a masterplan revision;
- a year's Quick Win progress after a revision (the milestones of the year's revision): the evaluation
  pre-fill, the monitoring page, the region card, the national page, the APIs and the public page.
"""

from __future__ import annotations

import argparse
import csv
import io
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.apps import apps
from django.test import Client

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        not all(apps.is_installed(f"kotacerdas.{name}") for name in ("planning", "documents", "portal")),
        reason="the plan, the books and the portal are all needed",
    ),
]


def _by_year(rows: list[dict[str, Any]], amount: str) -> dict[int, Decimal]:
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for row in rows:
        totals[int(row["year"])] += Decimal(str(row[amount]))
    return {year: total for year, total in totals.items() if total}


def test_the_yearly_pagu_is_the_same_in_the_plan_the_book_the_portal_open_data_and_the_api(
    tmp_path: Path,
) -> None:
    from kotacerdas.cli.books import run_books
    from kotacerdas.demo import load_demo
    from kotacerdas.documents.tests.book_tables import budget_totals, document_totals, masterplan_docx
    from kotacerdas.planning.roadmap.plan import plan_of_record
    from kotacerdas.regions.models import Region

    load_demo()
    plan = plan_of_record(Region.objects.get(code="33.73"))
    assert plan is not None, "the demo ships with an adopted plan"
    adopted = {year: Decimal(total) for year, total in document_totals(plan.as_document()).items() if total}
    assert len(adopted) >= 3, "the demo plan spends in several years"

    run_books(argparse.Namespace(region_code="33.73", out=str(tmp_path), format="docx", year=0, final=False))
    book = {year: Decimal(total) for year, total in budget_totals(masterplan_docx(tmp_path)).items() if total}

    visitor = Client()
    table = visitor.get("/data/anggaran/data.csv")
    assert table.status_code == 200
    salatiga = [
        row
        for row in csv.DictReader(io.StringIO(table.content.decode("utf-8-sig")))
        if row["region_code"] == "33.73"
    ]
    as_json = [row for row in visitor.get("/data/anggaran/data.json").json() if row["region_code"] == "33.73"]
    api = visitor.get("/api/v1/portal/regions/33.73")
    assert api.status_code == 200

    assert book == adopted
    assert _by_year(salatiga, "pagu") == adopted
    assert _by_year(as_json, "pagu") == adopted
    assert _by_year(api.json()["content"]["budget"], "pagu") == adopted


def test_the_published_kpi_actuals_are_the_approved_reports_in_open_data_and_the_api() -> None:
    from kotacerdas.demo import load_demo
    from kotacerdas.monitoring.models import KpiReport, ReviewStatus

    load_demo()
    approved = {
        (report.kpi.initiative.code, report.kpi.name, report.period.year): Decimal(report.value)
        for report in KpiReport.objects.filter(
            period__region__code="33.73", status=ReviewStatus.APPROVED
        ).select_related("kpi__initiative", "period")
    }
    assert approved, "the demo has approved KPI values"
    visitor = Client()
    rows = [row for row in visitor.get("/data/kpi/data.json").json() if row["region_code"] == "33.73"]
    published = {
        (row["initiative_code"], row["kpi"], row["year"]): Decimal(str(row["actual"]))
        for row in rows
        if row["actual"] is not None
    }
    content = visitor.get("/api/v1/portal/regions/33.73").json()["content"]
    in_api = {
        (kpi["initiative"], kpi["name"], int(year)): Decimal(actual)
        for kpi in content["kpis"]
        for year, actual in kpi["actuals"].items()
    }
    assert published == approved
    assert in_api == approved


# ---------------------------------------------------------------------------------------------------
# The second half of the lifecycle, on the shared world (tests/world.py: Sleman, Dewi, Ayu): a region's
# yearly evaluation result, its monitoring figures and its Quick Wins, each read from one record by
# every page, letter, export, API and public page that shows it.


def _text(html: str) -> str:
    """A page's words, tags removed and blanks collapsed, as a reader sees them."""
    import html as entities
    import re

    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def _table_rows(html: str) -> list[list[str]]:
    """Every table row of a page as the text of its cells."""
    import re

    return [
        [_text(cell) for cell in re.findall(r"(?s)<t[dh]\b[^>]*>(.*?)</t[dh]>", row)]
        for row in re.findall(r"(?s)<tr\b[^>]*>(.*?)</tr>", html)
    ]


def _table_row(html: str, first_cell: str) -> list[str]:
    """The cells (as text) of the first table row whose first cell reads ``first_cell``."""
    found = next((cells for cells in _table_rows(html) if cells and cells[0] == first_cell), None)
    assert found is not None, f"no row starting with {first_cell!r}"
    return found


EVALUATED = 2027  # a cycle of the test's own, after the world's open 2026 and published 2025
SLEMAN_PARTS = {"baseline": "4", "output": "3.5", "outcome": "2", "impact": "1.5", "quick_win": "5"}


def _publish_own_cycle(world: dict[str, Any]) -> Any:
    """Ayu opens, scores and publishes a cycle with Sleman and Salatiga (unequal parts, so a part shown
    in the wrong place or a total computed afresh cannot pass)."""
    from datetime import date

    from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish

    cycle = do_open_cycle(
        world["ayu"],
        year=EVALUATED,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[world["region"], world["region_a"]],
        self_assessment_until=date(EVALUATED, 8, 31),
        verification_until=date(EVALUATED, 10, 31),
        publication_on=date(EVALUATED, 12, 5),
    )
    parts = ",".join(SLEMAN_PARTS.values())
    scores = (
        "region_code,baseline,output,outcome,impact,quick_win\n"
        f"{world['region'].code},{parts}\n{world['region_a'].code},2,2,2,2,2\n"
    )
    do_enter_results(world["ayu"], cycle, scores)
    return do_publish(world["ayu"], cycle)


def test_a_regions_evaluation_result_is_the_publications_everywhere_it_is_shown(
    world: dict[str, Any], django_capture_on_commit_callbacks: Any
) -> None:
    from django.urls import reverse
    from openpyxl import load_workbook

    from kotacerdas.core.evaluation import PARTS
    from kotacerdas.core.evaluation.letter import PART_LABELS, score_text
    from kotacerdas.documents.tests.conftest import docx_text
    from kotacerdas.evaluation.actions import do_request_results_book
    from kotacerdas.evaluation.models import ResultsBook

    publication = _publish_own_cycle(world)
    code = world["region"].code
    (row,) = [r for r in publication.rows if r["region_code"] == code]
    assert publication.inputs[code]["parts"] == SLEMAN_PARTS
    total, size_class = row["total"], row["size_class"]
    ranks = [int(row[k]) for k in ("rank_national", "rank_province", "rank_in_class")]
    assert ranks[0] == 1, "Sleman's weighted total is above Salatiga's 2"

    ayu, dewi, visitor = Client(), Client(), Client()
    ayu.force_login(world["ayu"])
    dewi.force_login(world["dewi"])

    # Ayu's cycle page, its XLSX and its CSV
    page = ayu.get(reverse("evaluation:cycle", args=[publication.cycle_id])).content.decode()
    results, participants_table = page.split('data-testid="results-table"', 1)[1].split("</table>", 1)
    screen = _table_row(results, code)
    assert screen[2] == score_text(total) and screen[4] == size_class
    assert [int(cell) for cell in screen[5:8]] == ranks
    participants = _table_row(participants_table, str(world["region"]))
    assert participants[3 : 3 + len(PARTS)] == [score_text(SLEMAN_PARTS[part]) for part in PARTS]
    sheet = load_workbook(
        io.BytesIO(ayu.get(reverse("evaluation:results_xlsx", args=[publication.cycle_id])).content)
    )
    xlsx = next(r for r in sheet.active.iter_rows(values_only=True) if r[0] == code)
    assert Decimal(str(xlsx[2])) == Decimal(total) and xlsx[4] == size_class and list(xlsx[5:8]) == ranks
    ranks_csv = ayu.get(reverse("evaluation:results_csv", args=[publication.cycle_id])).content.decode()
    as_csv = next(r for r in csv.DictReader(io.StringIO(ranks_csv)) if r["region_code"] == code)
    assert as_csv["total"] == total and as_csv["size_class"] == size_class
    assert [int(as_csv[k]) for k in ("rank_national", "rank_province", "rank_in_class")] == ranks

    # the result letter (Dewi's and the one on Ayu's cycle page are one letter)
    letter = dewi.get(reverse("evaluation:letter_docx", args=[code, EVALUATED]))
    assert letter.status_code == 200
    assert ayu.get(reverse("evaluation:cycle_letter_docx", args=[publication.cycle_id, code])).content
    words = docx_text(letter.content)
    for part in PARTS:
        assert f"{PART_LABELS[part]}\n" in words + "\n"
        assert score_text(SLEMAN_PARTS[part]) in words
    assert f"Nilai total\n100%\n{score_text(total)}" in words

    # Dewi's region page and the evaluation API
    card = _text(dewi.get(f"/r/{code}/").content.decode())
    shown = card.split(f"Evaluasi {EVALUATED}", 1)[1].split("Surat hasil", 1)[0]
    assert f"Total {score_text(total)} " in shown
    assert f"Peringkat nasional {ranks[0]} Peringkat provinsi {ranks[1]} " in shown
    assert f"Peringkat di antara wilayah “{size_class}” {ranks[2]} " in shown
    api = dewi.get(f"/api/v1/evaluations/{EVALUATED}/results").json()
    (in_api,) = [r for r in api["results"] if r["region_code"] == code]
    assert in_api["total"] == total and in_api["size_class"] == size_class
    assert [in_api[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks

    # the national results book
    with django_capture_on_commit_callbacks(execute=True):
        do_request_results_book(world["ayu"], publication.cycle)
    book = ResultsBook.objects.get(publication=publication)
    assert book.status == ResultsBook.Status.DONE, book.message
    in_book = [code, world["region"].name, *(score_text(SLEMAN_PARTS[p]) for p in PARTS), score_text(total)]
    assert "\n".join(in_book) in docx_text(bytes(book.docx)), (
        "the book's part scores, as the letter writes them"
    )

    # the public: the region's page, the national page, the portal API and the open data
    page = visitor.get(f"/publik/r/{code}/").content.decode()
    public = _table_row(page.split('id="evaluation"', 1)[1], str(EVALUATED))
    assert public[1:5] == [score_text(total), size_class, str(ranks[0]), str(ranks[2])]
    assert f"{world['region'].name} · {score_text(total)}" in _text(visitor.get("/publik/").content.decode())
    (portal,) = [
        e
        for e in visitor.get(f"/api/v1/portal/regions/{code}").json()["evaluations"]
        if e["year"] == EVALUATED
    ]
    assert portal["total"] == total and portal["size_class"] == size_class
    assert [portal[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    table = visitor.get("/data/evaluasi/data.csv").content.decode("utf-8-sig")
    (opened,) = [
        r
        for r in csv.DictReader(io.StringIO(table))
        if r["region_code"] == code and r["year"] == str(EVALUATED)
    ]
    assert opened["total"] == total and opened["size_class"] == size_class
    assert [int(opened[k]) for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    (as_json,) = [
        r
        for r in visitor.get("/data/evaluasi/data.json").json()
        if r["region_code"] == code and r["year"] == EVALUATED
    ]
    assert Decimal(str(as_json["total"])) == Decimal(total)
    assert [as_json[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks
    workbook = load_workbook(io.BytesIO(visitor.get("/data/evaluasi/data.xlsx").content)).active
    header, *rows = list(workbook.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code and r[1] == EVALUATED]
    assert Decimal(str(in_xlsx["total"])) == Decimal(total) and in_xlsx["size_class"] == size_class
    assert [in_xlsx[k] for k in ("rank_national", "rank_province", "rank_in_class")] == ranks


def _approve_world_reports(world: dict[str, Any]) -> None:
    from kotacerdas.monitoring.models import InitiativeReport, KpiReport
    from tests.world import action

    review = action("monitoring.do_review_report")
    review(world["dewi"], KpiReport.objects.get(pk=world["kpi_report_id"]), decision="approved")
    review(world["dewi"], InitiativeReport.objects.get(pk=world["initiative_report_id"]), decision="approved")


def test_a_kpi_actual_and_an_initiative_status_are_the_approved_reports_and_public_only_once_published(
    world: dict[str, Any],
) -> None:
    """Approved after Sleman's portal was published: the internal pages show the approved values at
    once, the public ones the snapshot until Dewi publishes again; then every output agrees."""
    from openpyxl import load_workbook

    from kotacerdas.portal.actions import do_publish_portal

    code = world["region"].code
    _approve_world_reports(world)
    dewi, ayu, visitor = Client(), Client(), Client()
    dewi.force_login(world["dewi"])
    ayu.force_login(world["ayu"])

    # the internal pages: the approved actual (80 against the 2026 target of 100) and status
    monitoring = dewi.get(f"/r/{code}/monitoring/").content.decode()
    assert "100 / 80 (80,0%)" in _table_row(monitoring, "Capaian")
    initiative = _table_row(monitoring, "GOV-01")
    assert initiative[3] == "berjalan"
    overall = _text(monitoring).split("Progres masterplan: ", 1)[1].split(" ", 1)[0]
    national = ayu.get("/monitoring/nasional/").content.decode()
    sleman = next(cells for cells in _table_rows(national) if world["region"].name in cells)
    assert overall in sleman, (overall, sleman)
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert Decimal(str(in_xlsx["Progres (%)"])) == _percent(overall)

    # the public still reads the snapshot published before the approval
    def public_actuals() -> tuple[Any, ...]:
        kpis = visitor.get(f"/api/v1/portal/regions/{code}").json()["content"]["kpis"]
        table = visitor.get("/data/kpi/data.csv").content.decode("utf-8-sig")
        in_csv = [r["actual"] for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code]
        in_json = [r["actual"] for r in visitor.get("/data/kpi/data.json").json() if r["region_code"] == code]
        return [k["actuals"] for k in kpis], in_csv, in_json

    assert public_actuals() == ([{}], [""], [None])
    assert "100 / 80" not in _text(visitor.get(f"/publik/r/{code}/").content.decode())

    do_publish_portal(world["dewi"], world["region"], parts=["vision", "initiatives", "kpis", "milestones"])
    assert public_actuals() == ([{"2026": "80"}], ["80"], [80])
    public = visitor.get(f"/publik/r/{code}/").content.decode()
    assert _table_row(public, "2026")[1:3] == ["100", "80"]
    assert _table_row(public, "GOV-01")[2] == "berjalan"
    assert f"Progres keseluruhan (laporan yang disetujui): {overall}" in _text(public)
    table = visitor.get("/data/inisiatif/data.csv").content.decode("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code]
    assert row["status"] == "running" and Decimal(row["progress"]) == _percent(initiative[4])


def _percent(shown: str) -> Decimal:
    """A percentage as a page shows it ("50,0%")."""
    return Decimal(shown.rstrip("%").replace(",", "."))


def test_an_unpublished_result_stays_internal_and_a_published_one_keeps_its_frozen_figures(
    world: dict[str, Any],
) -> None:
    """Scores entered in the open 2026 cycle reach no letter, API, portal page or open data; once
    published, approving the monitoring reports behind its dimension scores changes the record (what
    the next self-assessment is pre-filled from) but no published figure."""
    from django.urls import reverse
    from openpyxl import load_workbook

    from kotacerdas.evaluation.actions import do_enter_results, do_publish
    from kotacerdas.evaluation.models import Cycle
    from kotacerdas.evaluation.record import dimension_counts

    code, year = world["region"].code, 2026
    cycle = Cycle.objects.get(pk=world["cycle_id"])
    do_enter_results(
        world["ayu"], cycle, f"region_code,baseline,output,outcome,impact,quick_win\n{code},4,4,4,4,4\n"
    )
    dewi, visitor = Client(), Client()
    dewi.force_login(world["dewi"])

    def public_years() -> dict[str, set[int]]:
        table = visitor.get("/data/evaluasi/data.csv").content.decode("utf-8-sig")
        portal = visitor.get(f"/api/v1/portal/regions/{code}").json()["evaluations"]
        page = visitor.get(f"/publik/r/{code}/").content.decode()
        section = _table_rows(page.split('id="evaluation"', 1)[1].split("</section>", 1)[0])
        return {
            "open data": {
                int(r["year"]) for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code
            },
            "portal API": {e["year"] for e in portal},
            "portal page": {int(cells[0]) for cells in section if cells and cells[0].isdigit()},
        }

    assert public_years() == {"open data": {2025}, "portal API": {2025}, "portal page": {2025}}
    assert dewi.get(f"/api/v1/evaluations/{year}/results").status_code == 404
    assert dewi.get(reverse("evaluation:letter_docx", args=[code, year])).status_code == 404
    assert "Total 4 " not in _text(dewi.get(f"/r/{code}/").content.decode())

    publication = do_publish(world["ayu"], cycle)
    frozen = publication.inputs[code]["dimensions"]
    assert frozen["governance"] == "0", "Satu Data Sleman planned in 2026, reported but not approved"
    assert public_years() == {
        "open data": {2025, 2026},
        "portal API": {2025, 2026},
        "portal page": {2025, 2026},
    }

    _approve_world_reports(world)
    assert [(c.dimension, c.running, c.planned) for c in dimension_counts(world["region"], year)] == [
        ("governance", 1, 1)
    ], "the record now says the programme runs"
    (in_api,) = [
        r
        for r in dewi.get(f"/api/v1/evaluations/{year}/results").json()["results"]
        if r["region_code"] == code
    ]
    assert in_api["dimension_scores"]["governance"] == "0" and in_api["total"] == "4"
    card = _text(dewi.get(f"/r/{code}/").content.decode()).split(f"Evaluasi {year}", 1)[1]
    assert "Smart Governance 0 " in card.split("Surat hasil", 1)[0]
    ayu = Client()
    ayu.force_login(world["ayu"])
    sheet = load_workbook(
        io.BytesIO(ayu.get(reverse("evaluation:results_xlsx", args=[cycle.pk])).content)
    ).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert in_xlsx["Smart Governance"] == 0


def test_quick_win_milestones_and_counts_are_the_same_on_every_page_and_in_open_data(
    world: dict[str, Any],
) -> None:
    """Two milestones of Sleman's Quick Win, one marked done by an approved report: the monitoring page,
    the public page, the portal API, the open data and the evaluation's Quick Win pre-fill all count
    the same milestones as done; the region card and the Quick Win page count the same Quick Wins."""
    from fractions import Fraction

    from kotacerdas.evaluation.record import quick_win
    from kotacerdas.monitoring.models import InitiativeReport, Milestone, Period
    from kotacerdas.planning.models import Initiative, QuickWin
    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    code, dewi_user = world["region"].code, world["dewi"]
    win = QuickWin.objects.get(pk=world["quickwin_id"])
    launched = Milestone.objects.get(pk=world["milestone_id"], title="Peluncuran")  # the world's, 2026
    action("monitoring.do_add_milestone")(dewi_user, win, title="Uji coba", year=2026)
    report = InitiativeReport.objects.get(pk=world["initiative_report_id"])
    review = action("monitoring.do_review_report")
    review(dewi_user, report, decision="returned", reason="Tandai tonggak yang selesai")
    report = action("monitoring.do_save_initiative_report")(
        world["contributor"],
        Period.objects.get(pk=world["period_id"]),
        Initiative.objects.get(pk=world["initiative_id"]),
        implementation="running",
        milestones=[launched],
        submit=True,
        version=InitiativeReport.objects.get(pk=report.pk).version,
    )
    review(dewi_user, report, decision="approved")
    do_publish_portal(dewi_user, world["region"], parts=["initiatives", "milestones"])

    dewi, visitor = Client(), Client()
    dewi.force_login(dewi_user)
    expected = {("Peluncuran", True), ("Uji coba", False)}
    row = _table_row(dewi.get(f"/r/{code}/monitoring/").content.decode(), "GOV-01")
    assert "✔ Peluncuran" in row[5] and "○ Uji coba" in row[5], row
    public = _text(visitor.get(f"/publik/r/{code}/").content.decode())
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
    card = _text(dewi.get(f"/r/{code}/").content.decode())
    assert f"Quick Win {selected} " in card
    page = _text(dewi.get(f"/r/{code}/masterplan/quick-win/").content.decode())
    assert page.count("Satu Data Sleman") >= selected


def test_after_a_revision_the_region_card_and_the_national_page_count_the_same_reports(
    world: dict[str, Any],
) -> None:
    """Sleman's 2026 period belongs to revision 1 after Dewi starts revision 2 (2027–2031): the region's
    card, its monitoring page and Ayu's national page (screen and XLSX) count and weigh the same items."""
    from openpyxl import load_workbook

    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    code = world["region"].code
    _approve_world_reports(world)
    action("planning.do_start_revision")(world["dewi"], world["region"], 2027, 2031)
    dewi, ayu = Client(), Client()
    dewi.force_login(world["dewi"])
    ayu.force_login(world["ayu"])

    monitoring = dewi.get(f"/r/{code}/monitoring/")
    assert monitoring.status_code == 200
    card = _text(dewi.get(f"/r/{code}/").content.decode())
    reported = card.split("Dilaporkan ", 1)[1].split(")", 1)[0] + ")"
    national = next(
        cells for cells in _table_rows(ayu.get("/monitoring/nasional/").content.decode()) if code in cells
    )
    assert f"{national[6]} / {national[5]} ({national[8]})" == reported, (reported, national)
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert (in_xlsx["Dilaporkan"], in_xlsx["Laporan yang diharapkan"]) == (int(national[6]), int(national[5]))
    overall = _text(monitoring.content.decode()).split("Progres masterplan: ", 1)[1].split(" ", 1)[0]
    assert national[9] == overall
    # the evaluation of 2026 reads the same revision as the 2026 period (its pre-fill and frozen dimensions)
    from kotacerdas.evaluation.record import dimension_counts

    assert [(c.dimension, c.running, c.planned) for c in dimension_counts(world["region"], 2026)] == [
        ("governance", 1, 1)
    ]
    do_publish_portal(world["dewi"], world["region"], parts=["initiatives", "kpis"])  # reads the same figures
    public = _text(Client().get(f"/publik/r/{code}/").content.decode())
    assert f"Progres keseluruhan (laporan yang disetujui): {overall}" in public


def test_the_ranks_csv_writes_text_that_starts_like_a_formula_as_text(world: dict[str, Any]) -> None:
    """A size class named like a formula (the scheme is data) reaches the ranks CSV as text, while a
    negative improvement stays a number."""
    from django.urls import reverse

    from kotacerdas.evaluation.actions import do_enter_results, do_publish
    from kotacerdas.evaluation.models import Cycle

    cycle = Cycle.objects.get(pk=world["cycle_id"])
    scheme = cycle.size_scheme
    scheme["bands"] = [{**band, "code": "=HYPERLINK(1)"} for band in scheme["bands"]]
    Cycle.objects.filter(pk=cycle.pk).update(size_scheme=scheme)
    code = world["region"].code
    scores = f"region_code,baseline,output,outcome,impact,quick_win\n{code},1,1,1,1,1\n"
    do_enter_results(world["ayu"], Cycle.objects.get(pk=cycle.pk), scores)
    do_publish(world["ayu"], Cycle.objects.get(pk=cycle.pk))
    ayu = Client()
    ayu.force_login(world["ayu"])
    ranks = ayu.get(reverse("evaluation:results_csv", args=[cycle.pk])).content.decode()
    (row,) = csv.DictReader(io.StringIO(ranks))
    assert row["size_class"] == "'=HYPERLINK(1)" and row["region_code"] == code
    assert row["improvement"] == "-2", "a fall from the published 3 of 2025, written as a number"


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
    from kotacerdas.monitoring.models import InitiativeReport, Milestone, Period
    from kotacerdas.planning.models import Initiative, QuickWin
    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    region, dewi_user = world["region"], world["dewi"]
    code = region.code
    add_milestone, review = action("monitoring.do_add_milestone"), action("monitoring.do_review_report")
    save_report = action("monitoring.do_save_initiative_report")

    first = QuickWin.objects.get(pk=world["quickwin_id"])
    launched = Milestone.objects.get(pk=world["milestone_id"], title="Peluncuran")  # the world's, 2026
    add_milestone(dewi_user, first, title="Uji coba", year=2026)
    report = InitiativeReport.objects.get(pk=world["initiative_report_id"])
    review(dewi_user, report, decision="returned", reason="Tandai tonggak yang selesai")
    report = save_report(
        world["contributor"],
        Period.objects.get(pk=world["period_id"]),
        Initiative.objects.get(pk=world["initiative_id"]),
        implementation="running",
        milestones=[launched],
        submit=True,
        version=InitiativeReport.objects.get(pk=report.pk).version,
    )
    review(dewi_user, report, decision="approved")

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
        for cells in _table_rows(monitoring.split('id="quick-wins"', 1)[1].split("</table>", 1)[0])
        if cells[0].isdigit()
    }
    in_api = {
        p["year"]: (p["quick_win"]["done"], p["quick_win"]["planned"])
        for p in dewi.get(f"/api/v1/regions/{code}/monitoring/periods").json()
    }
    public = _text(visitor.get(f"/publik/r/{code}/").content.decode())
    content = visitor.get(f"/api/v1/portal/regions/{code}").json()["content"]
    in_portal_api = {q["year"]: (q["done"], q["planned"]) for q in content["quick_win_progress"]}
    for year, (done, planned) in expected.items():
        assert on_page[year] == (done, planned), on_page
        assert in_api[year] == (done, planned), in_api
        assert f"{year}: {done} dari {planned} tonggak Quick Win selesai" in public, public
        assert in_portal_api[year] == (done, planned), in_portal_api

    # the card and Ayu's national page count the year of the period reported now, the same way
    card = _text(dewi.get(f"/r/{code}/").content.decode())
    shown = int(card.split("Tonggak Quick Win s.d. ", 1)[1][:4])
    done, planned = expected[shown]
    assert f"Tonggak Quick Win s.d. {shown} {done} dari {planned} selesai" in card, card
    national = next(
        cells for cells in _table_rows(ayu.get("/monitoring/nasional/").content.decode()) if code in cells
    )
    assert national[4].startswith(str(shown)) and national[10] == f"{done} dari {planned}", national
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert (in_xlsx["Tonggak Quick Win yang selesai"], in_xlsx["Tonggak Quick Win yang direncanakan"]) == (
        done,
        planned,
    )

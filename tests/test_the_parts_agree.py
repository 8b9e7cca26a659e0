"""One fact, one record, every output. Each output has its own tests; these hold them against each other,
so a reader that drifts from the record of the fact fails:

- the demo region's yearly pagu: the adopted plan, Buku II, the portal snapshot, open data and the API;
- KPI actuals and initiative statuses: the approved reports on the monitoring page, the national view
  (screen, XLSX and API), and, once published, the public page, the portal API and the open data, also
  after a masterplan revision.

The yearly evaluation result is held together in test_the_parts_agree_evaluation.py, the Quick Win
milestones and progress in test_the_parts_agree_quick_win.py.
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

from tests.parts_agree import approve_world_reports, national_rows, percent, table_row, table_rows, text

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
# monitoring figures, each read from one record by every page, export, API and public page that shows it.


def test_a_kpi_actual_and_an_initiative_status_are_the_approved_reports_and_public_only_once_published(
    world: dict[str, Any],
) -> None:
    """Approved after Sleman's portal was published: the internal pages show the approved values at
    once, the public ones the snapshot until Dewi publishes again; then every output agrees."""
    from openpyxl import load_workbook

    from kotacerdas.portal.actions import do_publish_portal

    code = world["region"].code
    approve_world_reports(world)
    dewi, ayu, visitor = Client(), Client(), Client()
    dewi.force_login(world["dewi"])
    ayu.force_login(world["ayu"])

    # the internal pages: the approved actual (80 against the 2026 target of 100) and status
    monitoring = dewi.get(f"/r/{code}/monitoring/").content.decode()
    assert "100 / 80 (80,0%)" in table_row(monitoring, "Capaian")
    initiative = table_row(monitoring, "GOV-01")
    assert initiative[3] == "berjalan"
    overall = text(monitoring).split("Progres masterplan: ", 1)[1].split(" ", 1)[0]
    national = ayu.get("/monitoring/nasional/").content.decode()
    sleman = next(cells for cells in table_rows(national) if world["region"].name in cells)
    assert overall in sleman, (overall, sleman)
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert Decimal(str(in_xlsx["Progres (%)"])) == percent(overall)

    # the public still reads the snapshot published before the approval
    def public_actuals() -> tuple[Any, ...]:
        kpis = visitor.get(f"/api/v1/portal/regions/{code}").json()["content"]["kpis"]
        table = visitor.get("/data/kpi/data.csv").content.decode("utf-8-sig")
        in_csv = [r["actual"] for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code]
        in_json = [r["actual"] for r in visitor.get("/data/kpi/data.json").json() if r["region_code"] == code]
        return [k["actuals"] for k in kpis], in_csv, in_json

    assert public_actuals() == ([{}], [""], [None])
    assert "100 / 80" not in text(visitor.get(f"/publik/r/{code}/").content.decode())

    do_publish_portal(world["dewi"], world["region"], parts=["vision", "initiatives", "kpis", "milestones"])
    assert public_actuals() == ([{"2026": "80"}], ["80"], [80])
    public = visitor.get(f"/publik/r/{code}/").content.decode()
    assert table_row(public, "2026")[1:3] == ["100", "80"]
    assert table_row(public, "GOV-01")[2] == "berjalan"
    assert f"Progres keseluruhan (laporan yang disetujui): {overall}" in text(public)
    table = visitor.get("/data/inisiatif/data.csv").content.decode("utf-8-sig")
    (row,) = [r for r in csv.DictReader(io.StringIO(table)) if r["region_code"] == code]
    assert row["status"] == "running" and Decimal(row["progress"]) == percent(initiative[4])


def test_after_a_revision_the_region_card_and_the_national_page_count_the_same_reports(
    world: dict[str, Any],
) -> None:
    """Sleman's 2026 period belongs to revision 1 after Dewi starts revision 2 (2027–2031): the region's
    card, its monitoring page and Ayu's national page (screen and XLSX) count and weigh the same items."""
    from openpyxl import load_workbook

    from kotacerdas.portal.actions import do_publish_portal
    from tests.world import action

    code = world["region"].code
    approve_world_reports(world)
    action("planning.do_start_revision")(world["dewi"], world["region"], 2027, 2031)
    dewi, ayu = Client(), Client()
    dewi.force_login(world["dewi"])
    ayu.force_login(world["ayu"])

    monitoring = dewi.get(f"/r/{code}/monitoring/")
    assert monitoring.status_code == 200
    card = text(dewi.get(f"/r/{code}/").content.decode())
    reported = card.split("Dilaporkan ", 1)[1].split(")", 1)[0] + ")"
    national = next(
        cells for cells in table_rows(ayu.get("/monitoring/nasional/").content.decode()) if code in cells
    )
    assert f"{national[6]} / {national[5]} ({national[8]})" == reported, (reported, national)
    sheet = load_workbook(io.BytesIO(ayu.get("/monitoring/nasional/xlsx/").content)).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    (in_xlsx,) = [dict(zip(header, r, strict=True)) for r in rows if r[0] == code]
    assert (in_xlsx["Dilaporkan"], in_xlsx["Laporan yang diharapkan"]) == (int(national[6]), int(national[5]))
    overall = text(monitoring.content.decode()).split("Progres masterplan: ", 1)[1].split(" ", 1)[0]
    assert national[9] == overall
    # the evaluation of 2026 reads the same revision as the 2026 period (its pre-fill and frozen dimensions)
    from kotacerdas.evaluation.record import dimension_counts

    assert [(c.dimension, c.running, c.planned) for c in dimension_counts(world["region"], 2026)] == [
        ("governance", 1, 1)
    ]
    do_publish_portal(world["dewi"], world["region"], parts=["initiatives", "kpis"])  # reads the same figures
    public = text(Client().get(f"/publik/r/{code}/").content.decode())
    assert f"Progres keseluruhan (laporan yang disetujui): {overall}" in public


def test_the_national_monitoring_api_gives_the_rows_of_the_page_and_the_xlsx(world: dict[str, Any]) -> None:
    """Sleman reports 2026 (approved), Salatiga opens 2026 and reports nothing: every cell of Ayu's
    national page, its XLSX and GET /api/v1/monitoring/national is the same, row by row."""
    from datetime import date

    from rest_framework.authtoken.models import Token

    from tests.world import action

    approve_world_reports(world)
    action("monitoring.do_open_period")(
        world["budi"], world["region_a"], year=2026, closes_on=date(2027, 1, 31)
    )
    ayu = Client()
    ayu.force_login(world["ayu"])
    api = Client(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=world['ayu']).key}")
    rows = api.get("/api/v1/monitoring/national").json()["results"]
    page = ayu.get("/monitoring/nasional/").content.decode()
    on_page, in_xlsx, in_api = national_rows(page, ayu.get("/monitoring/nasional/xlsx/").content, rows)
    assert in_api == on_page == in_xlsx
    assert [row[0] for row in in_api] == [world["region"].code, world["region_a"].code]
    monitoring = ayu.get(f"/r/{world['region'].code}/monitoring/").content.decode()
    overall = text(monitoring).split("Progres masterplan: ", 1)[1].split(" ", 1)[0]
    assert in_api[0][9] == percent(overall) and in_api[0][7] == 2  # both of Sleman's reports approved

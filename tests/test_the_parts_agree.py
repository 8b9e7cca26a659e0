"""The demo region's yearly pagu is one fact read by every output: the adopted plan (its API answer),
Buku II, the published portal snapshot, the open-data CSV and JSON and the public API. Each has its own
tests; this one holds them against each other, so a reader that drifts from the plan of record fails."""

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

"""The open data: every public table of the portal, built from the published snapshots only.

Each table has a Frictionless Table Schema (field names and types), is written as CSV, JSON and XLSX
(text through ``kotacerdas.core.spreadsheet``, so it never becomes a formula), and is described by a
Frictionless data package (``datapackage.json``) whose resources point at the files beside it. The
DCAT-AP catalogue (``dcat.py``) names every table with its download URLs.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from openpyxl import Workbook

from kotacerdas.core.instruments.numbers import fraction_number, to_fraction
from kotacerdas.core.spreadsheet import append_row, csv_text
from kotacerdas.portal.models import Snapshot
from kotacerdas.portal.reading import evaluations_of, published_time
from kotacerdas.portal.snapshot import AUDIENCE, progress

Row = dict[str, Any]
FORMATS = {"csv": "text/csv", "json": "application/json", "xlsx": None}  # xlsx: the uploads' type


@dataclass(frozen=True)
class Table:
    name: str  # the URL slug, Indonesian
    title: Any
    description: Any
    fields: list[tuple[str, str]]  # (name, Frictionless type)
    rows: Callable[[list[Snapshot]], Iterator[Row]]  # the current snapshots of the public regions


def each(rows: Callable[[Snapshot], Iterator[Row]]) -> Callable[[list[Snapshot]], Iterator[Row]]:
    """A table whose rows come from each snapshot on its own."""

    def over(snapshots: list[Snapshot]) -> Iterator[Row]:
        for snap in snapshots:
            yield from rows(snap)

    return over


def _int(value: Any) -> int | None:
    return int(value) if value not in (None, "") else None


def _regions(snap: Snapshot) -> Iterator[Row]:
    region = snap.content["region"]
    yield {
        "region_code": region["code"],
        "region_name": region["name"],
        "province": region["province"],
        "size_class": region["size_class"],
        "published_at": published_time(snap.published_at),
        "content_hash": snap.content_hash,
        "overall_progress": progress(snap.content.get("overall")),
        "portal_url": reverse("portal:region", kwargs={"code": region["code"]}),
    }


def _initiatives(snap: Snapshot) -> Iterator[Row]:
    for dimension in snap.content.get("dimensions", []):
        for item in dimension["initiatives"]:
            yield {
                "region_code": snap.content["region"]["code"],
                "dimension": dimension["name"],
                "code": item["code"],
                "name": item["name"],
                "element": item["element"],
                "owner": item["owner"],
                "status": item["status"],
                "category": item["category"],
                "progress": progress(item["progress"]),
            }


def _kpis(snap: Snapshot) -> Iterator[Row]:
    for kpi in snap.content.get("kpis", []):
        for year in sorted({*kpi["targets"], *kpi["actuals"]}):
            yield {
                "region_code": snap.content["region"]["code"],
                "initiative_code": kpi["initiative"],
                "kpi": kpi["name"],
                "unit": kpi["unit"],
                "baseline": kpi["baseline"],
                "year": int(year),
                "target": kpi["targets"].get(year),
                "actual": kpi["actuals"].get(year),
            }


def _budget(snap: Snapshot) -> Iterator[Row]:
    for row in snap.content.get("budget", []):
        yield {"region_code": snap.content["region"]["code"], **row}


def _milestones(snap: Snapshot) -> Iterator[Row]:
    for row in snap.content.get("milestones", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "initiative_code": row["initiative"],
            "quick_win": row["quick_win"],
            "milestone": row["title"],
            "year": row["year"],
            "done": row["done"],
        }


def _quick_win_progress(snap: Snapshot) -> Iterator[Row]:
    """The snapshot's frozen Quick Win progress per year; one published before it was frozen has none."""
    for row in snap.content.get("quick_win_progress", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "year": row["year"],
            "milestones_done": row["done"],
            "milestones_planned": row["planned"],
        }


def _evaluations(snapshots: list[Snapshot]) -> Iterator[Row]:
    """The national publications' rows of the regions that publish the evaluation part (reading.py)."""
    for code, rows in sorted(evaluations_of(snapshots).items()):
        for row in rows:
            yield {
                "region_code": code,
                "year": row["year"],
                "total": row["total"],
                "improvement": row["improvement"],
                "size_class": row["size_class"],
                "rank_national": _int(row["rank_national"]),
                "rank_province": _int(row["rank_province"]),
                "rank_in_class": _int(row["rank_in_class"]),
            }


def _events(snap: Snapshot) -> Iterator[Row]:
    for event in snap.content.get("events", []):
        yield {
            "region_code": snap.content["region"]["code"],
            "held_on": event["held_on"],
            "title": event["title"],
            "place": event["place"],
            **event["audience"],
            "head_count": event["head_count"],
        }


S, N, INT = "string", "number", "integer"
TABLES = [
    Table(
        "wilayah",
        _("Regions with a published portal"),
        _("Every region whose portal is public, with its snapshot's date, hash and overall progress."),
        [
            ("region_code", S),
            ("region_name", S),
            ("province", S),
            ("size_class", S),
            ("published_at", "datetime"),
            ("content_hash", S),
            ("overall_progress", N),
            ("portal_url", S),
        ],
        each(_regions),
    ),
    Table(
        "inisiatif",
        _("Initiatives"),
        _("Initiatives per dimension with their implementation status and approved progress (%)."),
        [
            ("region_code", S),
            ("dimension", S),
            ("code", S),
            ("name", S),
            ("element", S),
            ("owner", S),
            ("status", S),
            ("category", S),
            ("progress", N),
        ],
        each(_initiatives),
    ),
    Table(
        "kpi",
        _("KPIs with targets and approved actuals"),
        _("Each KPI's target per year against its approved actual (empty while none is approved)."),
        [
            ("region_code", S),
            ("initiative_code", S),
            ("kpi", S),
            ("unit", S),
            ("baseline", N),
            ("year", INT),
            ("target", N),
            ("actual", N),
        ],
        each(_kpis),
    ),
    Table(
        "anggaran",
        _("Budget plan and realisation"),
        _("Pagu of the plan of record against approved realisation (Rp), per year and funding source."),
        [("region_code", S), ("year", INT), ("source", S), ("pagu", N), ("realised", N)],
        each(_budget),
    ),
    Table(
        "tonggak",
        _("Quick Win milestones"),
        _("Quick Win milestones per planned year, and whether an approved report marked them done."),
        [
            ("region_code", S),
            ("initiative_code", S),
            ("quick_win", S),
            ("milestone", S),
            ("year", INT),
            ("done", "boolean"),
        ],
        each(_milestones),
    ),
    Table(
        "progres-quick-win",
        _("Quick Win progress"),
        _(
            "Per year with a reporting period: the Quick Win milestones of the masterplan revision the "
            "year belongs to, planned up to the year, and how many an approved report marked done."
        ),
        [("region_code", S), ("year", INT), ("milestones_done", INT), ("milestones_planned", INT)],
        each(_quick_win_progress),
    ),
    Table(
        "evaluasi",
        _("Evaluation results"),
        _("Each region's results in the published national evaluations (monev)."),
        [
            ("region_code", S),
            ("year", INT),
            ("total", N),
            ("improvement", N),
            ("size_class", S),
            ("rank_national", INT),
            ("rank_province", INT),
            ("rank_in_class", INT),
        ],
        _evaluations,
    ),
    Table(
        "sosialisasi",
        _("Socialisation events"),
        _("Socialisation events with their audience per stakeholder group and total head count."),
        [
            ("region_code", S),
            ("held_on", "date"),
            ("title", S),
            ("place", S),
            *[(group, INT) for group in AUDIENCE],
            ("head_count", INT),
        ],
        each(_events),
    ),
]
BY_NAME = {table.name: table for table in TABLES}


def rows_of(table: Table, snapshots: list[Snapshot]) -> list[Row]:
    return list(table.rows(snapshots))


def _cell(value: Any) -> Any:
    if isinstance(value, bool):
        return "true" if value else "false"
    return "" if value is None else value


def as_csv(table: Table, rows: list[Row]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _type in table.fields])
    for row in rows:
        # only text can start like a formula; numbers stay exact numbers ("-1.5", not "'-1.5")
        writer.writerow([_csv_cell(row.get(name), kind) for name, kind in table.fields])
    return out.getvalue().encode()


def _csv_cell(value: Any, kind: str) -> Any:
    return csv_text(_cell(value)) if kind == S else _cell(value)


def as_json(table: Table, rows: list[Row]) -> bytes:
    """Numbers as JSON numbers (``11.25``, ``50``), as the data package's schema declares them."""
    data = [{name: _json_cell(row.get(name), kind) for name, kind in table.fields} for row in rows]
    return json.dumps(data, ensure_ascii=False, indent=1).encode()


def _json_cell(value: Any, kind: str) -> Any:
    if kind == N and value not in (None, ""):
        return fraction_number(to_fraction(value))  # whole: an exact int; else the shortest float
    return value


def as_xlsx(table: Table, rows: list[Row]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = table.name
    names = [name for name, _type in table.fields]
    append_row(sheet, names)
    for row in rows:
        append_row(sheet, [_xlsx_cell(row.get(name), kind) for name, kind in table.fields])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Any, kind: str) -> Any:
    if kind == N and value not in (None, ""):
        return fraction_number(to_fraction(value))  # a number to compute with; the CSV keeps the exact text
    return value


WRITERS = {"csv": as_csv, "json": as_json, "xlsx": as_xlsx}


def download_url(base: str, table: Table, fmt: str) -> str:
    return base + reverse("portal:dataset", kwargs={"table": table.name, "fmt": fmt})


def datapackage(table: Table, base: str) -> dict[str, Any]:
    """The Frictionless data package of one table: its CSV (beside the descriptor) with its schema."""
    return {
        "name": f"kotacerdas-{table.name}",
        "title": str(table.title),
        "description": str(table.description),
        "licenses": [{"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/"}],
        "homepage": base + reverse("portal:data_index"),
        "resources": [
            {
                "name": table.name,
                "path": "data.csv",
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": {"fields": [{"name": name, "type": kind} for name, kind in table.fields]},
            }
        ],
    }

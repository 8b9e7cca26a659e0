"""The plan of record as an XLSX workbook: the schedule with cost per year, and the yearly totals
against the pagu. Read-only (the initiatives' own workbook is the one that round-trips), so it names
the dimensions instead of giving their codes."""

from __future__ import annotations

import io

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from kotacerdas.core.plan import PlanOfRecord
from kotacerdas.core.spreadsheet import append_row
from kotacerdas.planning.reference import dimension_label


def plan_workbook(plan: PlanOfRecord | None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Rencana"
    if plan is None:
        append_row(sheet, [_("No schedule is adopted as the plan of record yet.")])
    else:
        _fill(workbook, plan)
    for ws in workbook.worksheets:
        for index in range(1, ws.max_column + 1):
            ws.column_dimensions[get_column_letter(index)].width = 16
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _fill(workbook: Workbook, plan: PlanOfRecord) -> None:
    sheet = workbook.active
    assert sheet is not None
    years = list(plan.years)
    append_row(sheet, ["kode", "nama", "dimensi", "opd", "mulai", "selesai", *[str(y) for y in years]])
    for item in plan.initiatives:
        cost = item.cost
        append_row(
            sheet,
            [
                item.code,
                item.name,
                dimension_label(item.dimension),
                item.owner,
                item.start_year,
                item.end_year,
            ]
            + [cost.get(y, 0) for y in years],
        )
    totals = workbook.create_sheet("Anggaran per tahun")
    append_row(totals, ["tahun", "direncanakan", "pagu"])
    for year, total in plan.totals_by_year().items():
        append_row(totals, [year, total, plan.ceilings.get(year)])
    left_out = workbook.create_sheet("Tidak dijadwalkan")
    append_row(left_out, ["kode", "nama", "alasan"])
    for unscheduled in plan.unscheduled:
        append_row(left_out, [unscheduled.code, unscheduled.name, unscheduled.reason])

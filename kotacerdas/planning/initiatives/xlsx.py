"""Initiatives, budgets and KPIs as one XLSX workbook (openpyxl); what is exported re-imports losslessly.

Sheets (docs/reference/initiatives-xlsx.md):

* ``Inisiatif`` - one initiative per row, keyed by ``code``;
* ``Anggaran`` - one budget row per initiative, year and funding source;
* ``KPI`` - one KPI per row with a ``target_<year>`` column per year of the period.

:func:`~kotacerdas.planning.initiatives.xlsx_read.read_workbook` checks every cell and the plan as a
whole; :func:`do_import_initiatives` saves everything in one transaction or nothing.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from openpyxl import Workbook
from openpyxl.utils import get_column_letter

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.core.spreadsheet import append_row
from kotacerdas.planning.checks import budget_code_warnings
from kotacerdas.planning.common import require_editor, require_masterplan, snapshot_if_saved
from kotacerdas.planning.initiatives.fields import initiative_code
from kotacerdas.planning.initiatives.xlsx_cells import RowError
from kotacerdas.planning.initiatives.xlsx_columns import (
    BUDGET_COLUMNS,
    COLUMN_OF,
    INITIATIVE_COLUMNS,
    NAME_OF,
    kpi_columns,
    name_of,
)
from kotacerdas.planning.initiatives.xlsx_read import ImportRejected, ParsedInitiative, read_workbook
from kotacerdas.planning.models import BudgetLine, Initiative, Kpi, Problem
from kotacerdas.regions.models import Region

SEP = "; "
FIELD_OF = {column: name for name, column in COLUMN_OF.items()}


def _yes_no(value: bool) -> str:
    return "ya" if value else "tidak"


# A cell of a field that is not the initiative's own attribute as it stands.
CELL_OF: dict[str, Callable[[Initiative], Any]] = {
    "owner": lambda i: i.owner.name,
    "problems": lambda i: SEP.join(p.code for p in i.problems.all()),
    "subactivity_codes": lambda i: SEP.join(i.subactivity_codes),
    "predecessors": lambda i: SEP.join(p.code for p in i.predecessors.all()),
    "mandatory": lambda i: _yes_no(i.mandatory),
    "citizen_benefit": lambda i: _yes_no(i.citizen_benefit),
}


def _cell(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _initiative_cell(item: Initiative, column: str) -> Any:
    if column.startswith("score_"):
        return item.scores.get(column.removeprefix("score_"))
    if column.endswith("_name") and column.removesuffix("_name") in NAME_OF:
        return name_of(column.removesuffix("_name"), getattr(item, column.removesuffix("_name")))
    name = FIELD_OF.get(column, column)
    return CELL_OF[name](item) if name in CELL_OF else getattr(item, name)


def _initiative_row(item: Initiative) -> list[Any]:
    return [_cell(_initiative_cell(item, column)) for column in INITIATIVE_COLUMNS]


def export_workbook(region: Region) -> bytes:
    masterplan = require_masterplan(region)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "Inisiatif"
    append_row(sheet, INITIATIVE_COLUMNS)
    initiatives = (
        Initiative.objects.filter(region=region)
        .select_related("owner")
        .prefetch_related("problems", "predecessors", "budget_lines", "kpis")
    )
    budget = workbook.create_sheet("Anggaran")
    append_row(budget, BUDGET_COLUMNS)
    kpis = workbook.create_sheet("KPI")
    append_row(kpis, kpi_columns(masterplan.years))
    for item in initiatives:
        append_row(sheet, _initiative_row(item))
        for line in item.budget_lines.all():
            source_name = name_of("source", line.source)
            append_row(budget, [item.code, line.year, line.source, source_name, _cell(line.amount)])
        for kpi in item.kpis.all():
            targets = [
                _cell(Decimal(kpi.targets[str(y)])) if str(y) in kpi.targets else None
                for y in masterplan.years
            ]
            baseline = _cell(kpi.baseline) if kpi.baseline is not None else None
            append_row(kpis, [item.code, kpi.name, kpi.unit, baseline, *targets])
    for ws in workbook.worksheets:
        for index in range(1, ws.max_column + 1):
            ws.column_dimensions[get_column_letter(index)].width = 18
        ws.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def do_import_initiatives(actor: User, region: Region, data: bytes) -> dict[str, int]:
    """Create or update every initiative of the workbook with its budget and KPIs, all or nothing."""
    require_editor(actor, region)
    parsed = read_workbook(region, data)
    # by the code as the file writes it: a code stored in lower case is still the same initiative
    existing = {initiative_code(i.code): i for i in Initiative.objects.filter(region=region)}
    with transaction.atomic():
        saved, created = _save_initiatives(actor, region, parsed, existing)
        kpi_count = _save_links(region, parsed, {**existing, **saved}, saved)
        summary = {"created": created, "updated": len(saved) - created, "kpis": kpi_count}
        record(
            actor,
            "masterplan.import",
            saved[next(iter(saved))] if saved else region,
            before=None,
            after=summary,
            region=region,
        )
    return summary


def _save_initiatives(
    actor: User, region: Region, parsed: dict[str, ParsedInitiative], existing: dict[str, Initiative]
) -> tuple[dict[str, Initiative], int]:
    """Each initiative's own fields, audited; returns them by code and how many are new."""
    saved: dict[str, Initiative] = {}
    created = 0
    for code, item in parsed.items():
        initiative = existing.get(code) or Initiative(region=region)
        before = snapshot_if_saved(initiative)
        for name, value in item.fields.items():
            setattr(initiative, name, value)
        initiative.owner = item.owner  # type: ignore[assignment]
        initiative.full_clean(validate_constraints=False)
        initiative.save()
        created += before is None
        saved[code] = initiative
        record(
            actor,
            "masterplan.initiative.import",
            initiative,
            before=before,
            after=snapshot(initiative),
            region=region,
        )
    return saved, created


def _save_links(
    region: Region,
    parsed: dict[str, ParsedInitiative],
    everyone: dict[str, Initiative],
    saved: dict[str, Initiative],
) -> int:
    """Predecessors, problems, budget rows and KPIs, once every initiative exists; returns the KPIs."""
    problems = {p.code: p for p in Problem.objects.filter(region=region)}
    kpi_count = 0
    for code, item in parsed.items():
        initiative = saved[code]
        initiative.predecessors.set([everyone[p] for p in item.predecessors])
        initiative.problems.set([problems[p] for p in item.problems])
        initiative.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(initiative=initiative, year=y, source=s, amount=a)
            for (y, s), a in sorted(item.budget.items())
        )
        initiative.kpis.all().delete()
        for kpi in item.kpis:
            Kpi.objects.create(initiative=initiative, targets_start_year=initiative.start_year, **kpi)
            kpi_count += 1
    return kpi_count


@dataclass(frozen=True)
class ImportOutcome:
    """What an upload did: the counts when it was saved, or the cells to fix when nothing was."""

    summary: dict[str, int] | None
    row_errors: list[RowError]
    # well-formed sub-kegiatan codes that do not exist in the nomenclature: warned, not refused
    warnings: list[str] = field(default_factory=list)


def import_or_report(actor: User, region: Region, data: bytes) -> ImportOutcome:
    """:func:`do_import_initiatives` for the upload page: a rejected workbook is shown, not raised."""
    try:
        summary = do_import_initiatives(actor, region, data)
    except ImportRejected as rejected:
        return ImportOutcome(None, rejected.row_errors)
    warnings = [
        f"{initiative.code}: {warning}"
        for initiative in Initiative.objects.filter(region=region).order_by("code")
        for warning in budget_code_warnings(initiative.subactivity_codes)
    ]
    return ImportOutcome(summary, [], warnings)

"""An OPD's reporting sheet for one period: written to XLSX, read back with every problem located.

Two sheets, ``KPI`` and ``Inisiatif``, one row per item the person reports. The id columns tie a
row to its KPI or initiative; the descriptive columns (name, unit, target, pagu, status) are for
reading and ignored on import. Numbers are written as numbers and text as text (never a formula,
``core.spreadsheet.append_row``), so exporting, importing unchanged and exporting again gives the
same workbook. Reading checks every cell with the actions' own rules and returns each problem by
sheet, row and column; nothing is saved here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook

from kotacerdas.core.spreadsheet import append_row, strip_control
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, KpiRule, Period
from kotacerdas.monitoring.overview import active_in
from kotacerdas.planning.models import FundingSource, Initiative, Kpi

KPI_SHEET = "KPI"
INITIATIVE_SHEET = "Inisiatif"
KPI_COLUMNS = [
    "kpi_id",
    "inisiatif",
    "kpi",
    "satuan",
    "jenis",
    "target",
    "nilai",
    "pembilang",
    "penyebut",
    "narasi",
    "status",
]
INITIATIVE_COLUMNS = [
    "inisiatif_id",
    "kode",
    "nama",
    "status_pelaksanaan",
    "progres",
    *[f"realisasi_{source}" for source in FundingSource.values],
    "narasi",
    "status",
]
MAX_ROWS = 2000


@dataclass
class RowError:
    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return _("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % self.__dict__


class SheetRejected(ValidationError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__([str(e) for e in errors])
        self.row_errors = errors


@dataclass
class ParsedSheet:
    kpis: list[tuple[int, Kpi, dict[str, Any]]] = field(default_factory=list)
    initiatives: list[tuple[int, Initiative, dict[str, Any]]] = field(default_factory=list)


def cell(value: Decimal | None) -> int | float | None:
    """A stored decimal as a spreadsheet number (whole numbers stay integers)."""
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def write(period: Period, kpis: list[Kpi], initiatives: list[Initiative]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = KPI_SHEET
    append_row(sheet, KPI_COLUMNS)
    reports = {r.kpi_id: r for r in KpiReport.objects.filter(period=period, kpi__in=kpis)}
    rules = {r.kpi_id: r for r in KpiRule.objects.filter(kpi__in=kpis)}
    for kpi in kpis:
        report = reports.get(kpi.pk)
        kind = rules[kpi.pk].kind if kpi.pk in rules else KpiRule.Kind.NUMBER
        percentage = kind == KpiRule.Kind.PERCENTAGE
        target = (kpi.targets or {}).get(str(period.year))
        append_row(
            sheet,
            [
                kpi.pk,
                kpi.initiative.code,
                kpi.name,
                kpi.unit,
                kind,
                cell(Decimal(target)) if target else None,
                None if report is None or percentage else cell(report.value),
                cell(report.numerator) if report else None,
                cell(report.denominator) if report else None,
                report.narrative if report else "",
                report.status if report else "",
            ],
        )
    sheet = book.create_sheet(INITIATIVE_SHEET)
    append_row(sheet, INITIATIVE_COLUMNS)
    by_initiative = {
        r.initiative_id: r
        for r in InitiativeReport.objects.filter(period=period, initiative__in=initiatives).prefetch_related(
            "realisations"
        )
    }
    for initiative in initiatives:
        found = by_initiative.get(initiative.pk)
        realised = {r.source: r.amount for r in found.realisations.all()} if found else {}
        append_row(
            sheet,
            [
                initiative.pk,
                initiative.code,
                initiative.name,
                found.implementation if found else "",
                cell(found.progress) if found else None,
                *[cell(realised.get(source)) for source in FundingSource.values],
                found.narrative if found else "",
                found.status if found else "",
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _text(value: Any) -> str:
    return "" if value is None else strip_control(str(value)).strip()


def read(content: bytes, period: Period, kpis: list[Kpi], initiatives: list[Initiative]) -> ParsedSheet:
    """The rows that carry a report, or ``SheetRejected`` naming every problem found."""
    errors: list[RowError] = []
    try:
        book = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except Exception:
        raise ValidationError({"file": _("This is not a readable XLSX workbook.")}) from None
    parsed = ParsedSheet()
    known_kpis = {k.pk: k for k in kpis}
    known_initiatives = {i.pk: i for i in initiatives if active_in(i, period.year)}
    for name, columns, id_column in (
        (KPI_SHEET, KPI_COLUMNS, "kpi_id"),
        (INITIATIVE_SHEET, INITIATIVE_COLUMNS, "inisiatif_id"),
    ):
        if name not in book.sheetnames:
            errors.append(RowError(name, 1, "-", _("The sheet is missing.")))
            continue
        rows = list(book[name].iter_rows(values_only=True, max_row=MAX_ROWS + 1))
        header = [_text(h) for h in (rows[0] if rows else ())]
        missing = [c for c in columns if c not in header]
        if missing:
            errors.append(RowError(name, 1, ", ".join(missing), _("Required columns are missing.")))
            continue
        for number, values in enumerate(rows[1:], start=2):
            record = dict(zip(header, values, strict=False))
            if all(_text(v) == "" for v in values):
                continue
            raw_id = record.get(id_column)
            pk = int(raw_id) if isinstance(raw_id, (int, float)) and float(raw_id).is_integer() else None
            if name == KPI_SHEET:
                kpi = known_kpis.get(pk or 0)
                if kpi is None:
                    errors.append(
                        RowError(name, number, id_column, _("Not a KPI you report for in this period."))
                    )
                elif _has_kpi_value(record):
                    parsed.kpis.append((number, kpi, record))
            else:
                initiative = known_initiatives.get(pk or 0)
                if initiative is None:
                    errors.append(
                        RowError(
                            name, number, id_column, _("Not an initiative you report for in this period.")
                        )
                    )
                elif _text(record.get("status_pelaksanaan")):
                    parsed.initiatives.append((number, initiative, record))
    if errors:
        raise SheetRejected(errors)
    return parsed


def _has_kpi_value(record: dict[str, Any]) -> bool:
    return any(_text(record.get(column)) for column in ("nilai", "pembilang", "penyebut"))

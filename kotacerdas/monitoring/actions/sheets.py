"""Importing an OPD's reporting sheet: all rows or none, errors by sheet, row and column."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record
from kotacerdas.monitoring import sheets
from kotacerdas.monitoring.access import can_report, reportable_initiatives, reportable_kpis
from kotacerdas.monitoring.actions.common import parse_number, require_writable
from kotacerdas.monitoring.actions.reports import do_save_initiative_report, do_save_kpi_report
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, Period
from kotacerdas.monitoring.overview import active_in
from kotacerdas.planning.models import FundingSource

# the field an action names → the sheet's column
KPI_FIELDS = {"value": "nilai", "numerator": "pembilang", "denominator": "penyebut", "evidence_file": "nilai"}
INITIATIVE_FIELDS = {"implementation": "status_pelaksanaan", "progress": "progres", "milestones": "status"}


def _same(stored: Decimal | None, raw: Any) -> bool:
    """Whether a cell holds the stored number, read as the save reads it (text "1.500" is 1500)."""
    try:
        return parse_number(raw, "-", required=False) == stored
    except ValidationError:
        return False


def _realised(row: dict[str, Any], source: str) -> Any:
    return row.get(sheets.REALISED.format(source))


def _kpi_unchanged(report: KpiReport, row: dict[str, Any]) -> bool:
    return (
        (_same(report.value, row.get("nilai")) or report.numerator is not None)
        and _same(report.numerator, row.get("pembilang"))
        and _same(report.denominator, row.get("penyebut"))
        and (row.get("narasi") or "") == report.narrative
    )


def _initiative_unchanged(report: InitiativeReport, row: dict[str, Any], implementation: str) -> bool:
    realised = {r.source: r.amount for r in report.realisations.all()}
    return (
        implementation == report.implementation
        and _same(report.progress, row.get("progres"))
        and all(_same(realised.get(s), _realised(row, s)) for s in FundingSource.values)
        and (row.get("narasi") or "") == report.narrative
    )


def _where(error: ValidationError, sheet: str, row: int, fields: dict[str, str]) -> list[sheets.RowError]:
    if hasattr(error, "error_dict"):
        return [
            sheets.RowError(
                sheet,
                row,
                fields.get(name, sheets.column_title(name.replace("realised_", "realisasi_"))),
                " ".join(messages),
            )
            for name, messages in error.message_dict.items()
        ]
    return [sheets.RowError(sheet, row, "-", " ".join(error.messages))]


def do_import_sheet(actor: User, period: Period, content: bytes) -> int:
    """Save every changed row of the sheet as the person's draft reports; one bad row saves nothing."""
    if not can_report(actor, period.region):
        raise ActionNotAllowed(_("You may report only for your own OPD's KPIs and initiatives."))
    require_writable(period)
    kpis, initiatives = sheet_items(actor, period)
    parsed = sheets.read(content, period, kpis, initiatives)
    statuses = sheets.implementation(period.region)
    errors: list[sheets.RowError] = []
    saved = 0
    with transaction.atomic():
        for number, kpi, row in parsed.kpis:
            report = KpiReport.objects.filter(period=period, kpi=kpi).first()
            if report is not None and _kpi_unchanged(report, row):
                continue
            try:
                with transaction.atomic():
                    do_save_kpi_report(
                        actor,
                        period,
                        kpi,
                        value=row.get("nilai"),
                        numerator=row.get("pembilang"),
                        denominator=row.get("penyebut"),
                        narrative=str(row.get("narasi") or ""),
                    )
                saved += 1
            except ValidationError as error:
                errors += _where(error, sheets.KPI_SHEET, number, KPI_FIELDS)
        for number, initiative, row in parsed.initiatives:
            report_i = InitiativeReport.objects.filter(period=period, initiative=initiative).first()
            code = statuses.code(row.get("status_pelaksanaan"))
            # a code the region has since removed comes back as written: unchanged, not refused
            written = code or str(row.get("status_pelaksanaan")).strip()
            if report_i is not None and _initiative_unchanged(report_i, row, written):
                continue
            if code is None:
                errors.append(
                    sheets.RowError(sheets.INITIATIVE_SHEET, number, "status_pelaksanaan", statuses.refusal())
                )
                continue
            try:
                with transaction.atomic():
                    do_save_initiative_report(
                        actor,
                        period,
                        initiative,
                        implementation=code,
                        progress=row.get("progres"),
                        narrative=str(row.get("narasi") or ""),
                        realised={s: _realised(row, s) for s in FundingSource.values},
                        milestones=report_i.milestones_done.all() if report_i else (),
                    )
                saved += 1
            except ValidationError as error:
                errors += _where(error, sheets.INITIATIVE_SHEET, number, INITIATIVE_FIELDS)
        if errors:
            raise sheets.SheetRejected(errors)  # rolls back every row saved above
        record(
            actor, "monitoring.sheet.import", period, before=None, after={"rows": saved}, region=period.region
        )
    return saved


def sheet_items(actor: User, period: Period) -> tuple[list[Any], list[Any]]:
    kpis = [
        k for k in reportable_kpis(actor, period.region, period.year) if str(period.year) in (k.targets or {})
    ]
    initiatives = [
        i for i in reportable_initiatives(actor, period.region, period.year) if active_in(i, period.year)
    ]
    return kpis, initiatives

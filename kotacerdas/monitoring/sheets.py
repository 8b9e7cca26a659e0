"""An OPD's reporting sheet for one period: written to XLSX, read back with every problem located.

Two sheets, ``KPI`` and ``Inisiatif``, one row per item the person reports. The id columns tie a
row to its KPI or initiative; the descriptive columns (name, unit, kind, target, review status) are
for reading and ignored on import. People never need a code: the kind and the review status are
written by their names, the implementation status by the region's label (a dropdown fed by the
hidden sheet ``Pilihan``; the import also takes the label in the other language, or the code), and
each realisation column is headed by its funding source's name (``realisasi Lainnya``; the import
also takes the header of sheets written before, ``realisasi_OTHER``). Headers are fixed Indonesian
words whatever the page's language, so a sheet downloaded in one language imports in the other.
Numbers are written as numbers and text as text (never a formula, ``core.spreadsheet.append_row``),
so exporting, importing unchanged and exporting again gives the same workbook. Reading checks every
cell with the actions' own rules and returns each problem by sheet, row and column; nothing is saved
here.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from kotacerdas.core.spreadsheet import append_row, strip_control
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, KpiRule, Period, ReviewStatus
from kotacerdas.monitoring.overview import active_in
from kotacerdas.monitoring.statuses import status_set
from kotacerdas.planning.models import FundingSource, Initiative, Kpi
from kotacerdas.regions.models import Region
from kotacerdas.web.workbook_errors import RowError

KPI_SHEET = "KPI"
INITIATIVE_SHEET = "Inisiatif"
OPTIONS_SHEET = "Pilihan"  # hidden: the implementation statuses' labels the dropdown offers
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
MAX_ROWS = 2000
# A realisation's key in a parsed row, and the header of sheets written before the readable headers.
REALISED = "realisasi_{}"


def realised_header(source: str) -> str:
    """The header people read over a funding source's realisation: ``realisasi Lainnya``. Always the
    Indonesian name, as every other header, so the workbook reads back in any language."""
    with translation.override("id"):
        return f"realisasi {FundingSource(source).label}"


def initiative_columns() -> list[str]:
    return [
        "inisiatif_id",
        "kode",
        "nama",
        "status_pelaksanaan",
        "progres",
        *[realised_header(source) for source in FundingSource.values],
        "narasi",
        "status",
    ]


def column_title(key: str) -> str:
    """The header a parsed row's key was read from (``realisasi_OTHER`` → ``realisasi Lainnya``)."""
    for source in FundingSource.values:
        if key == REALISED.format(source):
            return realised_header(source)
    return key


def _normal(text: Any) -> str:
    """Text compared as a person means it: case, surrounding and repeated spaces ignored."""
    return " ".join(_text(text).split()).casefold()


def _header_keys() -> dict[str, str]:
    """Every header the import understands → the key of the parsed row."""
    keys = {_normal(column): column for column in [*KPI_COLUMNS, *initiative_columns()]}
    for source in FundingSource.values:
        key = REALISED.format(source)
        keys[_normal(key)] = key
        for language, _name in settings.LANGUAGES:
            with translation.override(language):
                keys[_normal(f"realisasi {FundingSource(source).label}")] = key
    return keys


@dataclass(frozen=True)
class Implementation:
    """A region's implementation statuses as the sheet writes them (the label of the page's language)
    and reads them back (that label, the label in another language, or the code)."""

    labels: dict[str, str]  # code → label, in the region's order
    codes: dict[str, str]  # normalised label or code → code

    def label(self, code: str) -> str:
        return self.labels.get(code, code)  # a code the region no longer has stays as it is

    def code(self, text: Any) -> str | None:
        return self.codes.get(_normal(text))

    def refusal(self) -> str:
        return _("Choose one of: %(labels)s.") % {"labels": ", ".join(self.labels.values())}


def implementation(region: Region) -> Implementation:
    labels = {code: status.label for code, status in status_set(region).items()}
    codes: dict[str, str] = {}
    for code, label in labels.items():  # the page's language first: it wins a clash
        codes.setdefault(_normal(label), code)
    for code in labels:
        codes.setdefault(_normal(code), code)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for code, status in status_set(region).items():
                codes.setdefault(_normal(status.label), code)
    return Implementation(labels, codes)


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
                str(KpiRule.Kind(kind).label),
                cell(Decimal(target)) if target else None,
                None if report is None or percentage else cell(report.value),
                cell(report.numerator) if report else None,
                cell(report.denominator) if report else None,
                report.narrative if report else "",
                _review(report),
            ],
        )
    statuses = implementation(period.region)
    sheet = book.create_sheet(INITIATIVE_SHEET)
    append_row(sheet, initiative_columns())
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
                statuses.label(found.implementation) if found else "",
                cell(found.progress) if found else None,
                *[cell(realised.get(source)) for source in FundingSource.values],
                found.narrative if found else "",
                _review(found),
            ],
        )
    _add_status_dropdown(book, sheet, statuses, rows=len(initiatives))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _review(report: KpiReport | InitiativeReport | None) -> str:
    return str(ReviewStatus(report.status).label) if report else ""


def _add_status_dropdown(book: Workbook, sheet: Worksheet, statuses: Implementation, rows: int) -> None:
    """A list of the region's labels on the status column, read from a hidden sheet: an inline list
    would break on a label with a comma and is capped at 255 characters."""
    options = book.create_sheet(OPTIONS_SHEET)
    options.sheet_state = "hidden"
    for label in statuses.labels.values():
        append_row(options, [label])
    if rows == 0 or not statuses.labels:
        return
    choice = DataValidation(
        type="list",
        formula1=f"{quote_sheetname(OPTIONS_SHEET)}!$A$1:$A${len(statuses.labels)}",
        allow_blank=True,
        showErrorMessage=True,
        error=statuses.refusal()[:255],  # Excel's limit for the message
    )
    column = get_column_letter(initiative_columns().index("status_pelaksanaan") + 1)
    choice.add(f"{column}2:{column}{rows + 1}")
    sheet.add_data_validation(choice)


def _text(value: Any) -> str:
    return "" if value is None else strip_control(str(value)).strip()


def read(content: bytes, period: Period, kpis: list[Kpi], initiatives: list[Initiative]) -> ParsedSheet:
    """The rows that carry a report, or ``SheetRejected`` naming every problem found."""
    errors: list[RowError] = []
    try:
        # not data_only: a formula cell must be told apart from an empty one (it is refused, as the
        # initiatives workbook refuses it), never read as blank
        book = load_workbook(io.BytesIO(content), read_only=True)
    except Exception:
        raise ValidationError({"file": _("This is not a readable XLSX workbook.")}) from None
    parsed = ParsedSheet()
    known_kpis = {k.pk: k for k in kpis}
    known_initiatives = {i.pk: i for i in initiatives if active_in(i, period.year)}
    keys = _header_keys()
    for name, columns, id_column in (
        (KPI_SHEET, KPI_COLUMNS, "kpi_id"),
        (INITIATIVE_SHEET, _initiative_keys(), "inisiatif_id"),
    ):
        if name not in book.sheetnames:
            errors.append(RowError(name, 1, "-", _("The sheet is missing.")))
            continue
        cells = list(book[name].iter_rows(max_row=MAX_ROWS + 1))
        rows = [tuple(cell.value for cell in row) for row in cells]
        header = [keys.get(_normal(h), _text(h)) for h in (rows[0] if rows else ())]
        errors.extend(_formulas(name, header, cells[1:]))
        missing = [column_title(c) for c in columns if c not in header]
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
                elif _text(record.get("narasi")):  # a narrative alone would be dropped unsaid
                    errors.append(RowError(name, number, "nilai", _("Enter a value.")))
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
                elif _has_initiative_input(record):  # progress or rupiah without a status: never dropped
                    refusal = implementation(period.region).refusal()
                    errors.append(RowError(name, number, "status_pelaksanaan", refusal))
    if errors:
        raise SheetRejected(errors)
    return parsed


def _formulas(sheet: str, header: list[str], rows: list[Any]) -> list[RowError]:
    formula = _("This cell holds a formula; write its value instead.")
    return [
        RowError(sheet, number, column_title(column), formula)
        for number, row in enumerate(rows, start=2)
        for column, cell in zip(header, row, strict=False)
        if cell.data_type == "f"
    ]


def _initiative_keys() -> list[str]:
    """The initiative sheet's columns as a parsed row names them."""
    realised = {realised_header(source): REALISED.format(source) for source in FundingSource.values}
    return [realised.get(column, column) for column in initiative_columns()]


def _has_initiative_input(record: dict[str, Any]) -> bool:
    typed = ["progres", "narasi", *(REALISED.format(source) for source in FundingSource.values)]
    return any(_text(record.get(column)) for column in typed)


def _has_kpi_value(record: dict[str, Any]) -> bool:
    return any(_text(record.get(column)) for column in ("nilai", "pembilang", "penyebut"))

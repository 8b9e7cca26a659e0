"""Reading the initiatives workbook: every cell and the plan as a whole are checked, and each problem
is reported by sheet, row and column (docs/reference/initiatives-xlsx.md). Nothing is saved here."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kotacerdas.core.budget_codes import BudgetCodeError, parse_budget_code
from kotacerdas.core.masterplan_checks import PlannedInitiative, check_plan
from kotacerdas.core.spreadsheet import strip_control
from kotacerdas.planning import reference
from kotacerdas.planning.checks import BLOCKING, budget_code_message, finding_message, planned_initiatives
from kotacerdas.planning.common import require_masterplan
from kotacerdas.planning.models import FundingSource, Initiative, Masterplan, Problem
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.params import parse_int

KPI_FIXED = ["initiative_code", "name", "unit", "baseline"]
MAX_ROWS = 5000


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 100, 12.5."""
    return format(value.normalize(), "f")


@dataclass
class RowError:
    """A problem at a place in the workbook; an empty sheet/column or row 0 means the whole of it."""

    sheet: str
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        if not self.sheet:  # the file itself ("not an XLSX workbook")
            return self.message
        if not self.row:
            return _("Sheet %(sheet)s: %(message)s") % self.__dict__
        if not self.column:
            return _("Sheet %(sheet)s, row %(row)s: %(message)s") % self.__dict__
        return _("Sheet %(sheet)s, row %(row)s, column %(column)s: %(message)s") % self.__dict__


@dataclass
class ParsedInitiative:
    row: int
    fields: dict[str, Any]
    problems: list[str]
    predecessors: list[str]
    owner: Opd | None
    budget: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    kpis: list[dict[str, Any]] = field(default_factory=list)


class ImportRejected(ValidationError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__([str(e) for e in errors])
        self.row_errors = errors


class _Sheet:
    def __init__(self, name: str, rows: list[tuple[Any, ...]], errors: list[RowError]) -> None:
        self.name = name
        self.header = [str(h).strip() if h is not None else "" for h in (rows[0] if rows else ())]
        self.rows = rows[1:]
        self.errors = errors

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        result = []
        for offset, row in enumerate(self.rows, start=2):
            if all(v is None or str(v).strip() == "" for v in row):
                continue
            result.append((offset, dict(zip(self.header, row, strict=False))))
        return result

    def error(self, row: int, column: str, message: str) -> None:
        self.errors.append(RowError(self.name, row, column, message))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return strip_control(str(value)).strip()  # a pasted control character would break every later export


def _int(sheet: _Sheet, row: int, column: str, value: Any, required: bool = True) -> int | None:
    if value is None or _text(value) == "":
        if required:
            sheet.error(row, column, _("This cell is required."))
        return None
    try:
        number = Decimal(_text(value))
    except InvalidOperation:
        sheet.error(row, column, _("“%(v)s” is not a whole number.") % {"v": value})
        return None
    if number != number.to_integral_value():
        sheet.error(row, column, _("“%(v)s” is not a whole number.") % {"v": value})
        return None
    return int(number)


def _decimal(sheet: _Sheet, row: int, column: str, value: Any, required: bool = False) -> Decimal | None:
    if value is None or _text(value) == "":
        if required:
            sheet.error(row, column, _("This cell is required."))
        return None
    try:
        return Decimal(str(value).strip().replace(" ", ""))
    except InvalidOperation:
        sheet.error(row, column, _("“%(v)s” is not a number.") % {"v": value})
        return None


def _choice(sheet: _Sheet, row: int, column: str, value: Any, choices: list[str]) -> str:
    text = _text(value)
    if text not in choices:
        sheet.error(
            row, column, _("“%(v)s” is not one of: %(choices)s.") % {"v": text, "choices": ", ".join(choices)}
        )
    return text


def _yes_no(sheet: _Sheet, row: int, column: str, value: Any) -> bool:
    text = _text(value).lower()
    if text in ("ya", "yes", "1", "true", "benar"):
        return True
    if text in ("", "tidak", "no", "0", "false", "salah"):
        return False
    sheet.error(row, column, _("Write “ya” or “tidak”."))
    return False


def _list(value: Any) -> list[str]:
    return [part.strip() for part in _text(value).replace(",", ";").split(";") if part.strip()]


def read_workbook(region: Region, data: bytes) -> dict[str, ParsedInitiative]:
    """Every initiative of the workbook, checked; raises ImportRejected listing every bad cell."""
    masterplan = require_masterplan(region)
    errors: list[RowError] = []
    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:
        raise ImportRejected([RowError("", 0, "", _("This file is not an XLSX workbook."))]) from None
    sheets = {}
    for name in ("Inisiatif", "Anggaran", "KPI"):
        if name not in workbook.sheetnames:
            errors.append(RowError(name, 0, "", _("The sheet is missing.")))
            continue
        rows = list(workbook[name].iter_rows(values_only=True, max_row=MAX_ROWS + 1))
        sheets[name] = _Sheet(name, rows, errors)
    if errors:
        raise ImportRejected(errors)
    parsed = _read_initiatives(region, sheets["Inisiatif"], masterplan)
    _read_budget(sheets["Anggaran"], parsed)
    _read_kpis(sheets["KPI"], parsed, masterplan)
    if not errors:
        _check_whole_plan(region, masterplan, parsed, sheets["Inisiatif"])
    if errors:
        raise ImportRejected(errors)
    return parsed


def _read_initiatives(region: Region, sheet: _Sheet, masterplan: Masterplan) -> dict[str, ParsedInitiative]:
    missing = [
        c for c in ("code", "name", "element", "owner_opd", "start_year", "duration") if c not in sheet.header
    ]
    for column in missing:
        sheet.error(1, column, _("The column is missing."))
    if missing:
        return {}
    opds = {}
    for opd in region.opds.all():
        opds[opd.name.lower()] = opd
        if opd.short_name:
            opds[opd.short_name.lower()] = opd
    problems = set(Problem.objects.filter(region=region).values_list("code", flat=True))
    elements = [code for code, _label in reference.elements()]
    result: dict[str, ParsedInitiative] = {}
    for row, values in sheet.records():
        code = _text(values.get("code"))
        if not code:
            sheet.error(row, "code", _("This cell is required."))
            continue
        if code in result:
            sheet.error(row, "code", _("Code %(code)s appears twice.") % {"code": code})
            continue
        name = _text(values.get("name"))
        if not name:
            sheet.error(row, "name", _("This cell is required."))
        element = _choice(sheet, row, "element", values.get("element"), elements)
        owner = opds.get(_text(values.get("owner_opd")).lower())
        if owner is None:
            sheet.error(
                row, "owner_opd", _("“%(v)s” is not an OPD of this region.") % {"v": values.get("owner_opd")}
            )
        linked = _list(values.get("problems"))
        for problem in linked:
            if problem not in problems:
                sheet.error(row, "problems", _("Problem %(code)s does not exist.") % {"code": problem})
        codes = _subactivity_codes(sheet, row, values.get("subactivity_codes"))
        scores = _scores(sheet, row, values)
        duration = _int(sheet, row, "duration", values.get("duration"))
        if duration is not None and duration < 1:
            sheet.error(row, "duration", _("The duration must be at least 1 year."))
        fields = {
            "code": code,
            "name": name,
            "element": element,
            "dimension": reference.dimension_of(element) or "",
            "type": _choice(sheet, row, "type", values.get("type"), list(Initiative.Type.values)),
            "description": _text(values.get("description")),
            "partners": _text(values.get("partners")),
            "rpjmd_targets": _text(values.get("rpjmd_targets")),
            "subactivity_codes": codes,
            "horizon": _choice(sheet, row, "horizon", values.get("horizon"), list(Initiative.Horizon.values)),
            "start_year": _int(sheet, row, "start_year", values.get("start_year")),
            "duration": duration,
            "total_cost": _decimal(sheet, row, "total_cost", values.get("total_cost")),
            "risks": _text(values.get("risks")),
            "status": _choice(
                sheet, row, "status", values.get("status") or "proposed", list(Initiative.Status.values)
            ),
            "mandatory": _yes_no(sheet, row, "mandatory", values.get("mandatory")),
            "citizen_benefit": _yes_no(sheet, row, "citizen_benefit", values.get("citizen_benefit")),
            "earliest_start_year": _int(
                sheet, row, "earliest_start_year", values.get("earliest_start_year"), False
            ),
            "pinned_start_year": _int(
                sheet, row, "pinned_start_year", values.get("pinned_start_year"), False
            ),
            "scores": scores,
        }
        result[code] = ParsedInitiative(row, fields, linked, _list(values.get("predecessors")), owner)
    return result


def _subactivity_codes(sheet: _Sheet, row: int, value: Any) -> list[str]:
    codes = []
    for text in _list(value):
        try:
            codes.append(str(parse_budget_code(text, require="sub_kegiatan")))
        except BudgetCodeError as error:
            sheet.error(row, "subactivity_codes", budget_code_message(error))
    return codes


def _scores(sheet: _Sheet, row: int, values: dict[str, Any]) -> dict[str, float]:
    scores = {}
    for criterion in reference.SCORED_CRITERIA:
        score = _int(sheet, row, f"score_{criterion}", values.get(f"score_{criterion}"), required=False)
        if score is not None and not 1 <= score <= 5:
            sheet.error(row, f"score_{criterion}", _("Scores run from 1 (low) to 5 (high)."))
        if score is not None:
            scores[criterion] = float(score)
    return scores


def _read_budget(sheet: _Sheet, parsed: dict[str, ParsedInitiative]) -> None:
    for row, values in sheet.records():
        code = _text(values.get("initiative_code"))
        if code not in parsed:
            sheet.error(
                row,
                "initiative_code",
                _("Initiative %(code)s is not in the Inisiatif sheet.") % {"code": code},
            )
            continue
        year = _int(sheet, row, "year", values.get("year"))
        source = _choice(sheet, row, "source", values.get("source"), list(FundingSource.values))
        amount = _decimal(sheet, row, "amount", values.get("amount"), required=True)
        if amount is not None and amount != amount.to_integral_value():
            sheet.error(row, "amount", _("Amounts are whole rupiah."))
        if year is None or amount is None:
            continue
        if (year, source) in parsed[code].budget:
            sheet.error(
                row,
                "year",
                _("%(code)s already has a %(source)s row for %(year)s.")
                % {"code": code, "source": source, "year": year},
            )
        parsed[code].budget[(year, source)] = amount


def _read_kpis(sheet: _Sheet, parsed: dict[str, ParsedInitiative], masterplan: Masterplan) -> None:
    year_columns = {}
    for column in sheet.header[len(KPI_FIXED) :]:
        suffix = column.removeprefix("target_")
        if not column.startswith("target_") or parse_int(suffix) not in masterplan.years:
            sheet.error(
                1, column, _("Target columns are target_<year> for the years of the masterplan period.")
            )
        else:
            year_columns[column] = int(suffix)
    for row, values in sheet.records():
        code = _text(values.get("initiative_code"))
        if code not in parsed:
            sheet.error(
                row,
                "initiative_code",
                _("Initiative %(code)s is not in the Inisiatif sheet.") % {"code": code},
            )
            continue
        name, unit = _text(values.get("name")), _text(values.get("unit"))
        if not name:
            sheet.error(row, "name", _("This cell is required."))
        if not unit:
            sheet.error(row, "unit", _("This cell is required."))
        targets = {}
        for column, year in year_columns.items():
            value = _decimal(sheet, row, column, values.get(column))
            if value is not None:
                targets[str(year)] = plain(value)
        baseline = _decimal(sheet, row, "baseline", values.get("baseline"))
        parsed[code].kpis.append({"name": name, "unit": unit, "baseline": baseline, "targets": targets})


def _check_whole_plan(
    region: Region, masterplan: Masterplan, parsed: dict[str, ParsedInitiative], sheet: _Sheet
) -> None:
    existing = {p.code: p for p in planned_initiatives(region) if p.code not in parsed}
    mine = {
        code: PlannedInitiative(
            code,
            p.fields["start_year"],
            p.fields["duration"],
            tuple(p.predecessors),
            dict(p.budget),
            p.fields["total_cost"],
        )
        for code, p in parsed.items()
    }
    column = {
        "cycle": "predecessors",
        "unknown_predecessor": "predecessors",
        "start_before_period": "start_year",
        "end_after_period": "duration",
        "budget_total_mismatch": "total_cost",
        "budget_outside_years": "start_year",
        "budget_negative": "total_cost",
    }
    for finding in check_plan(
        [*existing.values(), *mine.values()], (masterplan.period_start, masterplan.period_end)
    ):
        if finding.kind not in BLOCKING:
            continue
        codes = [finding.code] if finding.code else [str(c) for c in finding.values.get("path", ())]  # type: ignore[attr-defined]
        row = next((parsed[c].row for c in codes if c in parsed), 0)
        sheet.error(row, column[finding.kind], finding_message(finding))
    for _code, item in parsed.items():
        pinned = item.fields["pinned_start_year"]
        if pinned is not None and not masterplan.period_start <= pinned <= masterplan.period_end:
            sheet.error(
                item.row, "pinned_start_year", _("The pinned start year lies outside the masterplan period.")
            )


def budget_table(parsed: dict[str, ParsedInitiative]) -> dict[str, dict[int, Decimal]]:
    """Totals per initiative and year (handy in tests and previews)."""
    table: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for item in parsed.values():
        for (year, _source), amount in item.budget.items():
            table[item.fields["code"]][year] += amount
    return {code: dict(years) for code, years in table.items()}

"""Reading the initiatives workbook: the columns, every cell and the plan as a whole are checked, and
each problem is reported by sheet, row and column (docs/reference/initiatives-xlsx.md). Nothing is
saved here."""

from __future__ import annotations

import io
from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from kotacerdas.core.budget_codes import BudgetCodeError, parse_budget_code
from kotacerdas.core.masterplan_checks import Finding, PlannedInitiative, check_plan
from kotacerdas.planning import reference
from kotacerdas.planning.checks import BLOCKING, budget_code_message, finding_message, planned_initiatives
from kotacerdas.planning.common import require_masterplan
from kotacerdas.planning.initiatives import xlsx_cells as cells
from kotacerdas.planning.initiatives.fields import initiative_code
from kotacerdas.planning.initiatives.xlsx_cells import FORMULA, RowError, Sheet
from kotacerdas.planning.initiatives.xlsx_columns import (
    BUDGET_COLUMNS,
    BUDGET_NAMES,
    INITIATIVE_COLUMNS,
    INITIATIVE_NAMES,
    kpi_columns,
    names_in_every_language,
)
from kotacerdas.planning.models import BudgetLine, FundingSource, Initiative, Kpi, Masterplan, Problem
from kotacerdas.regions.models import Opd, Region

MAX_ROWS = 5000
SHEETS = ("Inisiatif", "Anggaran", "KPI")


def plain(value: Decimal) -> str:
    """A decimal without exponent or trailing zeros: 100, 12.5."""
    return format(value.normalize(), "f")


@dataclass
class ParsedInitiative:
    row: int
    fields: dict[str, Any]
    problems: list[str]
    predecessors: list[str]
    owner: Opd | None
    budget: dict[tuple[int, str], Decimal] = field(default_factory=dict)
    # the Anggaran row of each budget entry, to name it in a finding about that entry
    budget_rows: dict[tuple[int, str], int] = field(default_factory=dict)
    kpis: list[dict[str, Any]] = field(default_factory=list)


class ImportRejected(ValidationError):
    def __init__(self, errors: list[RowError]) -> None:
        super().__init__([str(e) for e in errors])
        self.row_errors = errors


def read_workbook(region: Region, data: bytes) -> dict[str, ParsedInitiative]:
    """Every initiative of the workbook, checked; raises ImportRejected listing every bad cell."""
    masterplan = require_masterplan(region)
    errors: list[RowError] = []
    sheets = _open(data, errors)
    if errors:
        raise ImportRejected(errors)
    sheets["Inisiatif"].check_columns(INITIATIVE_COLUMNS)
    sheets["Anggaran"].check_columns(BUDGET_COLUMNS)
    sheets["KPI"].check_columns(kpi_columns(masterplan.years), unknown=_unknown_kpi_column)
    if errors:  # a cell cannot be read under a column that is missing or misspelt
        raise ImportRejected(errors)
    parsed = _read_initiatives(region, sheets["Inisiatif"])
    _read_budget(sheets["Anggaran"], parsed)
    _read_kpis(sheets["KPI"], parsed, masterplan)
    if not errors:
        _check_whole_plan(region, masterplan, parsed, sheets)
    if errors:
        raise ImportRejected(errors)
    return parsed


def _open(data: bytes, errors: list[RowError]) -> dict[str, Sheet]:
    try:
        # not data_only: a formula cell must be told apart from an empty one (it is refused)
        workbook = load_workbook(io.BytesIO(data), read_only=True)
    except Exception:
        raise ImportRejected([RowError("", 0, "", _("This file is not an XLSX workbook."))]) from None
    sheets = {}
    for name in SHEETS:
        if name not in workbook.sheetnames:
            errors.append(RowError(name, 0, "", _("The sheet is missing.")))
            continue
        rows = [
            tuple(FORMULA if cell.data_type == "f" else cell.value for cell in row)
            for row in workbook[name].iter_rows(max_row=MAX_ROWS + 2)
        ]
        if len(rows) > MAX_ROWS + 1:
            errors.append(RowError(name, 0, "", _("The sheet has more than %(n)s rows.") % {"n": MAX_ROWS}))
        sheets[name] = Sheet(name, rows, errors)
    return sheets


def _unknown_kpi_column(column: str) -> str | None:
    if column.startswith("target_"):
        return _("Target columns are target_<year> for the years of the masterplan period.")
    return None


def _read_initiatives(region: Region, sheet: Sheet) -> dict[str, ParsedInitiative]:
    opds = {}
    for opd in region.opds.all():
        opds[opd.name.lower()] = opd
        if opd.short_name:
            opds[opd.short_name.lower()] = opd
    problems = set(Problem.objects.filter(region=region).values_list("code", flat=True))
    result: dict[str, ParsedInitiative] = {}
    for row, values in sheet.records():
        code = initiative_code(cells.text(sheet, row, "code", values.get("code"), _field("code"), True))
        if not code:
            continue
        if code in result:
            sheet.error(row, "code", _("Code %(code)s appears twice.") % {"code": code})
            continue
        owner = opds.get(cells.plain_text(values.get("owner_opd")).lower())
        if owner is None:
            sheet.error(
                row,
                "owner_opd",
                _("“%(v)s” is not an OPD of this region.") % {"v": cells.plain_text(values.get("owner_opd"))},
            )
        linked = cells.items(values.get("problems"))
        for problem in linked:
            if problem not in problems:
                sheet.error(row, "problems", _("Problem %(code)s does not exist.") % {"code": problem})
        _check_names(sheet, row, values, INITIATIVE_NAMES)
        fields = _initiative_fields(sheet, row, values)
        predecessors = [initiative_code(p) for p in cells.items(values.get("predecessors"))]
        result[code] = ParsedInitiative(row, {"code": code, **fields}, linked, predecessors, owner)
    return result


def _field(name: str) -> Any:
    return cells.field_of(Initiative, name)


def _initiative_fields(sheet: Sheet, row: int, values: dict[str, Any]) -> dict[str, Any]:
    """The initiative's own attributes from its row, each cell checked against its model field."""

    def text(name: str, required: bool = False) -> str:
        return cells.text(sheet, row, name, values.get(name), _field(name), required)

    def whole(name: str, required: bool = True) -> int | None:
        return cells.whole(sheet, row, name, values.get(name), _field(name), required)

    element = cells.choice(
        sheet, row, "element", values.get("element"), [c for c, _l in reference.elements()]
    )
    duration = whole("duration")
    if duration is not None and duration < 1:
        sheet.error(row, "duration", _("The duration must be at least 1 year."))
    return {
        "name": text("name", required=True),
        "element": element,
        "dimension": reference.dimension_of(element) or "",
        "type": cells.choice(sheet, row, "type", values.get("type"), list(Initiative.Type.values)),
        "description": text("description"),
        "partners": text("partners"),
        "rpjmd_targets": text("rpjmd_targets"),
        "subactivity_codes": _subactivity_codes(sheet, row, values.get("subactivity_codes")),
        "horizon": cells.choice(
            sheet, row, "horizon", values.get("horizon"), list(Initiative.Horizon.values)
        ),
        "start_year": whole("start_year"),
        "duration": duration,
        "total_cost": cells.rupiah(sheet, row, "total_cost", values.get("total_cost"), _field("total_cost")),
        "risks": text("risks"),
        "status": cells.choice(
            sheet, row, "status", values.get("status") or "proposed", list(Initiative.Status.values)
        ),
        "mandatory": cells.yes_no(sheet, row, "mandatory", values.get("mandatory")),
        "citizen_benefit": cells.yes_no(sheet, row, "citizen_benefit", values.get("citizen_benefit")),
        "earliest_start_year": whole("earliest_start_year", required=False),
        "pinned_start_year": whole("pinned_start_year", required=False),
        "scores": _scores(sheet, row, values),
    }


def _check_names(sheet: Sheet, row: int, values: dict[str, Any], names: dict[str, str]) -> None:
    """A name column only shows the name of the code beside it: an edit there would be lost, so it is
    refused (the name in either language, or an emptied cell, is fine)."""
    for code_column, name_column in names.items():
        written = cells.plain_text(values.get(name_column))
        allowed = names_in_every_language(code_column, cells.plain_text(values.get(code_column)))
        if written and allowed and written not in allowed:
            sheet.error(
                row,
                name_column,
                _("This column only shows the name; change the column %(column)s instead.")
                % {"column": code_column},
            )


def _subactivity_codes(sheet: Sheet, row: int, value: Any) -> list[str]:
    codes = []
    for text in cells.items(value):
        try:
            codes.append(str(parse_budget_code(text, require="sub_kegiatan")))
        except BudgetCodeError as error:
            sheet.error(row, "subactivity_codes", budget_code_message(error))
    return codes


def _scores(sheet: Sheet, row: int, values: dict[str, Any]) -> dict[str, float]:
    scores = {}
    for criterion in reference.SCORED_CRITERIA:
        column = f"score_{criterion}"
        score = cells.whole(sheet, row, column, values.get(column), required=False)
        if score is not None and not 1 <= score <= 5:
            sheet.error(row, column, _("Scores run from 1 (low) to 5 (high)."))
        if score is not None:
            scores[criterion] = float(score)
    return scores


def _initiative_of(
    sheet: Sheet, row: int, values: dict[str, Any], parsed: dict[str, ParsedInitiative]
) -> str:
    """The code in the row's initiative_code column when the Inisiatif sheet has it, else ""."""
    code = initiative_code(cells.plain_text(values.get("initiative_code")))
    if code not in parsed:
        message = _("Initiative %(code)s is not in the Inisiatif sheet.") % {"code": code}
        sheet.error(row, "initiative_code", message)
        return ""
    return code


def _read_budget(sheet: Sheet, parsed: dict[str, ParsedInitiative]) -> None:
    amount_field = cells.field_of(BudgetLine, "amount")
    for row, values in sheet.records():
        code = _initiative_of(sheet, row, values, parsed)
        if not code:
            continue
        year = cells.whole(sheet, row, "year", values.get("year"), cells.field_of(BudgetLine, "year"))
        source = cells.choice(sheet, row, "source", values.get("source"), list(FundingSource.values))
        _check_names(sheet, row, values, BUDGET_NAMES)
        amount = cells.rupiah(sheet, row, "amount", values.get("amount"), amount_field, required=True)
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
        parsed[code].budget_rows[(year, source)] = row


def _read_kpis(sheet: Sheet, parsed: dict[str, ParsedInitiative], masterplan: Masterplan) -> None:
    number_field = cells.field_of(Kpi, "baseline")  # the form checks the targets as the baseline
    for row, values in sheet.records():
        code = _initiative_of(sheet, row, values, parsed)
        if not code:
            continue
        name = cells.text(sheet, row, "name", values.get("name"), cells.field_of(Kpi, "name"), True)
        unit = cells.text(sheet, row, "unit", values.get("unit"), cells.field_of(Kpi, "unit"), True)
        targets = {}
        for year in masterplan.years:
            column = f"target_{year}"
            value = cells.decimal(sheet, row, column, values.get(column), number_field)
            if value is not None:
                targets[str(year)] = plain(value)
        baseline = cells.decimal(sheet, row, "baseline", values.get("baseline"), number_field)
        parsed[code].kpis.append({"name": name, "unit": unit, "baseline": baseline, "targets": targets})


# Where a finding of the plan is shown: the Inisiatif column of the initiative's row, or for a budget
# entry its own Anggaran row.
FINDING_COLUMN = {
    "cycle": "predecessors",
    "unknown_predecessor": "predecessors",
    "start_before_period": "start_year",
    "end_after_period": "duration",
    "budget_total_mismatch": "total_cost",
}
BUDGET_FINDING_COLUMN = {"budget_outside_years": "year", "budget_negative": "amount"}


def _check_whole_plan(
    region: Region, masterplan: Masterplan, parsed: dict[str, ParsedInitiative], sheets: dict[str, Sheet]
) -> None:
    # the region's other initiatives, by the code as the file writes it (a code stored before codes
    # were capitalised is still the same initiative)
    existing = [_capitalised(p) for p in planned_initiatives(region)]
    others = [p for p in existing if p.code not in parsed]
    mine = [
        PlannedInitiative(
            code,
            p.fields["start_year"],
            p.fields["duration"],
            tuple(p.predecessors),
            dict(p.budget),
            p.fields["total_cost"],
        )
        for code, p in parsed.items()
    ]
    for finding in check_plan([*others, *mine], (masterplan.period_start, masterplan.period_end)):
        if finding.kind in BLOCKING:
            _report(finding, parsed, sheets)
    for item in parsed.values():
        pinned = item.fields["pinned_start_year"]
        if pinned is not None and not masterplan.period_start <= pinned <= masterplan.period_end:
            sheets["Inisiatif"].error(
                item.row, "pinned_start_year", _("The pinned start year lies outside the masterplan period.")
            )


def _capitalised(item: PlannedInitiative) -> PlannedInitiative:
    return replace(
        item,
        code=initiative_code(item.code),
        predecessors=tuple(initiative_code(p) for p in item.predecessors),
    )


def _report(finding: Finding, parsed: dict[str, ParsedInitiative], sheets: dict[str, Sheet]) -> None:
    item = parsed.get(finding.code)
    if finding.kind in BUDGET_FINDING_COLUMN and item is not None:
        key = (int(str(finding.values["year"])), str(finding.values["source"]))
        row = item.budget_rows.get(key, 0)
        sheets["Anggaran"].error(row, BUDGET_FINDING_COLUMN[finding.kind], finding_message(finding))
        return
    codes = [finding.code] if finding.code else [str(c) for c in finding.values.get("path", ())]  # type: ignore[attr-defined]
    row = next((parsed[c].row for c in codes if c in parsed), 0)
    sheets["Inisiatif"].error(row, FINDING_COLUMN.get(finding.kind, ""), finding_message(finding))


def budget_table(parsed: dict[str, ParsedInitiative]) -> dict[str, dict[int, Decimal]]:
    """Totals per initiative and year (handy in tests and previews)."""
    table: dict[str, dict[int, Decimal]] = defaultdict(lambda: defaultdict(Decimal))
    for item in parsed.values():
        for (year, _source), amount in item.budget.items():
            table[item.fields["code"]][year] += amount
    return {code: dict(years) for code, years in table.items()}

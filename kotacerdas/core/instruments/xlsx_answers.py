"""Answers as an XLSX workbook, out and back in (the format is described in ``xlsx_format``).

An export lists every indicator, answered or not, so with no answers it is a
fill-in form; an import checks every value against the instrument as a CSV
upload would, naming the row of each problem.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from openpyxl import Workbook

from kotacerdas.core.spreadsheet import append_row

from .answers import AnswerRow, AnswerValue, collect_answers, rows_by_region
from .errors import AnswersError, Problem
from .model import ChoiceAnswer, Instrument, MaturityAnswer, NumberAnswer, YesNoAnswer
from .numbers import fraction_text, to_fraction
from .xlsx_format import ANSWER_SHEET, Source, cell_code, read_workbook, to_cell, workbook_bytes


def export_answers_xlsx(instrument: Instrument, answers: Mapping[str | None, Mapping[str, object]]) -> bytes:
    """Answers per region (``None`` = a single unnamed region) as a workbook the importer reads back.

    Every indicator gets a row, answered or not, so an export with no answers is
    a fill-in form. Names and an answer hint are added for people; the importer ignores them.
    """
    batch = any(region is not None for region in answers)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = ANSWER_SHEET
    header = ["indicator", "value", "name_id", "name_en", "answer_hint"]
    append_row(sheet, ["region", *header] if batch else header)
    for region, values in answers.items():
        for indicator in instrument.indicators():
            value = values.get(indicator.code)
            cells = [
                indicator.code,
                _answer_cell(value),
                indicator.name.id,
                indicator.name.en,
                _hint(indicator),
            ]
            append_row(sheet, [region or "", *cells] if batch else cells)
    about = workbook.create_sheet("about")
    append_row(about, ["field", "value"])
    append_row(about, ["instrument", instrument.id])
    append_row(about, ["version", instrument.version])
    return workbook_bytes(workbook)


def _answer_cell(value: object) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        return to_cell(fraction_text(value))
    return value


def _hint(indicator: Any) -> str:
    answer = indicator.answer
    if isinstance(answer, MaturityAnswer):
        return "level " + "/".join(str(value) for value in answer.level_values())
    if isinstance(answer, YesNoAnswer):
        return "yes/no"
    if isinstance(answer, NumberAnswer):
        bounds = [
            fraction_text(bound) if bound is not None else "" for bound in (answer.minimum, answer.maximum)
        ]
        return f"number {answer.unit} {bounds[0]}..{bounds[1]}".replace("  ", " ")
    assert isinstance(answer, ChoiceAnswer)
    return "one of " + "/".join(option.code for option in answer.options)


def import_answers_xlsx(source: Source, instrument: Instrument) -> dict[str | None, dict[str, AnswerValue]]:
    """Reads an answers workbook: {region or None: {indicator: value}}; blank values are no answer.

    Raises AnswersError naming the row of every problem (unknown code, duplicate, bad value).
    """
    sheets = read_workbook(source, AnswersError)
    rows = sheets.get(ANSWER_SHEET)
    if rows is None:
        raise AnswersError([Problem("missing_sheet", ANSWER_SHEET, None, {"sheet": ANSWER_SHEET})])
    answer_rows = [
        AnswerRow(cell_code(row.get("indicator")), _value(row.get("value")), number, _region(row))
        for number, row in rows
        if row.get("value") not in (None, "")
    ]
    result: dict[str | None, dict[str, AnswerValue]] = {}
    problems: list[Problem] = []
    for region, region_rows in rows_by_region(answer_rows).items():
        values, found = collect_answers(instrument, region_rows)
        result[region] = values
        problems += [Problem(problem.code, ANSWER_SHEET, problem.row, problem.params) for problem in found]
    if problems:
        raise AnswersError(problems)
    return result


def _region(row: Mapping[str, Any]) -> str | None:
    if "region" not in row:
        return None
    return cell_code(row.get("region")) or None


def _value(cell: Any) -> object:
    """Number cells keep their exact decimal meaning; text is passed on for the indicator to judge."""
    if isinstance(cell, float):
        return to_fraction(cell)
    return cell

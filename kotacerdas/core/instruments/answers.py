"""Answers: turning what a person typed (or a cell held) into a checked value.

One canonical value per answer type:

* maturity → ``int`` (the level)
* yes_no  → ``bool``
* number  → ``Fraction`` (exact)
* choice  → ``str`` (the option code)

The same functions serve the CLI (CSV), the XLSX import and the web form, so
the three accept exactly the same things and reject them with the same codes.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from kotacerdas.core.spreadsheet import FORMULA_STARTS, csv_text

from .errors import AnswersError, Problem
from .model import ChoiceAnswer, Indicator, Instrument, MaturityAnswer, NumberAnswer, YesNoAnswer
from .numbers import fraction_text, to_fraction

AnswerValue = int | bool | Fraction | str
Answers = Mapping[str, AnswerValue]

YES_WORDS = frozenset({"yes", "y", "ya", "true", "1", "benar"})
NO_WORDS = frozenset({"no", "n", "tidak", "false", "0", "salah"})
SINGLE_HEADER = ("indicator", "value")
BATCH_HEADER = ("region", "indicator", "value")


@dataclass(frozen=True)
class AnswerRow:
    """One answer as read from a file: where it came from, and the raw value."""

    indicator: str
    value: object
    row: int | None = None
    region: str | None = None


class _Rejected(Exception):
    """Internal: a single value was refused; carries the problem code and params."""

    def __init__(self, code: str, **params: Any) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


# ---------------------------------------------------------------- one value


def coerce_answer(indicator: Indicator, value: object) -> AnswerValue:
    """The canonical value of ``value`` for ``indicator``; raises AnswersError naming the indicator."""
    try:
        return _coerce(indicator, value)
    except _Rejected as rejected:
        raise AnswersError([Problem(rejected.code, indicator.code, None, rejected.params)]) from None


def _coerce(indicator: Indicator, value: object) -> AnswerValue:
    answer = indicator.answer
    if isinstance(answer, MaturityAnswer):
        return _coerce_level(indicator.code, answer, value)
    if isinstance(answer, YesNoAnswer):
        return _coerce_yes_no(indicator.code, value)
    if isinstance(answer, NumberAnswer):
        return _coerce_number(indicator.code, answer, value)
    return _coerce_choice(indicator.code, answer, value)


def _number_or_reject(code: str, value: object) -> Fraction:
    try:
        return to_fraction(value)
    except (ValueError, ZeroDivisionError):
        raise _Rejected("not_numeric", indicator=code, value=value) from None


def _coerce_level(code: str, answer: MaturityAnswer, value: object) -> int:
    number = _number_or_reject(code, value)
    allowed = answer.level_values()
    if not min(allowed) <= number <= max(allowed):
        raise _Rejected(
            "out_of_range",
            indicator=code,
            value=fraction_text(number),
            minimum=min(allowed),
            maximum=max(allowed),
        )
    if number.denominator != 1 or int(number) not in allowed:
        raise _Rejected("not_a_level", indicator=code, value=value, allowed=", ".join(map(str, allowed)))
    return int(number)


def _coerce_yes_no(code: str, value: object) -> bool:
    if isinstance(value, bool):
        return value
    word = str(value).strip().lower()
    if word in YES_WORDS:
        return True
    if word in NO_WORDS:
        return False
    raise _Rejected("not_yes_no", indicator=code, value=value)


def _coerce_number(code: str, answer: NumberAnswer, value: object) -> Fraction:
    number = _number_or_reject(code, value)
    too_low = answer.minimum is not None and number < answer.minimum
    too_high = answer.maximum is not None and number > answer.maximum
    if too_low or too_high:
        low = "" if answer.minimum is None else fraction_text(answer.minimum)
        high = "" if answer.maximum is None else fraction_text(answer.maximum)
        raise _Rejected(
            "out_of_range", indicator=code, value=fraction_text(number), minimum=low, maximum=high
        )
    return number


def _coerce_choice(code: str, answer: ChoiceAnswer, value: object) -> str:
    text = str(value).strip()
    if answer.option(text) is None:
        allowed = ", ".join(option.code for option in answer.options)
        raise _Rejected("not_a_choice", indicator=code, value=value, allowed=allowed)
    return text


def answer_text(value: object) -> str:
    """The text form that :func:`coerce_answer` reads back to the same value (used in CSV, hashes)."""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        return fraction_text(value)
    return str(value)


# ---------------------------------------------------------------- many values


def check_answers(instrument: Instrument, rows: Iterable[AnswerRow]) -> dict[str, AnswerValue]:
    """Checks the rows of ONE region: codes, duplicates and values. Raises AnswersError with every problem."""
    answers, problems = collect_answers(instrument, rows)
    if problems:
        raise AnswersError(problems)
    return answers


def collect_answers(
    instrument: Instrument, rows: Iterable[AnswerRow]
) -> tuple[dict[str, AnswerValue], list[Problem]]:
    """Like :func:`check_answers` but returns the valid answers and the problems instead of raising."""
    answers: dict[str, AnswerValue] = {}
    first_row: dict[str, int | None] = {}
    problems: list[Problem] = []
    indicators = {indicator.code: indicator for indicator in instrument.indicators()}
    for row in rows:
        code = str(row.indicator).strip()
        where = _row_path(row)
        if code in first_row:
            problems.append(
                Problem("duplicate_answer", where, row.row, {"indicator": code, "first": first_row[code]})
            )
            continue
        first_row[code] = row.row
        indicator = indicators.get(code)
        if indicator is None:
            is_group = instrument.node(code) is not None
            problem_code = "not_an_indicator" if is_group else "unknown_indicator"
            problems.append(Problem(problem_code, where, row.row, {"indicator": code}))
            continue
        try:
            answers[code] = _coerce(indicator, row.value)
        except _Rejected as rejected:
            problems.append(Problem(rejected.code, where, row.row, rejected.params))
    return answers, problems


def _row_path(row: AnswerRow) -> str:
    return f"region {row.region}" if row.region is not None else ""


def read_answer_rows(text: str, source: str = "") -> list[AnswerRow]:
    """Parses CSV text with header ``indicator,value`` or ``region,indicator,value``.

    Row numbers are the file's line numbers as a spreadsheet shows them
    (header = row 1, first answer = row 2). Raises AnswersError on an empty
    file, a bad header or a row with the wrong number of columns.
    """
    lines = list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))
    numbered = [
        (number, cells) for number, cells in enumerate(lines, start=1) if any(cell.strip() for cell in cells)
    ]
    if not numbered:
        raise AnswersError([Problem("empty_file", source, None, {})])
    header_row, header = numbered[0]
    columns = tuple(cell.strip().lower() for cell in header)
    if columns not in (SINGLE_HEADER, BATCH_HEADER):
        expected = f"{','.join(SINGLE_HEADER)} or {','.join(BATCH_HEADER)}"
        raise AnswersError(
            [Problem("bad_header", source, header_row, {"expected": expected, "found": ",".join(header)})]
        )
    return _rows_from_cells(numbered[1:], columns, source)


def _rows_from_cells(
    numbered: list[tuple[int, list[str]]], columns: tuple[str, ...], source: str
) -> list[AnswerRow]:
    rows: list[AnswerRow] = []
    problems: list[Problem] = []
    batch = columns == BATCH_HEADER
    for number, cells in numbered:
        if len(cells) != len(columns):
            problems.append(
                Problem("bad_row", source, number, {"expected": len(columns), "found": len(cells)})
            )
            continue
        values = dict(zip(columns, (_unescaped(cell.strip()) for cell in cells), strict=True))
        region = values["region"] if batch else None
        rows.append(AnswerRow(values["indicator"], values["value"], number, region))
    if problems:
        raise AnswersError(problems)
    return rows


def rows_by_region(rows: Iterable[AnswerRow]) -> dict[str | None, list[AnswerRow]]:
    """Splits rows per region, keeping the order in which regions first appear."""
    regions: dict[str | None, list[AnswerRow]] = {}
    for row in rows:
        regions.setdefault(row.region, []).append(row)
    return regions


def _unescaped(cell: str) -> str:
    """A cell as written by :func:`answers_to_csv`: the apostrophe before formula-like text is dropped."""
    return cell[1:] if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS) else cell


def _csv_cell(value: object) -> str:
    """Text through ``csv_text`` (never run as a formula); numbers, also stored as text, stay plain ("-3")."""
    if isinstance(value, str) and not _is_number_text(value):
        return str(csv_text(value))
    return answer_text(value)


def _is_number_text(text: str) -> bool:
    if text != text.strip():
        return False
    try:
        to_fraction(text)
    except (ValueError, ZeroDivisionError):
        return False
    return True


def answers_to_csv(answers: Mapping[str | None, Mapping[str, object]]) -> str:
    """CSV text that :func:`read_answer_rows` reads back (batch header when any region is named).
    Text that starts like a formula gets a leading apostrophe, which :func:`read_answer_rows` drops."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    batch = any(region is not None for region in answers)
    writer.writerow(BATCH_HEADER if batch else SINGLE_HEADER)
    for region, values in answers.items():
        for code, value in values.items():
            cells = [_csv_cell(code), _csv_cell(value)]
            writer.writerow([_csv_cell(region or ""), *cells] if batch else cells)
    return out.getvalue()

"""The cells of the initiatives workbook: a sheet's header and rows, and every kind of cell read and
checked against the model field it fills, each problem named by sheet, row and column.

A cell is checked here as strictly as the form checks the same field, so what the import accepts the
pages can show: an amount the database cannot hold, a formula read as an empty cell or a misspelt
column read as an empty one would otherwise be saved (or wipe data) without a word.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import models
from django.db.backends.base.operations import BaseDatabaseOperations
from django.utils.translation import gettext as _
from openpyxl.utils import get_column_letter

from kotacerdas.core.spreadsheet import strip_control
from kotacerdas.web.forms import NEGATIVE_AMOUNT, parse_signed_rupiah
from kotacerdas.web.workbook_errors import RowError


class Formula:
    """A cell that holds a formula: the workbook is read without evaluating it, so it has no value."""


FORMULA = Formula()


class Sheet:
    """One sheet: its header (row 1) and its non-empty rows as {column: value}."""

    def __init__(self, name: str, rows: list[tuple[Any, ...]], errors: list[RowError]) -> None:
        self.name = name
        self.header = [_text(h) for h in (rows[0] if rows else ())]
        self.rows = rows[1:]
        self.errors = errors
        # cells already reported as formulas: "this cell is required" would only add a wrong reason
        self.formulas: set[tuple[int, str]] = set()

    def check_columns(
        self, expected: Iterable[str], unknown: Callable[[str], str | None] = lambda column: None
    ) -> None:
        """Every expected column exactly once and no other: a misspelt or missing optional column
        would be read as an empty one and wipe what the initiatives hold. ``unknown`` may give a more
        precise message for a column that is not expected."""
        expected = list(expected)
        seen: set[str] = set()
        for index, column in enumerate(self.header):
            if not column:
                if any(_filled(row[index]) for row in self.rows if index < len(row)):
                    self.error(1, get_column_letter(index + 1), _("This column has no name in row 1."))
            elif column in seen:
                self.error(1, column, _("The column appears twice."))
            elif column not in expected:
                self.error(1, column, unknown(column) or _("Unknown column; check its name."))
            seen.add(column)
        for column in expected:
            if column not in seen:
                self.error(1, column, _("The column is missing."))

    def records(self) -> list[tuple[int, dict[str, Any]]]:
        result = []
        for number, row in enumerate(self.rows, start=2):
            if not any(_filled(v) for v in row):
                continue
            values = dict(zip(self.header, row, strict=False))
            for column, value in values.items():
                if value is FORMULA:
                    self.error(number, column, _("This cell holds a formula; write its value instead."))
                    self.formulas.add((number, column))
                    values[column] = None
            result.append((number, values))
        return result

    def error(self, row: int, column: str, message: str) -> None:
        if (row, column) not in self.formulas:
            self.errors.append(RowError(self.name, row, column, message))


def _filled(value: Any) -> bool:
    return value is FORMULA or not (value is None or str(value).strip() == "")


def _text(value: Any) -> str:
    if value is None or value is FORMULA:
        return ""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        value = int(value)  # 2027.0 is the year 2027; 1e+30 stays as written
    return strip_control(str(value)).strip()  # a pasted control character would break every later export


def field_of(model: type[models.Model], name: str) -> Any:
    return model._meta.get_field(name)


def text(sheet: Sheet, row: int, column: str, value: Any, field: Any, required: bool = False) -> str:
    """A text cell, at most as long as the model field takes."""
    result = _text(value)
    if required and not result:
        sheet.error(row, column, _("This cell is required."))
    if field.max_length and len(result) > field.max_length:
        sheet.error(row, column, _("At most %(n)s characters.") % {"n": field.max_length})
    return result


def whole(
    sheet: Sheet, row: int, column: str, value: Any, field: Any = None, required: bool = True
) -> int | None:
    """A whole number, inside the range of the model's integer field when given (PostgreSQL's: the
    range SQLite would take is larger)."""
    if _text(value) == "":
        if required:
            sheet.error(row, column, _("This cell is required."))
        return None
    number = _number(value)
    if number is None or not number.is_finite() or number != number.to_integral_value():
        sheet.error(row, column, _("“%(v)s” is not a whole number.") % {"v": _text(value)})
        return None
    # without a model field, the range of a big integer (int() of "1e999999999" would take minutes)
    low, high = (
        BaseDatabaseOperations.integer_field_ranges[field.get_internal_type()]
        if field
        else (-(2**63), 2**63 - 1)
    )
    if number < low:
        sheet.error(row, column, _("“%(v)s” cannot be negative.") % {"v": _text(value)})
        return None
    if number > high:
        sheet.error(
            row, column, _("“%(v)s” is too large: at most %(max)s.") % {"v": _text(value), "max": high}
        )
        return None
    return int(number)


def decimal(sheet: Sheet, row: int, column: str, value: Any, field: Any) -> Decimal | None:
    """A number (KPI baseline and targets) with no more digits than the model field holds."""
    if _text(value) == "":
        return None
    number = _number(value)
    if number is None or not number.is_finite():
        sheet.error(row, column, _("“%(v)s” is not a number.") % {"v": _text(value)})
        return None
    return number if _fits(sheet, row, column, value, number, field) else None


def rupiah(
    sheet: Sheet, row: int, column: str, value: Any, field: Any, required: bool = False
) -> Decimal | None:
    """Whole rupiah, not negative, written as the form takes it: 250000000, 250.000.000, Rp 250.000.000."""
    if _text(value) == "":
        if required:
            sheet.error(row, column, _("This cell is required."))
        return None
    number = _number(value) if isinstance(value, int | float) else _rupiah_text(_text(value))
    if number is None or not number.is_finite():
        sheet.error(
            row,
            column,
            _("“%(v)s” is not an amount in rupiah; write e.g. 250.000.000 or 250000000.")
            % {"v": _text(value)},
        )
        return None
    if number < 0:
        sheet.error(row, column, str(NEGATIVE_AMOUNT))
        return None
    if number != number.to_integral_value():
        sheet.error(row, column, _("Amounts are whole rupiah."))
        return None
    return number if _fits(sheet, row, column, value, number, field) else None


def _number(value: Any) -> Decimal | None:
    if isinstance(value, bool):
        return None
    try:  # a float through its shortest text: 0.1 is 0.1, not 0.1000000000000000055511151231257827
        return Decimal(_text(value).replace(" ", ""))
    except InvalidOperation:
        return None


def _rupiah_text(text: str) -> Decimal | None:
    try:
        return parse_signed_rupiah(text)
    except ValueError:
        return None


def _fits(sheet: Sheet, row: int, column: str, value: Any, number: Decimal, field: Any) -> bool:
    """Whether the number fits the model's DecimalField (as its form field would check it)."""
    # 12.50 has as many decimal places as 12.5: what is stored is the normalised number
    places = max(-number.normalize().as_tuple().exponent, 0)  # type: ignore[operator]  # finite: an int
    whole_digits = max(number.adjusted() + 1, 0)
    if places > field.decimal_places:
        sheet.error(
            row,
            column,
            _("“%(v)s” has too many decimal places: at most %(n)s.")
            % {"v": _text(value), "n": field.decimal_places},
        )
        return False
    limit = field.max_digits - field.decimal_places
    if whole_digits > limit:
        message = (
            _("“%(v)s” is too large: at most %(n)s digits.")
            if not field.decimal_places
            else _("“%(v)s” is too large: at most %(n)s digits before the decimal point.")
        )
        sheet.error(row, column, message % {"v": _text(value), "n": limit})
        return False
    return True


def choice(sheet: Sheet, row: int, column: str, value: Any, choices: list[str]) -> str:
    result = _text(value)
    if result not in choices:
        sheet.error(
            row,
            column,
            _("“%(v)s” is not one of: %(choices)s.") % {"v": result, "choices": ", ".join(choices)},
        )
    return result


def yes_no(sheet: Sheet, row: int, column: str, value: Any) -> bool:
    answer = _text(value).lower()
    if answer in ("ya", "yes", "1", "true", "benar"):
        return True
    if answer in ("", "tidak", "no", "0", "false", "salah"):
        return False
    sheet.error(row, column, _("Write “ya” or “tidak”."))
    return False


def items(value: Any) -> list[str]:
    """The parts of a list cell separated by ";" (or ",")."""
    return [part.strip() for part in _text(value).replace(",", ";").split(";") if part.strip()]


def plain_text(value: Any) -> str:
    return _text(value)

"""The core's answer problems in the user's language (keyed by the stable problem code)."""

from __future__ import annotations

from fractions import Fraction

from django.utils.translation import gettext as _

from kotacerdas.core.formatting import editable
from kotacerdas.core.instruments import Problem, ProblemsError


def _templates() -> dict[str, str]:
    return {
        "empty_file": _("The file is empty."),
        "bad_header": _("The header must be %(expected)s, found %(found)s."),
        "bad_row": _("Expected %(expected)s columns, found %(found)s."),
        "missing_sheet": _("The workbook has no sheet “%(sheet)s”."),
        "unreadable_file": _("The file cannot be read as a workbook."),
        "unknown_indicator": _("Unknown indicator code “%(indicator)s”."),
        "not_an_indicator": _("“%(indicator)s” is a group; answers go to indicators."),
        "duplicate_answer": _("Indicator “%(indicator)s” is answered more than once."),
        "not_a_level": _("%(indicator)s: “%(value)s” is not a level; choose one of %(allowed)s."),
        "not_yes_no": _("%(indicator)s: “%(value)s” is not yes or no."),
        "not_numeric": _("%(indicator)s: “%(value)s” is not a number."),
        "out_of_range": _("%(indicator)s: %(value)s is outside %(minimum)s–%(maximum)s."),
        "not_a_choice": _("%(indicator)s: “%(value)s” is not an option; choose one of %(allowed)s."),
        "missing_answer": _(
            "Indicator %(indicator)s has no answer yet (group %(group)s needs every answer)."
        ),
        "no_answers_in_group": _("Group %(group)s has no answers."),
        "no_answers": _("There are no answers to score yet."),
        "target_out_of_scale": _("The target %(value)s lies outside the scale %(minimum)s–%(maximum)s."),
        "not_scorable": _("This instrument is a framework without indicators; it cannot be scored."),
    }


# The numbers a range problem names, written as the pages write numbers (9,5 is outside 0–5).
RANGE_CODES = {"out_of_range", "target_out_of_scale"}
RANGE_PARAMS = {"value", "minimum", "maximum"}


def _text(value: object, number: bool = False) -> str:
    if isinstance(value, Fraction):
        value = str(float(value)) if value.denominator != 1 else str(value.numerator)
    text = str(value)
    try:
        return editable(text) if number and text else text
    except (ArithmeticError, ValueError):
        return text


def problem_message(problem: Problem) -> str:
    template = _templates().get(problem.code)
    if template is None:
        return problem.message
    ranged = problem.code in RANGE_CODES
    params = {key: _text(value, ranged and key in RANGE_PARAMS) for key, value in problem.params.items()}
    try:
        message = template % params
    except (KeyError, TypeError, ValueError):
        return problem.message
    if problem.row is not None:
        return _("Row %(row)s: %(message)s") % {"row": problem.row, "message": message}
    return message


def problem_messages(error: ProblemsError, limit: int = 20) -> list[str]:
    messages = [problem_message(problem) for problem in error.problems[:limit]]
    if len(error.problems) > limit:
        messages.append(_("…and %(count)s more problems.") % {"count": len(error.problems) - limit})
    return messages

"""Checking the answers and targets handed to ``score`` before anything is scored.

Each check collects every problem instead of stopping at the first, so one
AnswersError can name them all.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction

from .answers import AnswerValue, _coerce, _Rejected
from .errors import Problem
from .model import Instrument
from .numbers import fraction_text, to_fraction


def checked_answers(
    instrument: Instrument, answers: Mapping[str, object]
) -> tuple[dict[str, AnswerValue], list[Problem]]:
    indicators = {indicator.code: indicator for indicator in instrument.indicators()}
    values: dict[str, AnswerValue] = {}
    problems: list[Problem] = []
    for code, raw in answers.items():
        indicator = indicators.get(str(code))
        if indicator is None:
            kind = "not_an_indicator" if instrument.node(str(code)) else "unknown_indicator"
            problems.append(Problem(kind, str(code), None, {"indicator": code}))
            continue
        if raw is None or raw == "":
            continue  # an empty cell is no answer; the missing rule decides
        try:
            values[indicator.code] = _coerce(indicator, raw)
        except _Rejected as rejected:
            problems.append(Problem(rejected.code, indicator.code, None, rejected.params))
    return values, problems


def checked_targets(
    instrument: Instrument, targets: Mapping[str, object], default: object | None
) -> tuple[dict[str, Fraction], list[Problem]]:
    """Explicit targets per code, the default filling every indicator without one; checked once each."""
    goals: dict[str, Fraction] = {}
    problems: list[Problem] = []
    if default is not None:
        value = _target_value(instrument, "default_target", default, problems)
        if value is not None:
            goals.update(dict.fromkeys((indicator.code for indicator in instrument.indicators()), value))
    for code, raw in targets.items():
        if instrument.node(str(code)) is None:
            problems.append(Problem("unknown_target", str(code), None, {"code": code}))
            continue
        value = _target_value(instrument, str(code), raw, problems)
        if value is not None:
            goals[str(code)] = value
    return goals, problems


def _target_value(instrument: Instrument, code: str, raw: object, problems: list[Problem]) -> Fraction | None:
    try:
        value = to_fraction(raw)
    except (ValueError, ZeroDivisionError):
        problems.append(Problem("not_numeric", code, None, {"indicator": code, "value": raw}))
        return None
    if not instrument.scale_min <= value <= instrument.scale_max:
        params: dict[str, object] = {"code": code, "value": fraction_text(value)}
        params |= {"minimum": instrument.scale_min, "maximum": instrument.scale_max}
        problems.append(Problem("target_out_of_scale", code, None, params))
        return None
    return value

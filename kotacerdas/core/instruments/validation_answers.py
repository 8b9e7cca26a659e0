"""Reading an indicator's answer type: maturity levels, yes/no, a number, or a choice.

Each type has its own fields and its own checks (levels known, points on the
scale, goalposts apart); problems go to the shared :class:`~.validation_reader.Reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .model import (
    ANSWER_TYPES,
    DIRECTIONS,
    AnswerType,
    Choice,
    ChoiceAnswer,
    Level,
    MaturityAnswer,
    NumberAnswer,
    YesNoAnswer,
)
from .validation_reader import WHERE, Reader
from .validation_scale import read_levels

ANSWER_FIELDS = {
    "maturity": {"type", "levels"},
    "yes_no": {"type", "yes_points", "no_points"},  # not yes/no: YAML reads those keys as booleans
    "number": {"type", "unit", "direction", "lower", "upper", "min", "max"},
    "choice": {"type", "options"},
}
OPTION_FIELDS = {"code", "name", "points", WHERE}


def read_answer(
    reader: Reader,
    data: Any,
    path: str,
    node: Mapping[str, Any],
    level_sets: Mapping[str, tuple[Level, ...]],
) -> AnswerType | None:
    """The answer of the indicator ``node``; a maturity answer may name one of ``level_sets``."""
    if isinstance(data, Mapping) and WHERE not in data and WHERE in node:
        data = {**data, WHERE: node[WHERE]}  # XLSX: answer problems point at the node's row
    kind = data.get("type") if isinstance(data, Mapping) else None
    if kind not in ANSWER_TYPES:
        expected = "one of " + ", ".join(ANSWER_TYPES)
        reader.invalid(data, f"{path}.type", field="type", expected=expected, value=kind)
        return None
    answer = reader.mapping(data, path, ANSWER_FIELDS[str(kind)] | {WHERE})
    if kind == "maturity":
        return _read_maturity(reader, answer, path, level_sets)
    if kind == "yes_no":
        return _read_yes_no(reader, answer, path)
    if kind == "number":
        return _read_number(reader, answer, path)
    return _read_choice(reader, answer, path)


def _read_maturity(
    reader: Reader, data: Mapping[str, Any], path: str, level_sets: Mapping[str, tuple[Level, ...]]
) -> MaturityAnswer | None:
    reference = data.get("levels")
    if isinstance(reference, str):
        if reference not in level_sets:
            reader.add("unknown_level_set", reader.where(data, f"{path}.levels"), value=reference)
            return None
        return MaturityAnswer(level_sets[reference], reference)
    levels = read_levels(reader, reference, f"{path}.levels")
    return MaturityAnswer(levels) if levels else None


def _read_yes_no(reader: Reader, data: Mapping[str, Any], path: str) -> YesNoAnswer:
    low, high = reader.scale
    yes = reader.number(data, "yes_points", path, high)
    no = reader.number(data, "no_points", path, low)
    yes = high if yes is None else yes
    no = low if no is None else no
    reader.in_scale(yes, reader.where(data, f"{path}.yes_points"), "yes_points")
    reader.in_scale(no, reader.where(data, f"{path}.no_points"), "no_points")
    return YesNoAnswer(yes, no)


def _read_number(reader: Reader, data: Mapping[str, Any], path: str) -> NumberAnswer | None:
    for key in ("lower", "upper"):
        reader.required(data, key, path)
    lower, upper = reader.number(data, "lower", path), reader.number(data, "upper", path)
    minimum, maximum = reader.number(data, "min", path), reader.number(data, "max", path)
    if lower is None or upper is None:
        return None
    if lower == upper:
        reader.add("bad_goalposts", reader.where(data, path), lower=lower, upper=upper)
    if minimum is not None and maximum is not None and minimum >= maximum:
        reader.add("bad_range", reader.where(data, path), minimum=minimum, maximum=maximum)
    return NumberAnswer(
        lower=min(lower, upper),
        upper=max(lower, upper),
        direction=reader.choice(data, "direction", path, DIRECTIONS, "higher_is_better"),  # type: ignore[arg-type]
        unit=reader.string(data, "unit", path),
        minimum=minimum,
        maximum=maximum,
    )


def _read_choice(reader: Reader, data: Mapping[str, Any], path: str) -> ChoiceAnswer | None:
    options_data = data.get("options")
    if not isinstance(options_data, list) or not options_data:
        reader.add("missing_field", reader.where(data, f"{path}.options"), field="options")
        return None
    options: list[Choice] = []
    for index, item in enumerate(options_data):
        option_path = f"{path}.options[{index}]"
        option = reader.mapping(item, option_path, OPTION_FIELDS)
        code = reader.string(option, "code", option_path, required=True)
        if any(existing.code == code for existing in options):
            reader.add("duplicate_code", reader.where(option, f"{option_path}.code"), value=code, first=path)
        points = reader.number(option, "points", option_path)
        if points is None:
            reader.add("missing_field", reader.where(option, f"{option_path}.points"), field="points")
            continue
        reader.in_scale(points, reader.where(option, f"{option_path}.points"), "points")
        options.append(Choice(code, reader.text(option, "name", option_path, required=True), points))
    return ChoiceAnswer(tuple(options))

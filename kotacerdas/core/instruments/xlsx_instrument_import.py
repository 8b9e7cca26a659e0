"""Reading an instrument workbook (the format is described in ``xlsx_format``).

The sheets become the same mapping a YAML file holds, each part tagged with its
sheet and row, and go through the same validator; problems only a workbook can
have (an unknown field row, a parent below its child, a level or option naming
no indicator) are reported alongside the validator's.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from .errors import InstrumentError, Problem
from .model import Instrument
from .validation import parse_instrument
from .validation_reader import WHERE
from .xlsx_format import INSTRUMENT_FIELDS, Rows, Source, cell_code, cell_text, read_workbook

TRUE_WORDS = frozenset({"true", "yes", "ya", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "tidak", "0", "n", ""})


def import_instrument_xlsx(source: Source) -> Instrument:
    """Reads an instrument workbook; raises InstrumentError naming the sheet and row of every problem."""
    sheets = read_workbook(source, InstrumentError)
    problems: list[Problem] = []
    for required in ("instrument", "nodes"):
        if required not in sheets:
            problems.append(Problem("missing_sheet", required, None, {"sheet": required}))
    if problems:
        raise InstrumentError(problems)
    data = _instrument_mapping(sheets, problems)
    try:
        instrument = parse_instrument(data)
    except InstrumentError as error:
        raise InstrumentError([*problems, *error.problems]) from None
    if problems:
        raise InstrumentError(problems)
    return instrument


def _instrument_mapping(sheets: Mapping[str, Rows], problems: list[Problem]) -> dict[str, Any]:
    fields = {str(row.get("field", "")).strip(): row.get("value") for _, row in sheets["instrument"]}
    for number, row in sheets["instrument"]:
        field = str(row.get("field", "")).strip()
        if field not in INSTRUMENT_FIELDS:  # a typo would otherwise silently fall back to a default
            problems.append(Problem("unknown_field", "instrument", number, {"field": field}))
    data: dict[str, Any] = {key: cell_text(fields.get(key)) for key in ("id", "version", "kind", "status")}
    data |= {key: cell_text(fields.get(key)) or None for key in ("rule", "missing", "weight_check")}
    data["name"] = {"id": cell_text(fields.get("name_id")), "en": cell_text(fields.get("name_en"))}
    data["description"] = {
        "id": cell_text(fields.get("description_id")),
        "en": cell_text(fields.get("description_en")),
    }
    data["scale"] = {"min": _number(fields.get("scale_min")), "max": _number(fields.get("scale_max"))}
    data[WHERE] = {"path": "instrument", "row": None}
    data["hierarchy"] = [_pair(row, "name") for _, row in sheets.get("hierarchy", [])]
    data["sources"] = [cell_text(row.get("source")) for _, row in sheets.get("sources", [])]
    data["bands"] = [_band(number, row) for number, row in sheets.get("bands", [])]
    level_sets, inline_levels = _levels(sheets.get("level_sets", []))
    data["level_sets"] = level_sets
    options = _options(sheets.get("options", []))
    data["components"] = _tree(sheets["nodes"], inline_levels, options, problems)
    _check_references(sheets, data, problems)
    return _drop_empty(data)


def _drop_empty(data: dict[str, Any]) -> dict[str, Any]:
    """Blank optional fields mean "use the default", as an absent YAML key does."""
    return {key: value for key, value in data.items() if value not in (None, "")}


def _where(sheet: str, number: int) -> dict[str, Any]:
    return {"path": sheet, "row": number}


def _band(number: int, row: Mapping[str, Any]) -> dict[str, Any]:
    return {
        "code": cell_text(row.get("code")),
        "name": _pair(row, "name"),
        "min": _number(row.get("min")),
        WHERE: _where("bands", number),
    }


def _level(number: int, row: Mapping[str, Any]) -> dict[str, Any]:
    level: dict[str, Any] = {"level": _number(row.get("level")), WHERE: _where("level_sets", number)}
    level |= {pair: _pair(row, pair) for pair in ("name", "criteria", "evidence")}
    return level


def _levels(rows: Rows) -> tuple[dict[str, list[Any]], dict[str, list[Any]]]:
    named: dict[str, list[Any]] = {}
    inline: dict[str, list[Any]] = {}
    for number, row in rows:
        level = _level(number, row)
        indicator = cell_code(row.get("indicator"))
        if indicator:
            inline.setdefault(indicator, []).append(level)
        else:
            named.setdefault(cell_text(row.get("level_set")), []).append(level)
    return named, inline


def _options(rows: Rows) -> dict[str, list[Any]]:
    options: dict[str, list[Any]] = {}
    for number, row in rows:
        option = {
            "code": cell_code(row.get("code")),
            "name": _pair(row, "name"),
            "points": _number(row.get("points")),
        }
        options.setdefault(cell_code(row.get("indicator")), []).append(
            {**option, WHERE: _where("options", number)}
        )
    return options


def _tree(
    rows: Rows,
    inline_levels: Mapping[str, list[Any]],
    options: Mapping[str, list[Any]],
    problems: list[Problem],
) -> list[Any]:
    """Nests the flat node rows under their parents; a parent must appear above its children."""
    top: list[Any] = []
    groups: dict[str, list[Any]] = {}
    for number, row in rows:
        node = _node(number, row, inline_levels, options)
        parent = cell_code(row.get("parent"))
        if parent and parent not in groups:
            problems.append(Problem("unknown_parent", "nodes", number, {"parent": parent}))
            continue
        (groups[parent] if parent else top).append(node)
        if "children" in node:
            groups.setdefault(node["code"], node["children"])
    return top


def _node(
    number: int,
    row: Mapping[str, Any],
    inline_levels: Mapping[str, list[Any]],
    options: Mapping[str, list[Any]],
) -> dict[str, Any]:
    code = cell_code(row.get("code"))
    node: dict[str, Any] = {
        "code": code,
        "name": _pair(row, "name"),
        "weight": _number(row.get("weight")),
        "description": _pair(row, "description"),
        "optional": _flag(row.get("optional")),
        "example": _flag(row.get("example")),
        WHERE: _where("nodes", number),
    }
    answer_type = cell_text(row.get("answer_type"))
    if not answer_type:
        node |= {
            "children": [],
            "rule": cell_text(row.get("rule")) or None,
            "missing": cell_text(row.get("missing")) or None,
        }
        return _drop_empty_keys(node, ("rule", "missing", "weight"))
    answer: dict[str, Any] = {"type": answer_type}
    if answer_type == "maturity":
        answer["levels"] = cell_text(row.get("levels")) or inline_levels.get(code, [])
    elif answer_type == "choice":
        answer["options"] = options.get(code, [])
    else:
        for key in ("unit", "direction", "lower", "upper", "min", "max", "yes_points", "no_points"):
            value = row.get(key)
            if value not in (None, ""):
                answer[key] = cell_text(value) if key in ("unit", "direction") else _number(value)
    node["answer"] = answer
    evidence_required = _flag(row.get("evidence_required"))
    if evidence_required is not False:  # True, or a bad value the validator names
        node["evidence_required"] = evidence_required
    return _drop_empty_keys(node, ("weight",))


def _drop_empty_keys(node: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if not (key in keys and value in (None, ""))}


def _check_references(sheets: Mapping[str, Rows], data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Level and option rows must point at an indicator that exists."""
    codes = {cell_code(row.get("code")) for _, row in sheets["nodes"]}
    for sheet in ("level_sets", "options"):
        for number, row in sheets.get(sheet, []):
            indicator = cell_code(row.get("indicator"))
            if indicator and indicator not in codes:
                problems.append(Problem("unknown_reference", sheet, number, {"indicator": indicator}))


def _number(value: Any) -> Any:
    """Numbers stay numbers (the validator reads floats by their repr); text is left for it to judge."""
    if value is None or value == "":
        return None
    return value


def _flag(value: Any) -> Any:
    if isinstance(value, bool) or value is None:
        return bool(value)
    word = str(value).strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    return value  # the validator reports it


def _pair(row: Mapping[str, Any], prefix: str) -> dict[str, str]:
    return {"id": cell_text(row.get(f"{prefix}_id")), "en": cell_text(row.get(f"{prefix}_en"))}

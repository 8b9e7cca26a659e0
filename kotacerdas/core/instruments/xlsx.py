"""XLSX in and out, in one format for export and import.

*Instrument workbook* — one sheet per kind of row, columns found by their header name:

============  ================================================================
instrument    ``field`` / ``value`` pairs: id, version, kind, name_id, …
hierarchy     ``name_id``, ``name_en``: one row per depth
sources       ``source``: one row per source
bands         ``code``, ``name_id``, ``name_en``, ``min``
level_sets    ``level_set`` *or* ``indicator`` (inline levels), ``level``, names, criteria, evidence
nodes         ``code``, ``parent``, names, ``weight``, …, ``answer_type`` (blank = group), answer fields
options       ``indicator``, ``code``, ``name_id``, ``name_en``, ``points``
============  ================================================================

The importer turns the sheets into the same mapping a YAML file holds and hands
it to the same validator, so every problem is reported with its sheet and row.

*Answers workbook* — sheet ``answers`` with ``indicator`` and ``value`` (and
``region`` for many regions); other columns (names, answer hints) are for people
and ignored on import. Exporting with no answers gives a blank fill-in form.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterable, Mapping
from fractions import Fraction
from pathlib import Path
from typing import IO, Any

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from kotacerdas.core.spreadsheet import append_row

from .answers import AnswerRow, AnswerValue, collect_answers, rows_by_region
from .errors import AnswersError, InstrumentError, Problem
from .loader import WHERE, instrument_to_dict, parse_instrument
from .model import ChoiceAnswer, Instrument, MaturityAnswer, NumberAnswer, YesNoAnswer
from .numbers import fraction_text, to_fraction

Source = str | Path | bytes | IO[bytes]

INSTRUMENT_FIELDS = [
    "id",
    "version",
    "kind",
    "name_id",
    "name_en",
    "description_id",
    "description_en",
    "status",
    "scale_min",
    "scale_max",
    "rule",
    "missing",
    "weight_check",
]
TEXT_PAIRS = ("name", "description", "criteria", "evidence")
NODE_COLUMNS = [
    "code",
    "parent",
    "name_id",
    "name_en",
    "weight",
    "description_id",
    "description_en",
    "optional",
    "example",
    "rule",
    "missing",
    "answer_type",
    "levels",
    "unit",
    "direction",
    "lower",
    "upper",
    "min",
    "max",
    "yes_points",
    "no_points",
    "evidence_required",  # last, so the columns people already know keep their letters
]
LEVEL_COLUMNS = [
    "level_set",
    "indicator",
    "level",
    "name_id",
    "name_en",
    "criteria_id",
    "criteria_en",
    "evidence_id",
    "evidence_en",
]
OPTION_COLUMNS = ["indicator", "code", "name_id", "name_en", "points"]
BAND_COLUMNS = ["code", "name_id", "name_en", "min"]
ANSWER_SHEET = "answers"
TRUE_WORDS = frozenset({"true", "yes", "ya", "1", "y"})
FALSE_WORDS = frozenset({"false", "no", "tidak", "0", "n", ""})


# ================================================================= instrument: export


def export_instrument_xlsx(instrument: Instrument) -> bytes:
    """The instrument as an XLSX workbook that :func:`import_instrument_xlsx` reads back identically."""
    data = instrument_to_dict(instrument)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "instrument"
    append_row(sheet, ["field", "value"])
    for field in INSTRUMENT_FIELDS:
        append_row(sheet, [field, _cell(_instrument_value(data, field))])
    _append_sheet(
        workbook, "hierarchy", ["name_id", "name_en"], [[t["id"], t["en"]] for t in data["hierarchy"]]
    )
    _append_sheet(workbook, "sources", ["source"], [[source] for source in data["sources"]])
    _append_sheet(workbook, "bands", BAND_COLUMNS, [_band_row(band) for band in data["bands"]])
    _append_sheet(workbook, "level_sets", LEVEL_COLUMNS, list(_level_rows(data)))
    _append_sheet(
        workbook, "nodes", NODE_COLUMNS, [_node_row(node, parent) for node, parent in _flat_nodes(data)]
    )
    _append_sheet(workbook, "options", OPTION_COLUMNS, list(_option_rows(data)))
    return _save(workbook)


def _instrument_value(data: Mapping[str, Any], field: str) -> Any:
    if field.startswith("scale_"):
        return data["scale"][field.removeprefix("scale_")]
    for pair in ("name", "description"):
        if field.startswith(f"{pair}_"):
            return data[pair][field.removeprefix(f"{pair}_")]
    return data[field]


def _band_row(band: Mapping[str, Any]) -> list[Any]:
    return [band["code"], band["name"]["id"], band["name"]["en"], _cell(band["min"])]


def _level_row(level_set: str, indicator: str, level: Mapping[str, Any]) -> list[Any]:
    texts = [level[pair][language] for pair in ("name", "criteria", "evidence") for language in ("id", "en")]
    return [level_set, indicator, level["level"], *texts]


def _level_rows(data: Mapping[str, Any]) -> Iterable[list[Any]]:
    for name, levels in data["level_sets"].items():
        yield from (_level_row(name, "", level) for level in levels)
    for node, _ in _flat_nodes(data):
        answer = node.get("answer") or {}
        if answer.get("type") == "maturity" and isinstance(answer["levels"], list):
            yield from (_level_row("", node["code"], level) for level in answer["levels"])


def _option_rows(data: Mapping[str, Any]) -> Iterable[list[Any]]:
    for node, _ in _flat_nodes(data):
        answer = node.get("answer") or {}
        for option in answer.get("options", []):
            names = option["name"]
            yield [node["code"], option["code"], names["id"], names["en"], _cell(option["points"])]


def _flat_nodes(data: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], str]]:
    """Nodes parents-first, each with its parent's code ("" at the top)."""
    flat: list[tuple[Mapping[str, Any], str]] = []

    def add(nodes: list[Mapping[str, Any]], parent: str) -> None:
        for node in nodes:
            flat.append((node, parent))
            add(node.get("children", []), node["code"])

    add(data["components"], "")
    return flat


def _node_row(node: Mapping[str, Any], parent: str) -> list[Any]:
    answer = node.get("answer") or {}
    levels = answer.get("levels")
    values: dict[str, Any] = {
        "code": node["code"],
        "parent": parent,
        "name_id": node["name"]["id"],
        "name_en": node["name"]["en"],
        "weight": _cell(node["weight"]),
        "description_id": node["description"]["id"],
        "description_en": node["description"]["en"],
        "optional": node["optional"],
        "example": node["example"],
        "evidence_required": node.get("evidence_required", False),
        "rule": node.get("rule", ""),
        "missing": node.get("missing", ""),
        "answer_type": answer.get("type", ""),
        "levels": levels if isinstance(levels, str) else "",
    }
    for key in ("unit", "direction", "lower", "upper", "min", "max", "yes_points", "no_points"):
        values[key] = _cell(answer.get(key))
    return [values[column] for column in NODE_COLUMNS]


def _cell(value: Any) -> Any:
    """Exact decimal text becomes a number cell (what a spreadsheet user expects); 1/3 stays text."""
    if value is None:
        return ""
    if isinstance(value, str) and value and "/" not in value:
        try:
            number = Fraction(value)
        except ValueError:
            return value
        return number.numerator if number.denominator == 1 else float(value)
    return value


def _append_sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)


def _save(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# ================================================================= instrument: import


def import_instrument_xlsx(source: Source) -> Instrument:
    """Reads an instrument workbook; raises InstrumentError naming the sheet and row of every problem."""
    sheets = _read_workbook(source, InstrumentError)
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


Rows = list[tuple[int, dict[str, Any]]]


def _read_workbook(source: Source, error: type[InstrumentError] | type[AnswersError]) -> dict[str, Rows]:
    """Every sheet as (row number, {header: value}) pairs, blank rows skipped."""
    try:
        stream = io.BytesIO(source) if isinstance(source, bytes) else source
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except FileNotFoundError:
        raise error(
            [Problem("unreadable_file", str(source), None, {"file": source, "reason": "file not found"})]
        ) from None
    except (InvalidFileException, zipfile.BadZipFile, OSError, ValueError, KeyError) as exc:
        name = source if isinstance(source, str | Path) else "workbook"
        raise error([Problem("unreadable_file", str(name), None, {"file": name, "reason": exc})]) from None
    sheets = {sheet.title: _sheet_rows(sheet.iter_rows(values_only=True)) for sheet in workbook.worksheets}
    workbook.close()
    return sheets


def _sheet_rows(rows: Iterable[tuple[Any, ...]]) -> Rows:
    iterator = iter(rows)
    header = [str(cell).strip().lower() if cell is not None else "" for cell in next(iterator, ())]
    result: Rows = []
    for number, cells in enumerate(iterator, start=2):
        if all(cell is None or str(cell).strip() == "" for cell in cells):
            continue
        result.append((number, {name: cell for name, cell in zip(header, cells, strict=False) if name}))
    return result


def _instrument_mapping(sheets: Mapping[str, Rows], problems: list[Problem]) -> dict[str, Any]:
    fields = {str(row.get("field", "")).strip(): row.get("value") for _, row in sheets["instrument"]}
    for number, row in sheets["instrument"]:
        field = str(row.get("field", "")).strip()
        if field not in INSTRUMENT_FIELDS:  # a typo would otherwise silently fall back to a default
            problems.append(Problem("unknown_field", "instrument", number, {"field": field}))
    data: dict[str, Any] = {key: _text(fields.get(key)) for key in ("id", "version", "kind", "status")}
    data |= {key: _text(fields.get(key)) or None for key in ("rule", "missing", "weight_check")}
    data["name"] = {"id": _text(fields.get("name_id")), "en": _text(fields.get("name_en"))}
    data["description"] = {
        "id": _text(fields.get("description_id")),
        "en": _text(fields.get("description_en")),
    }
    data["scale"] = {"min": _number(fields.get("scale_min")), "max": _number(fields.get("scale_max"))}
    data[WHERE] = {"path": "instrument", "row": None}
    data["hierarchy"] = [_pair(row, "name") for _, row in sheets.get("hierarchy", [])]
    data["sources"] = [_text(row.get("source")) for _, row in sheets.get("sources", [])]
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
        "code": _text(row.get("code")),
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
        indicator = _code(row.get("indicator"))
        if indicator:
            inline.setdefault(indicator, []).append(level)
        else:
            named.setdefault(_text(row.get("level_set")), []).append(level)
    return named, inline


def _options(rows: Rows) -> dict[str, list[Any]]:
    options: dict[str, list[Any]] = {}
    for number, row in rows:
        option = {
            "code": _code(row.get("code")),
            "name": _pair(row, "name"),
            "points": _number(row.get("points")),
        }
        options.setdefault(_code(row.get("indicator")), []).append(
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
        parent = _code(row.get("parent"))
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
    code = _code(row.get("code"))
    node: dict[str, Any] = {
        "code": code,
        "name": _pair(row, "name"),
        "weight": _number(row.get("weight")),
        "description": _pair(row, "description"),
        "optional": _flag(row.get("optional")),
        "example": _flag(row.get("example")),
        WHERE: _where("nodes", number),
    }
    answer_type = _text(row.get("answer_type"))
    if not answer_type:
        node |= {
            "children": [],
            "rule": _text(row.get("rule")) or None,
            "missing": _text(row.get("missing")) or None,
        }
        return _drop_empty_keys(node, ("rule", "missing", "weight"))
    answer: dict[str, Any] = {"type": answer_type}
    if answer_type == "maturity":
        answer["levels"] = _text(row.get("levels")) or inline_levels.get(code, [])
    elif answer_type == "choice":
        answer["options"] = options.get(code, [])
    else:
        for key in ("unit", "direction", "lower", "upper", "min", "max", "yes_points", "no_points"):
            value = row.get(key)
            if value not in (None, ""):
                answer[key] = _text(value) if key in ("unit", "direction") else _number(value)
    node["answer"] = answer
    evidence_required = _flag(row.get("evidence_required"))
    if evidence_required is not False:  # True, or a bad value the validator names
        node["evidence_required"] = evidence_required
    return _drop_empty_keys(node, ("weight",))


def _drop_empty_keys(node: dict[str, Any], keys: tuple[str, ...]) -> dict[str, Any]:
    return {key: value for key, value in node.items() if not (key in keys and value in (None, ""))}


def _check_references(sheets: Mapping[str, Rows], data: Mapping[str, Any], problems: list[Problem]) -> None:
    """Level and option rows must point at an indicator that exists."""
    codes = {_code(row.get("code")) for _, row in sheets["nodes"]}
    for sheet in ("level_sets", "options"):
        for number, row in sheets.get(sheet, []):
            indicator = _code(row.get("indicator"))
            if indicator and indicator not in codes:
                problems.append(Problem("unknown_reference", sheet, number, {"indicator": indicator}))


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _code(value: Any) -> str:
    """Codes typed as numbers (Excel turns "1" into 1) are codes all the same."""
    return _text(value)


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
    return {"id": _text(row.get(f"{prefix}_id")), "en": _text(row.get(f"{prefix}_en"))}


# ================================================================= answers


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
    return _save(workbook)


def _answer_cell(value: object) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, Fraction):
        return _cell(fraction_text(value))
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
    sheets = _read_workbook(source, AnswersError)
    rows = sheets.get(ANSWER_SHEET)
    if rows is None:
        raise AnswersError([Problem("missing_sheet", ANSWER_SHEET, None, {"sheet": ANSWER_SHEET})])
    answer_rows = [
        AnswerRow(_code(row.get("indicator")), _value(row.get("value")), number, _region(row))
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
    return _code(row.get("region")) or None


def _value(cell: Any) -> object:
    """Number cells keep their exact decimal meaning; text is passed on for the indicator to judge."""
    if isinstance(cell, float):
        return to_fraction(cell)
    return cell

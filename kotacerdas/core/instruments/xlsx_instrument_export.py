"""Writing an instrument as an XLSX workbook (the format is described in ``xlsx_format``).

The workbook is laid out from the canonical data form, so it holds exactly what
``parse_instrument`` needs to build the same instrument again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from openpyxl import Workbook

from kotacerdas.core.spreadsheet import append_row

from .data_form import instrument_to_dict
from .model import Instrument
from .xlsx_format import (
    BAND_COLUMNS,
    INSTRUMENT_FIELDS,
    LEVEL_COLUMNS,
    NODE_COLUMNS,
    OPTION_COLUMNS,
    to_cell,
    workbook_bytes,
)


def export_instrument_xlsx(instrument: Instrument) -> bytes:
    """The instrument as an XLSX workbook that :func:`import_instrument_xlsx` reads back identically."""
    data = instrument_to_dict(instrument)
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = "instrument"
    append_row(sheet, ["field", "value"])
    for field in INSTRUMENT_FIELDS:
        append_row(sheet, [field, to_cell(_instrument_value(data, field))])
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
    return workbook_bytes(workbook)


def _instrument_value(data: Mapping[str, Any], field: str) -> Any:
    if field.startswith("scale_"):
        return data["scale"][field.removeprefix("scale_")]
    for pair in ("name", "description"):
        if field.startswith(f"{pair}_"):
            return data[pair][field.removeprefix(f"{pair}_")]
    return data[field]


def _band_row(band: Mapping[str, Any]) -> list[Any]:
    return [band["code"], band["name"]["id"], band["name"]["en"], to_cell(band["min"])]


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
            yield [node["code"], option["code"], names["id"], names["en"], to_cell(option["points"])]


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
        "weight": to_cell(node["weight"]),
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
        values[key] = to_cell(answer.get(key))
    return [values[column] for column in NODE_COLUMNS]


def _append_sheet(workbook: Workbook, title: str, header: list[str], rows: list[list[Any]]) -> None:
    sheet = workbook.create_sheet(title)
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, row)

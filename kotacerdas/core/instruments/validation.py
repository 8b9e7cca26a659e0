"""Validating an instrument definition mapping and building the :class:`Instrument` from it.

The data form is a plain mapping (what ``yaml.safe_load`` returns); the XLSX
importer builds the same mapping, so both go through this one validator. It
never stops at the first problem: it walks the whole definition and raises
:class:`InstrumentError` with every problem and its path (and, for XLSX, its
sheet and row). This module reads the top level; the ``validation_*`` modules
read the scale, the tree and the answer types.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .errors import InstrumentError
from .model import MISSING_RULES, RULES, WEIGHT_CHECKS, Instrument, LevelSet, Text
from .validation_reader import WHERE, Reader
from .validation_scale import read_bands, read_level_sets, read_scale
from .validation_tree import TreeReader

ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9-]*$")

TOP_FIELDS = {
    "id",
    "version",
    "kind",
    "name",
    "description",
    "status",
    "sources",
    "scale",
    "rule",
    "missing",
    "weight_check",
    "hierarchy",
    "bands",
    "level_sets",
    "components",
    WHERE,
}


def parse_instrument(data: Any, source: str = "") -> Instrument:
    """Validates a definition mapping and builds the :class:`Instrument`; raises with all problems."""
    reader = Reader(source)
    instrument = read_instrument(reader, data)
    if reader.problems or instrument is None:
        raise InstrumentError(reader.problems)
    return instrument


def read_instrument(reader: Reader, data: Any) -> Instrument | None:
    """Walks the whole definition, building the model and collecting problems as it goes."""
    top = reader.mapping(data, "instrument", TOP_FIELDS)
    if not top:
        if not reader.problems:
            reader.add("missing_field", reader.where(data, "instrument"), field="id")
        return None
    identifier = reader.string(top, "id", "instrument", required=True)
    if identifier and not ID_PATTERN.match(identifier):
        expected = "lower-case letters, digits and dashes"
        reader.invalid(top, "id", field="id", expected=expected, value=identifier)
    kind = reader.choice(top, "kind", "instrument", ("scoring", "framework"), "scoring")
    reader.scale = read_scale(reader, top)  # levels and points read below are checked against it
    default_missing = reader.choice(top, "missing", "instrument", MISSING_RULES, "required")
    weight_check = reader.choice(top, "weight_check", "instrument", WEIGHT_CHECKS, "none")
    hierarchy = _read_hierarchy(reader, top.get("hierarchy"))
    level_sets = read_level_sets(reader, top.get("level_sets"))
    tree = TreeReader(reader, kind, len(hierarchy), default_missing, weight_check, level_sets)
    components = tree.read_components(top)
    instrument = Instrument(
        id=identifier,
        version=reader.string(top, "version", "instrument", required=True),
        name=reader.text(top, "name", "instrument", required=True),
        kind="framework" if kind == "framework" else "scoring",
        description=reader.text(top, "description", "instrument"),
        status=reader.string(top, "status", "instrument"),
        sources=_read_sources(reader, top.get("sources")),
        scale_min=reader.scale[0],
        scale_max=reader.scale[1],
        rule=reader.choice(top, "rule", "instrument", RULES, "weighted_mean"),  # type: ignore[arg-type]
        missing=default_missing,  # type: ignore[arg-type]
        weight_check=weight_check,
        hierarchy=hierarchy,
        bands=read_bands(reader, top.get("bands")),
        level_sets=tuple(LevelSet(name, levels) for name, levels in level_sets.items()),
        children=components,
    )
    _check_whole(reader, instrument, top)
    return instrument


def _read_sources(reader: Reader, data: Any) -> tuple[str, ...]:
    if data is None:
        return ()
    if not isinstance(data, list) or not all(isinstance(item, str) for item in data):
        reader.invalid(data, "sources", field="sources", expected="a list of text", value=data)
        return ()
    return tuple(item.strip() for item in data)


def _read_hierarchy(reader: Reader, data: Any) -> tuple[Text, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        reader.invalid(data, "hierarchy", field="hierarchy", expected="a list", value=data)
        return ()
    return tuple(
        reader.text({"label": item}, "label", f"hierarchy[{index}]") for index, item in enumerate(data)
    )


def _check_whole(reader: Reader, instrument: Instrument, top: Mapping[str, Any]) -> None:
    """Checks only the finished instrument can answer: has it indicators, do its components weigh anything."""
    has_indicators = bool(instrument.indicators())
    if instrument.kind == "scoring" and not has_indicators and instrument.children:
        reader.add("no_indicators", reader.where(top, "components"))
    total = sum((child.weight for child in instrument.children), Fraction(0))
    if (
        instrument.kind == "scoring"
        and instrument.rule == "weighted_mean"
        and instrument.children
        and total == 0
    ):
        reader.add("zero_weights", reader.where(top, "components"), group=instrument.id)

"""Reading the instrument's scale and what is measured on it: levels and bands.

Levels (of a named level set, or inline on a maturity indicator) and result
bands are checked against the scale, so the scale is read first and kept on the
shared :class:`~.validation_reader.Reader`.
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

from .model import Band, Level
from .validation_reader import WHERE, Reader

LEVEL_FIELDS = {"level", "name", "criteria", "evidence", WHERE}
BAND_FIELDS = {"code", "name", "min", WHERE}


def read_scale(reader: Reader, top: Mapping[str, Any]) -> tuple[Fraction, Fraction]:
    scale = reader.mapping(top.get("scale", {}), "scale", {"min", "max"})
    low = reader.number(scale, "min", "scale", Fraction(0)) or Fraction(0)
    high = reader.number(scale, "max", "scale", Fraction(5)) or Fraction(0)
    if low >= high:
        reader.add("bad_range", reader.where(top, "scale"), minimum=low, maximum=high)
        return Fraction(0), Fraction(5)
    return low, high


def read_bands(reader: Reader, data: Any) -> tuple[Band, ...]:
    if data is None:
        return ()
    if not isinstance(data, list):
        reader.invalid(data, "bands", field="bands", expected="a list", value=data)
        return ()
    bands: list[Band] = []
    minimums: set[Fraction | None] = set()
    for index, item in enumerate(data):
        path = f"bands[{index}]"
        band_data = reader.mapping(item, path, BAND_FIELDS)
        code = reader.string(band_data, "code", path, required=True)
        reader.claim_code(f"band:{code}", band_data, path, code)
        minimum = reader.number(band_data, "min", path)
        if minimum in minimums:
            reader.add("duplicate_band", reader.where(band_data, f"{path}.min"), value=minimum)
        minimums.add(minimum)
        bands.append(Band(code, reader.text(band_data, "name", path, required=True), minimum))
    return tuple(bands)


def read_level_sets(reader: Reader, data: Any) -> dict[str, tuple[Level, ...]]:
    if data is None:
        return {}
    if not isinstance(data, Mapping):
        reader.invalid(data, "level_sets", field="level_sets", expected="a mapping", value=data)
        return {}
    return {str(name): read_levels(reader, levels, f"level_sets.{name}") for name, levels in data.items()}


def read_levels(reader: Reader, data: Any, path: str) -> tuple[Level, ...]:
    if not isinstance(data, list) or not data:
        reader.invalid(data, path, field=path, expected="a non-empty list of levels", value=data)
        return ()
    levels: list[Level] = []
    for index, item in enumerate(data):
        level = _read_level(reader, item, f"{path}[{index}]")
        if level is None:
            continue
        if any(existing.value == level.value for existing in levels):
            reader.add("duplicate_level", reader.where(item, f"{path}[{index}].level"), value=level.value)
        levels.append(level)
    return tuple(levels)


def _read_level(reader: Reader, item: Any, path: str) -> Level | None:
    data = reader.mapping(item, path, LEVEL_FIELDS)
    value = reader.number(data, "level", path)
    if value is None or value.denominator != 1:
        reader.invalid(
            data,
            f"{path}.level",
            field="level",
            expected="a whole number",
            value=data.get("level"),
        )
        return None
    low, high = reader.scale
    if not low <= value <= high:
        reader.add(
            "level_out_of_scale",
            reader.where(data, f"{path}.level"),
            value=value,
            minimum=low,
            maximum=high,
        )
    return Level(
        value=int(value),
        name=reader.text(data, "name", path),
        criteria=reader.text(data, "criteria", path),
        evidence=reader.text(data, "evidence", path),
    )

"""Thin adapter between the pure instruments core and the web layer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from django.utils.translation import get_language

from kotacerdas.core.instruments import (
    Group,
    Indicator,
    Instrument,
    InstrumentError,
    Text,
    available_instruments,
    load_instrument,
)


@lru_cache(maxsize=32)
def get_instrument(instrument_id: str) -> Instrument:
    return load_instrument(instrument_id)


@lru_cache(maxsize=1)
def scoring_instrument_ids() -> tuple[str, ...]:
    ids = []
    for instrument_id in available_instruments():
        try:
            if get_instrument(instrument_id).is_scoring:
                ids.append(instrument_id)
        except InstrumentError:
            continue
    return tuple(ids)


def label(text: Text | dict[str, str] | None) -> str:
    """The label in the current language (Indonesian when English is missing)."""
    if text is None:
        return ""
    ident, english = (
        (text.get("id", ""), text.get("en", "")) if isinstance(text, dict) else (text.id, text.en)
    )
    if (get_language() or "id").startswith("en") and english:
        return english
    return ident or english


def instrument_choices() -> list[tuple[str, str]]:
    return [(i, f"{label(get_instrument(i).name)} ({i})") for i in scoring_instrument_ids()]


@dataclass(frozen=True)
class Row:
    """One line of the instrument tree as pages show it."""

    code: str
    name: str
    depth: int
    indicator: Indicator | None
    group: Group | None


def tree_rows(instrument: Instrument) -> list[Row]:
    rows = []
    for place in instrument.walk():
        node = place.node
        indicator = node if isinstance(node, Indicator) else None
        group = node if isinstance(node, Group) else None
        rows.append(Row(node.code, label(node.name), place.depth, indicator, group))
    return rows


def indicators_under(instrument: Instrument, code: str) -> list[str]:
    node = instrument.node(code)
    if node is None:
        return []
    if isinstance(node, Indicator):
        return [node.code]
    found: list[str] = []
    stack = list(node.children)
    while stack:
        child = stack.pop(0)
        if isinstance(child, Indicator):
            found.append(child.code)
        else:
            stack = list(child.children) + stack
    return found

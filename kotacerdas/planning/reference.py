"""Reference data of the masterplan: the Kominfo 6 dimensions x 3 elements, read from the
core instrument ``kominfo-sc-2017`` (never hard-coded), and the readiness elements."""

from __future__ import annotations

from functools import lru_cache

from django.utils.translation import get_language

from kotacerdas.core.instruments import load_instrument
from kotacerdas.core.instruments.model import Group, Text
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning.models import READINESS_ELEMENTS

INSTRUMENT_ID = "kominfo-sc-2017"
# The criteria a person scores per initiative (1–5); cost comes from the initiative's budget.
SCORED_CRITERIA = [c.id for c in DEFAULT_CRITERIA if c.id != "cost"]


@lru_cache(maxsize=1)
def _framework() -> tuple[tuple[str, Text, tuple[tuple[str, Text], ...]], ...]:
    instrument = load_instrument(INSTRUMENT_ID)
    result = []
    for dimension in instrument.children:
        if not isinstance(dimension, Group):
            continue
        elements = tuple((e.code, e.name) for e in dimension.children if isinstance(e, Group))
        result.append((dimension.code, dimension.name, elements))
    return tuple(result)


def _label(text: Text) -> str:
    return (text.en or text.id) if (get_language() or "id").startswith("en") else (text.id or text.en)


def dimensions() -> list[tuple[str, str]]:
    return [(code, _label(name)) for code, name, _elements in _framework()]


def elements(dimension: str | None = None) -> list[tuple[str, str]]:
    """(code, "Dimension – Element") of every element, or of one dimension's."""
    return [
        (code, f"{_label(dname)} – {_label(name)}")
        for dcode, dname, items in _framework()
        if dimension in (None, dcode)
        for code, name in items
    ]


def dimension_of(element: str) -> str | None:
    for dcode, _name, items in _framework():
        if element in {code for code, _n in items}:
            return dcode
    return None


def dimension_label(code: str) -> str:
    return _dimension_labels(get_language() or "id").get(code, code)


def element_label(code: str) -> str:
    return _element_labels(get_language() or "id").get(code, code)


# Per language, built once: a list page names every row's element (50 rows × ~90 µs otherwise).
@lru_cache(maxsize=8)
def _dimension_labels(language: str) -> dict[str, str]:
    return dict(dimensions())


@lru_cache(maxsize=8)
def _element_labels(language: str) -> dict[str, str]:
    return dict(elements())


def swot_scopes() -> list[tuple[str, str]]:
    """Readiness elements first, then the dimensions: the two ways SWOT is organised."""
    return [(code, str(label)) for code, label in READINESS_ELEMENTS] + dimensions()


def scope_label(code: str) -> str:
    return dict(swot_scopes()).get(code, code)

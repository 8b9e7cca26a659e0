"""Figures other apps add to Ayu's national dashboard, without programme importing them.

An app above programme (the portal's socialisation events) registers a function in its
AppConfig.ready(); the dashboard shows each figure's label and value::

    dashboard_figures.register(Figure("portal.events", 10, socialisation_figures))

``compute()`` returns a list of ``(label, value text)`` pairs; it runs once per dashboard view.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Figure:
    key: str
    order: int
    compute: Callable[[], list[tuple[str, str]]]


_REGISTRY: dict[str, Figure] = {}


def register(figure: Figure) -> Figure:
    _REGISTRY[figure.key] = figure
    return figure


def figures() -> list[tuple[str, str]]:
    """Every registered figure's (label, value) pairs, in their order."""
    return [pair for f in sorted(_REGISTRY.values(), key=lambda f: (f.order, f.key)) for pair in f.compute()]

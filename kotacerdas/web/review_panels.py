"""Panels beside a deliverable under review: what higher apps know that helps the reviewer.

The deliverable page (programme) shows the mentor what citizens said about the region while she
reviews, without programme importing participation (which sits above it): an app registers a panel
in its AppConfig.ready()::

    from kotacerdas.web import review_panels
    review_panels.register(review_panels.Panel("participation", 50, "participation/_panel.html", build))

``context(user, region)`` returns the template's context, or ``None`` when there is nothing to show.
It runs only after the page's getter has allowed the deliverable (and so its region).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString

ContextBuilder = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Panel:
    key: str
    order: int
    template: str
    context: ContextBuilder


_REGISTRY: dict[str, Panel] = {}


def register(panel: Panel) -> Panel:
    _REGISTRY[panel.key] = panel
    return panel


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def render_panels(request: Any, region: Any) -> list[SafeString]:
    """The panels this person sees for this region, in order, each rendered with its template."""
    shared = {"region": region, "user": request.user}
    rendered = []
    for panel in sorted(_REGISTRY.values(), key=lambda p: (p.order, p.key)):
        context = panel.context(request.user, region)
        if context is not None:
            rendered.append(render_to_string(panel.template, {**shared, **context}))
    return rendered

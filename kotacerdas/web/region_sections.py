"""The sections of a region's page: each app contributes what it knows about the region.

The region page (``regions:workspace``) gathers everything about a region without importing
the apps: an app registers one section in its AppConfig.ready()::

    from kotacerdas.web.region_sections import Section, register
    register(Section("programme", 30, "programme/_region_section.html", region_section))

``context(user, region)`` returns the template's context, or ``None`` when this user has
nothing to see there. It is called only for a region the user may open (the page's getter has
checked), and must apply its own app's finer rules (a mentor sees only assigned candidacies).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils.safestring import SafeString

ContextBuilder = Callable[[Any, Any], dict[str, Any] | None]


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    context: ContextBuilder


_REGISTRY: dict[str, Section] = {}


def register(section: Section) -> Section:
    _REGISTRY[section.key] = section
    return section


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def render_sections(request: Any, region: Any) -> list[SafeString]:
    """The sections this user sees on this region's page, in their order, each rendered with its template.

    A section is rendered without ``request=``: that would run every context processor again for each
    section (the navigation's role lookup among them, issue 17). What a section may use is passed
    instead: the region, the person and the request, and the CSRF token (lazy, as Django's own
    processor gives it) for a section with a form."""
    shared = {"region": region, "request": request, "user": request.user, **csrf(request)}
    rendered = []
    for section in sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key)):
        context = section.context(request.user, region)
        if context is not None:
            rendered.append(render_to_string(section.template, {**shared, **context}))
    return rendered

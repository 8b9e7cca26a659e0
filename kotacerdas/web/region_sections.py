"""The sections of a region's page: each app contributes what it knows about the region.

The region page (``regions:workspace``) gathers everything about a region without importing
the apps: an app registers one section in its AppConfig.ready()::

    from kotacerdas.web.region_sections import Section, register
    register(Section("programme", 30, "programme/_region_section.html", region_section))

``context(user, region)`` returns the template's context, or ``None`` when this user has
nothing to see there. It is called only for a region the user may open (the page's getter has
checked), and must apply its own app's finer rules (a mentor sees only assigned candidacies).

**The rendered cards are kept** against the region's change stamp (``kotacerdas.web.region_cache``;
issue 17: the cards were 84 % of the page's CPU and most of its queries). A section says who sees the
same card (``audience``; each person otherwise) and what changes it without an audited action
(``changes``: a roadmap run the worker finishes, the monitoring reports). A section whose content moves
on its own while a job runs names the change that says so (``live_while``: the books card is built on
every view while a generation runs); a section with a form sets ``cached=False`` (its CSRF token belongs
to one session).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.web.region_cache import Audience, ChangeExpressions, Kept, kept_fragments

ContextBuilder = Callable[[Any, Any], dict[str, Any] | None]
_ABSENT = ""  # kept for a section this person does not see (its context was None)


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    context: ContextBuilder
    changes: ChangeExpressions | None = None
    cached: bool = True
    audience: Audience | None = None
    live_while: str | None = None

    @property
    def kept(self) -> Kept:
        return Kept(f"section:{self.key}", self.changes, self.audience, self.live_while)


_REGISTRY: dict[str, Section] = {}


def register(section: Section) -> Section:
    _REGISTRY[section.key] = section
    return section


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def _sections() -> list[Section]:
    return sorted(_REGISTRY.values(), key=lambda s: (s.order, s.key))


def render_sections(request: Any, region: Any, stamp: ChangeExpressions | None = None) -> list[SafeString]:
    """The sections this user sees on this region's page, in their order, each rendered with its template.

    ``stamp``: gives the expressions on the region's row that change whenever the region's record does
    (the caller's audit trail, ``kotacerdas.audit.stamps``); without it nothing is kept.

    A section is rendered without ``request=``: that would run every context processor again for each
    section (the navigation's role lookup among them, issue 17). What a section may use is passed
    instead: the region, the person and the request, and the CSRF token (lazy, as Django's own
    processor gives it) for a section with a form."""
    sections = _sections()
    by_name = {section.kept.name: section for section in sections if section.cached}
    kept: dict[str, str] = {}
    if stamp is not None and by_name:
        parts = [section.kept for section in by_name.values()]
        kept = kept_fragments(
            request, region, parts, lambda part: _render(by_name[part.name], request, region), stamp=stamp
        )
    rendered = []
    for section in sections:
        html = kept.get(section.kept.name)
        if html is None:
            html = _render(section, request, region)
        if html:
            rendered.append(mark_safe(html))
    return rendered


def _render(section: Section, request: Any, region: Any) -> str:
    """The card's HTML, or "" when this person has nothing to see there."""
    context = section.context(request.user, region)
    if context is None:
        return _ABSENT
    shared = {"region": region, "request": request, "user": request.user, **csrf(request)}
    return str(render_to_string(section.template, {**shared, **context}))

"""The sections of a region's page: each app contributes what it knows about the region.

The region page (``regions:workspace``) gathers everything about a region without importing
the apps: an app registers one section in its AppConfig.ready()::

    from kotacerdas.web.region_sections import Section, register
    register(Section("programme", 30, "programme/_region_section.html", region_section))

``context(user, region)`` returns the template's context, or ``None`` when this user has
nothing to see there. It is called only for a region the user may open (the page's getter has
checked), and must apply its own app's finer rules (a mentor sees only assigned candidacies).

**The rendered cards are cached** (issue 17: the cards were 84 % of the page's CPU and most of its
queries). A card is kept for one audience (each person, unless the section says who sees the same
card: ``audience``), one region, one language and one day, against the region's
*change stamp*: the latest audit entry of the region and of the national level (every action records
one) plus whatever else a section says changes it without an audited action (``changes``: a job that
finishes). The page reads the stamp in one query on every view, so a card is never served after a
change that reached the database through an action; each process may keep its own copy. A section
whose content moves on its own (a running job's progress) sets ``cached=False`` and is built on every
view, as must a section with a form (its CSRF token belongs to one session). Under the tests
(``REGION_SECTIONS_VERIFY_CACHE``) every card served from the cache is rendered again and must be
identical: the whole suite checks the invalidation.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.db import connections, router
from django.template.context_processors import csrf
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

ContextBuilder = Callable[[Any, Any], dict[str, Any] | None]
# Expressions on the region's row (``OuterRef("pk")`` is the region) whose values change when the
# section's content does without an audited action; read with the page's stamp.
ChangeExpressions = Callable[[], Mapping[str, Any]]
# Who sees the same card: a value equal for every person shown the same content (``everyone``, or "the
# region's moderators" against "the others"). Without one, a card is kept for each person.
Audience = Callable[[Any, Any], Hashable]

CACHE_ALIAS = "region_sections"
_ABSENT = ""  # cached for a section this person does not see (its context was None)


class StaleSectionError(AssertionError):
    """A cached card differs from a fresh rendering: a write changed it without changing the stamp."""


@dataclass(frozen=True)
class Section:
    key: str
    order: int
    template: str
    context: ContextBuilder
    changes: ChangeExpressions | None = None
    cached: bool = True
    audience: Audience | None = None


def everyone(user: Any, region: Any) -> Hashable:
    """The audience of a card whose content does not depend on who looks (the page checked access)."""
    return "everyone"


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
    (the caller's audit trail, see the module's docstring); without it nothing is cached.

    A section is rendered without ``request=``: that would run every context processor again for each
    section (the navigation's role lookup among them, issue 17). What a section may use is passed
    instead: the region, the person and the request, and the CSRF token (lazy, as Django's own
    processor gives it) for a section with a form."""
    sections = _sections()
    cached = _cached_cards(request, region, sections, stamp) if stamp is not None else {}
    rendered = []
    for section in sections:
        html = cached.get(section.key)
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


def _cached_cards(
    request: Any, region: Any, sections: list[Section], stamp: ChangeExpressions
) -> dict[str, str]:
    """The cacheable cards, from the cache where their stamp still matches, rendered and kept otherwise.

    Each card has its own key: the region's common stamp and the card's own ``changes`` (the monitoring
    card follows every report saved, the others do not)."""
    cacheable = [section for section in sections if section.cached]
    common, own = _read_stamp(region, cacheable, stamp)
    keys = {_cache_key(request, region, section, common, own[section.key]): section for section in cacheable}
    cache = caches[CACHE_ALIAS]
    found: dict[str, str] = cache.get_many(list(keys))
    if found and settings.REGION_SECTIONS_VERIFY_CACHE:
        _verify({keys[key].key: html for key, html in found.items()}, request, region, cacheable)
    missing = {key: _render(section, request, region) for key, section in keys.items() if key not in found}
    if missing:
        cache.set_many(missing)
    return {section.key: found.get(key, missing.get(key, _ABSENT)) for key, section in keys.items()}


# The stamp query's SQL, compiled once per process for each set of sections (their expressions are fixed
# once the apps are ready); only the region's id changes from one view to the next. Building and
# compiling the ORM's subqueries cost several times what running them does.
_STAMP_QUERIES: dict[tuple[Any, ...], tuple[str, tuple[Any, ...], list[str]]] = {}
_REGION_ID = -7_231_004  # stands for the region's id in the compiled query's parameters


def _read_stamp(
    region: Any, sections: list[Section], stamp: ChangeExpressions
) -> tuple[tuple[Any, ...], dict[str, tuple[Any, ...]]]:
    """One query on the region's row: the caller's common stamp, and each section's own ``changes``."""
    model = type(region)
    database = router.db_for_read(model)
    key = (database, model, stamp, tuple(section.key for section in sections))
    if key not in _STAMP_QUERIES:
        _STAMP_QUERIES[key] = _compile_stamp(model, sections, stamp)
    sql, parameters, names = _STAMP_QUERIES[key]
    with connections[database].cursor() as cursor:
        cursor.execute(sql, [region.pk if value == _REGION_ID else value for value in parameters])
        values = dict(zip(names, cursor.fetchone(), strict=True))
    common = tuple(values[name] for name in names if "__" not in name)
    own = {
        section.key: tuple(value for name, value in values.items() if name.startswith(f"{section.key}__"))
        for section in sections
    }
    return common, own


def _compile_stamp(
    model: Any, sections: list[Section], stamp: ChangeExpressions
) -> tuple[str, tuple[Any, ...], list[str]]:
    expressions = dict(stamp())
    if any("__" in name for name in expressions):
        raise ValueError("a stamp expression's name may not contain '__'")
    for section in sections:
        own = section.changes() if section.changes else {}
        expressions.update({f"{section.key}__{name}": expression for name, expression in own.items()})
    names = sorted(expressions)
    rows = model._default_manager.filter(pk=_REGION_ID).annotate(**expressions).order_by()
    sql, parameters = rows.values_list(*names).query.sql_with_params()
    return sql, tuple(parameters), names


def _cache_key(request: Any, region: Any, section: Section, *stamps: tuple[Any, ...]) -> str:
    # One audience's view (a mentor sees only assigned candidacies), in one language, on one day (a
    # deliverable becomes overdue at midnight).
    day = timezone.localdate().isoformat()
    audience = (
        ("person", request.user.pk) if section.audience is None else section.audience(request.user, region)
    )
    parts = (section.key, region.pk, audience, translation.get_language(), day, stamps)
    return "region-section:" + hashlib.sha256(repr(parts).encode()).hexdigest()


def _verify(cards: dict[str, str], request: Any, region: Any, sections: list[Section]) -> None:
    for section in sections:
        if section.key in cards and cards[section.key] != _render(section, request, region):
            raise StaleSectionError(
                f"The cached “{section.key}” card of region {region.pk} is stale: a write changed it "
                "without changing the region's change stamp (an action without an audit entry?)."
            )

"""Rendered HTML of a region, kept against the region's change stamp (issue 17).

Most views of a region's pages follow no change to the region, yet each rebuilt the same cards and
tables from a dozen queries. A *fragment* (a region-page card, the body of the monitoring page, a page
of the initiatives list) is kept in the ``region_sections`` cache under a key made of:

- its name, the region, its **audience** (each person, unless the fragment says who sees the same
  thing: :func:`everyone`, or e.g. "moderators" against "readers"), the language and the day (a
  deliverable becomes overdue at midnight), and a ``variant`` (the list's page number);
- the region's **change stamp**, read in one query on every view: the caller's common stamp (the
  latest audit entry of the region and of the national level, ``kotacerdas.audit.stamps``: every
  action records one in the transaction of its change) and the fragment's own ``changes`` (what
  changes it *without* an audited action, or the frequent records it shows).

So a fragment built before the latest change is never served; each process may keep its own copy.
Where the settings name a ``region_sections_shared`` cache (production: a file per fragment, shared by
the workers of a server), a fragment one worker built is read there by the others rather than built
again by each of them; the process's own copy is still what most views read.
The stamp query's SQL is compiled once per process for each set of fragments (only the region's id
changes: ``kotacerdas.web.compiled``). A fragment whose content moves on its own while a job runs says
so (``live_while``): it is built on every view while the stamp query says a job is running. One that
holds a form (its CSRF token belongs to one session) must not be kept.

Under the tests (``REGION_SECTIONS_VERIFY_CACHE``) every fragment served from the cache is rendered
again and must be identical (:class:`StaleFragmentError` otherwise): the whole suite checks the
invalidation.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Callable, Hashable, Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.filebased import FileBasedCache
from django.db import router
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.web.compiled import compiled
from kotacerdas.web.memo import request_memo

# Expressions on the region's row (``OuterRef("pk")`` is the region) whose values change when the
# fragment's content does; read with the page's stamp.
ChangeExpressions = Callable[[], Mapping[str, Any]]
# Who sees the same fragment: a value equal for every person shown the same content.
Audience = Callable[[Any, Any], Hashable]

CACHE_ALIAS = "region_sections"
SHARED_ALIAS = "region_sections_shared"


class SharedFragmentCache(FileBasedCache):
    """Django's file cache (``region_sections_shared``), counting its files for culling once every
    :attr:`count_every` writes rather than on each: Django lists the whole directory on every write, 5 %
    of the workers' CPU while they built 100 regions' fragments after a restart (bench/load). The
    cache may exceed ``MAX_ENTRIES`` by that many writes per process before it is culled."""

    count_every = 100

    def _cull(self) -> None:
        self._writes = getattr(self, "_writes", 0) + 1
        if self._writes % self.count_every == 1:
            super()._cull()  # type: ignore[misc]  # private in the stubs


class StaleFragmentError(AssertionError):
    """A kept fragment differs from a fresh rendering: a write changed it without changing the stamp."""


@dataclass(frozen=True)
class Kept:
    """What one kept fragment is and what renews it."""

    name: str
    changes: ChangeExpressions | None = None
    audience: Audience | None = None
    # One of ``changes``' names: while its value is true (a job is running) the fragment moves on its
    # own, so it is built on every view and not kept.
    live_while: str | None = None


def everyone(user: Any, region: Any) -> Hashable:
    """The audience of a fragment whose content does not depend on who looks (the page checked access)."""
    return "everyone"


def kept_fragment(
    request: Any,
    region: Any,
    part: Kept,
    render: Callable[[], str],
    *,
    stamp: ChangeExpressions,
    variant: Hashable = (),
) -> SafeString:
    """``render()``'s HTML for this region, from the cache while the region's stamp holds."""
    return mark_safe(
        kept_fragments(request, region, [part], lambda _part: render(), stamp=stamp, variant=variant)[
            part.name
        ]
    )


def kept_national_fragment(
    request: Any,
    part: Kept,
    render: Callable[[], str],
    *,
    stamp: Callable[[], Hashable],
    variant: Hashable = (),
) -> SafeString:
    """``render()``'s HTML of a page about every region (the national dashboard), from the cache while
    the national ``stamp`` holds (the newest audit entry anywhere: ``kotacerdas.audit.stamps``), with
    the same key parts and the same check under the tests as a region's fragments."""
    key = _cache_key(request, None, part, variant, (stamp(),))
    html: str | None = _look_up([key]).get(key)
    if html is not None and settings.REGION_SECTIONS_VERIFY_CACHE and html != render():
        raise StaleFragmentError(
            f"The kept “{part.name}” is stale: a write changed it without a new audit entry "
            "(an action without an audit entry?)."
        )
    if html is None:
        html = render()
        _keep({key: html})
    return mark_safe(html)


def kept_fragments(
    request: Any,
    region: Any,
    parts: list[Kept],
    render: Callable[[Kept], str],
    *,
    stamp: ChangeExpressions,
    variant: Hashable = (),
) -> dict[str, str]:
    """Each part's HTML (by name): the kept ones whose stamp still matches, the others rendered and kept."""
    common, own = _read_stamps(region, parts, stamp)
    live = [part for part in parts if part.live_while and own[part.name][part.live_while]]
    keys = {
        _cache_key(request, region, part, variant, common, tuple(own[part.name].values())): part
        for part in parts
        if part not in live
    }
    found = _look_up(list(keys))
    if found and settings.REGION_SECTIONS_VERIFY_CACHE:
        for key, html in found.items():
            if html != render(keys[key]):
                raise StaleFragmentError(
                    f"The kept “{keys[key].name}” of region {region.pk} is stale: a write changed it "
                    "without changing the region's change stamp (an action without an audit entry?)."
                )
    missing = {key: render(part) for key, part in keys.items() if key not in found}
    if missing:
        _keep(missing)
    kept = {part.name: found[key] if key in found else missing[key] for key, part in keys.items()}
    return {**kept, **{part.name: render(part) for part in live}}


def _look_up(keys: list[str]) -> dict[str, str]:
    """The fragments this process keeps, then those another worker built (kept here from then on)."""
    local = caches[CACHE_ALIAS]
    found: dict[str, str] = local.get_many(keys)
    if len(found) < len(keys) and SHARED_ALIAS in settings.CACHES:
        built_elsewhere = caches[SHARED_ALIAS].get_many([key for key in keys if key not in found])
        if built_elsewhere:
            local.set_many(built_elsewhere)
            found.update(built_elsewhere)
    return found


def _keep(built: dict[str, str]) -> None:
    caches[CACHE_ALIAS].set_many(built)
    if SHARED_ALIAS in settings.CACHES:
        caches[SHARED_ALIAS].set_many(built)


# The stand-in for the region's id in the stamp query's SQL, which is compiled once per process for each
# set of fragments (``kotacerdas.web.compiled``): building the ORM's subqueries costs several times what
# running them does, and only the region's id changes from one view to the next.
_REGION_ID = -7_231_004
_STAMP_NAMES: dict[Hashable, list[str]] = {}  # the columns of each compiled stamp query, in order


def _read_stamps(
    region: Any, parts: list[Kept], stamp: ChangeExpressions
) -> tuple[tuple[Any, ...], dict[str, dict[str, Any]]]:
    """One query on the region's row: the caller's common stamp, and each part's own ``changes``. Parts
    without changes of their own reuse a common stamp this request already read (the region page's
    team after its cards)."""
    memo = request_memo()
    memo_key = ("region stamp", region.pk, stamp)
    if memo is not None and memo_key in memo and not any(part.changes for part in parts):
        return memo[memo_key], {part.name: {} for part in parts}
    model = type(region)
    shape = ("region stamp", model, stamp, tuple(part.name for part in parts))

    def build(region_id: int) -> Any:
        expressions = _stamp_expressions(parts, stamp)
        _STAMP_NAMES[shape] = sorted(expressions)
        rows = model._default_manager.filter(pk=region_id).annotate(**expressions).order_by()
        return rows.values_list(*_STAMP_NAMES[shape])

    query = compiled(shape, router.db_for_read(model), build, _REGION_ID)
    names = _STAMP_NAMES[shape]
    values = dict(zip(names, query.rows(region.pk)[0], strict=True))
    common = tuple(values[name] for name in names if "__" not in name)
    own = {
        part.name: {
            name.split("__", 1)[1]: value
            for name, value in values.items()
            if name.startswith(f"{_slug(part)}__")
        }
        for part in parts
    }
    if memo is not None:
        memo[memo_key] = common
    return common, own


def _slug(part: Kept) -> str:
    return _slug_of(part.name)


@functools.cache
def _slug_of(name: str) -> str:
    return hashlib.sha1(name.encode()).hexdigest()[:12]  # a column alias, whatever the name


def _stamp_expressions(parts: list[Kept], stamp: ChangeExpressions) -> dict[str, Any]:
    """The stamp's columns: the caller's common ones, and each part's own under its slug."""
    expressions = dict(stamp())
    if any("__" in name for name in expressions):
        raise ValueError("a stamp expression's name may not contain '__'")
    for part in parts:
        own = part.changes() if part.changes else {}
        expressions.update({f"{_slug(part)}__{n}": expression for n, expression in own.items()})
    return expressions


def _cache_key(request: Any, region: Any, part: Kept, variant: Hashable, *stamps: tuple[Any, ...]) -> str:
    audience = part.audience or _each_person
    day = timezone.localdate().isoformat()
    where = getattr(region, "pk", None)  # None: a national fragment
    parts = (part.name, where, audience(request.user, region), translation.get_language(), day, variant)
    return "region-fragment:" + hashlib.sha256(repr((parts, stamps)).encode()).hexdigest()


def _each_person(user: Any, region: Any) -> Hashable:
    return ("person", user.pk)

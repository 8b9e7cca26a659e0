"""Each person's task inbox: what waits for them in every app, gathered without importing the apps.

An app contributes its items the way it contributes a region-page section: it registers its
:class:`InboxSource` objects in its AppConfig.ready()::

    from kotacerdas.web import inbox
    inbox.register("programme", *programme_sources)

A source's ``rows(query)`` is one queryset of the records waiting for ``query.user``, only from
regions (and records) the person may open — the app applies its own access rules — or None when the
person has no role the source serves (then it runs no query); the person's roles are read once per
collection into ``query.memo`` (``kotacerdas.accounts.access.inbox_roles``). ``item(row)`` makes the
one :class:`InboxItem` of each row. The navigation's number is the rows' ``COUNT`` (:func:`count_inbox`),
without building any item: one query for all sources, whose SQL is built once per process for each
shape of roles and day (a source's rows are made of nothing else; ``register_inputs``). Collecting the
inbox runs that query first and then one query for each source that has rows, however many items.
:func:`kotacerdas.web.inbox_badge.inbox_for_request` collects once per request; the navigation's count
(``inbox_badge.badge_count_for_request``) is kept in the person's session for ``INBOX_BADGE_SECONDS``.

An item's base kind says why it is there (assigned to me, to review or approve, returned to me);
its group on the page also weighs its due date: an assigned item past its date is "overdue", one due
within :data:`DUE_SOON_DAYS` days is "due soon".
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

ASSIGNED = "assigned"
DUE_SOON = "due_soon"
OVERDUE = "overdue"
REVIEW = "review"
RETURNED = "returned"

# The page's order: most urgent first.
GROUPS: tuple[tuple[str, Promise], ...] = (
    (OVERDUE, _("Overdue")),
    (DUE_SOON, _("Due soon")),
    (RETURNED, _("Returned to me")),
    (REVIEW, _("To review or approve")),
    (ASSIGNED, _("Assigned to me")),
)
GROUP_LABELS = dict(GROUPS)
DUE_SOON_DAYS = 7


@dataclass
class InboxQuery:
    """Whose inbox, on which day; ``memo`` is shared by the contributors of one collection."""

    user: Any
    today: date
    memo: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class InboxItem:
    """One thing waiting for a person; ``title`` is already in the reader's language."""

    kind: str  # ASSIGNED, REVIEW or RETURNED: why it waits for this person
    title: str
    url: str
    region_code: str
    region_name: str
    due: date | None = None
    detail: str = ""  # e.g. the reviewer's reason for a returned item
    source: str = ""  # the contributing app (filled in by collect_inbox)

    def group(self, today: date) -> str:
        """Where the item is listed: assigned work moves to "due soon" or "overdue" by its date."""
        if self.kind != ASSIGNED or self.due is None:
            return self.kind
        if self.due < today:
            return OVERDUE
        if self.due <= today + timedelta(days=DUE_SOON_DAYS):
            return DUE_SOON
        return ASSIGNED

    def is_overdue(self, today: date) -> bool:
        return self.due is not None and self.due < today


@dataclass
class Inbox:
    today: date
    items: list[InboxItem] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.items)

    def groups(self) -> list[tuple[str, str, list[InboxItem]]]:
        """(key, label, items) for each group with items, in :data:`GROUPS` order."""
        by_group: dict[str, list[InboxItem]] = {key: [] for key, _label in GROUPS}
        for item in self.items:
            by_group.setdefault(item.group(self.today), []).append(item)
        return [(key, str(label), by_group[key]) for key, label in GROUPS if by_group[key]]

    def counts(self) -> dict[str, int]:
        """How many items in each group (every group, zero included)."""
        found = {key: 0 for key, _label in GROUPS}
        for item in self.items:
            found[item.group(self.today)] += 1
        return found


@dataclass(frozen=True)
class InboxSource:
    """One kind of item an app contributes: the rows waiting for a person, and the item of each row.

    ``rows(query)`` is made of the person, the day and their roles (:func:`register_inputs`) and of
    nothing else it reads: the SQL of the navigation's count is built once for every person whose
    roles have the same shape (:func:`count_inbox`).

    One row makes exactly one item (no filtering in Python), so that :func:`count_inbox` can count
    the rows instead of building the items. ``reads`` names every record type (model label) the rows
    depend on: a person's own write to one of them counts the navigation's kept count again
    (:func:`write_may_move_inbox`); the person's memberships always count. ``moved_by``, when given,
    narrows that to the types whose write can change the rows' result: a monitoring report's rows
    depend on its status, which changes only with a ``ReportTransition``, so saving a draft (most of a
    reporting day's writes) need not count anything."""

    rows: Callable[[InboxQuery], QuerySet[Any] | None]
    item: Callable[[Any], InboxItem]
    reads: frozenset[str] = frozenset()
    moved_by: frozenset[str] | None = None

    @property
    def moving(self) -> frozenset[str]:
        return self.reads if self.moved_by is None else self.moved_by


_REGISTRY: dict[str, tuple[InboxSource, ...]] = {}


def register(key: str, *sources: InboxSource) -> None:
    _REGISTRY[key] = sources
    _COUNT_SQL.clear()


# Every source's rows follow the person's roles.
ALWAYS_READ = frozenset({"accounts.membership"})


def inbox_reads() -> frozenset[str]:
    """Every record type whose write can move some source's rows."""
    return ALWAYS_READ.union(*(source.moving for sources in _REGISTRY.values() for source in sources))


def write_may_move_inbox(written: frozenset[str] | None) -> bool:
    """Whether a request that wrote these record types (``kotacerdas.web.writes``) may have changed an
    inbox's count. A write of which nothing was seen (raw SQL) may have changed anything."""
    return not written or bool(written & inbox_reads())


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)
    _COUNT_SQL.clear()


def _sort_key(item: InboxItem) -> tuple[bool, date, str]:
    # a stable sort: items of one date and region keep their app's order (an instrument's order)
    return (item.due is None, item.due or date.max, item.region_name)


def collect_inbox(user: Any, today: date | None = None) -> Inbox:
    """Every contributor's items for this person (nothing for a visitor), earliest due date first.

    The kept count (:func:`count_inbox`'s one query) says first which sources have rows; only those
    build their queryset and run it, so a person with nothing waiting pays one query, not one per
    source their roles reach (about 1 ms each even when empty)."""
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return Inbox(today)
    query = InboxQuery(user, today)
    waiting = {position for position, count in _counts_by_source(query).items() if count}
    items = _items(_sources_with_rows(query, only=waiting))
    if settings.INBOX_VERIFY_COMPILED:
        every = sum(rows.count() for _key, _source, rows in _sources_with_rows(InboxQuery(user, today)))
        if every != len(items):
            raise StaleInboxSqlError(
                f"The kept SQL left out sources with items: {len(items)} collected, {every} in all."
            )
    return Inbox(today, sorted(items, key=_sort_key))


def _items(sources: Iterable[tuple[str, InboxSource, QuerySet[Any]]]) -> list[InboxItem]:
    return [replace(source.item(row), source=key) for key, source, rows in sources for row in rows]


def count_inbox(user: Any, today: date | None = None) -> int:
    """How many items :func:`collect_inbox` would list: one query counting the rows of each source
    the person has a role for, no item built (the navigation's badge; a third of a save's cost before,
    issue 13)."""
    if not getattr(user, "is_authenticated", False):
        return 0
    query = InboxQuery(user, today or timezone.localdate())
    count = sum(_counts_by_source(query).values())
    if settings.INBOX_VERIFY_COMPILED:
        built = sum(rows.count() for _key, _source, rows in _sources_with_rows(InboxQuery(user, query.today)))
        if built != count:
            raise StaleInboxSqlError(
                f"The kept SQL counted {count} inbox items, the sources {built}: a source's rows are "
                "made of more than the person, the day and their roles."
            )
    return count


def _counts_by_source(query: InboxQuery) -> dict[tuple[str, int], int]:
    """How many rows each source has for this person and day, by (app, source's position): one
    query over the kept SQL; a source the person has no role for is not listed."""
    kept = _count_sql(query)
    if not kept.sql:
        return {}
    with connections[kept.alias].cursor() as cursor:
        cursor.execute(kept.sql, kept.params)
        counts = cursor.fetchone()
    return {position: int(count) for position, count in zip(kept.sources, counts, strict=True)}


class StaleInboxSqlError(AssertionError):
    """A source's rows are made of more than the person, the day and their roles."""


@dataclass(frozen=True)
class StandIn:
    """A person's inbox query with a stand-in number for each id it is made of (their own, their
    regions', their OPDs'), and the ``shape`` shared by everyone whose query differs only in those ids
    (the same roles, as many regions and OPDs of each)."""

    shape: Hashable
    query: InboxQuery
    ids: dict[int, int]  # stand-in → the person's id


@dataclass(frozen=True)
class CountSql:
    """``SELECT (COUNT of a source's rows), …``: one column for each source in ``sources``."""

    sql: str
    params: tuple[Any, ...]
    alias: str
    sources: tuple[tuple[str, int], ...] = ()  # (app, the source's position in its registration)


# The counts' SQL by shape and day, built from a stand-in query: building the sources' querysets was
# ~90 % of a count (the query itself ~10 %), the badge is counted for every person once a minute, and a
# national Bimtek's 1,000 people have a handful of shapes. Under the tests (``INBOX_VERIFY_COMPILED``)
# every count is checked against the sources' own querysets.
_COUNT_SQL: dict[Hashable, CountSql] = {}
_COUNT_SQL_MAX = 1_000
_stand_in: Callable[[InboxQuery], StandIn] | None = None


def register_inputs(stand_in: Callable[[InboxQuery], StandIn]) -> None:
    """How to make a person's :class:`StandIn` (the people app registers it: it reads their roles)."""
    global _stand_in
    _stand_in = stand_in
    _COUNT_SQL.clear()


def _count_sql(query: InboxQuery) -> CountSql:
    if _stand_in is None:
        return _build_count_sql(query)
    stand_in = _stand_in(query)
    key = (stand_in.shape, query.today)
    if key not in _COUNT_SQL:
        if len(_COUNT_SQL) >= _COUNT_SQL_MAX:
            _COUNT_SQL.clear()
        _COUNT_SQL[key] = _build_count_sql(stand_in.query)
    kept = _COUNT_SQL[key]
    ids = stand_in.ids
    params = tuple(ids.get(value, value) if type(value) is int else value for value in kept.params)
    return replace(kept, params=params)


def _build_count_sql(query: InboxQuery) -> CountSql:
    """``SELECT (SELECT COUNT(*) FROM (rows)), …`` over the sources with rows ("" if none)."""
    counts: list[str] = []
    params: list[Any] = []
    sources: list[tuple[str, int]] = []
    alias = ""
    for key, position, rows in _positions_with_rows(query):
        alias = alias or rows.db
        assert rows.db == alias, "every inbox source reads one database"
        only_ids = rows.order_by().values("pk")  # keeps DISTINCT; drops select_related and ordering
        try:
            sql, row_params = only_ids.query.get_compiler(using=alias).as_sql()
        except EmptyResultSet:
            continue
        counts.append(f"(SELECT COUNT(*) FROM ({sql}) inbox_rows_{len(counts)})")
        params.extend(row_params)
        sources.append((key, position))
    if not counts:
        return CountSql("", (), alias)
    return CountSql("SELECT " + ", ".join(counts), tuple(params), alias, tuple(sources))


def _positions_with_rows(
    query: InboxQuery, only: set[tuple[str, int]] | None = None
) -> Iterable[tuple[str, int, QuerySet[Any]]]:
    """(app, position, rows) of each source the person has a role for; with ``only``, of those
    sources alone (the others' querysets are not even built)."""
    for key, sources in sorted(_REGISTRY.items()):
        for position, source in enumerate(sources):
            if only is not None and (key, position) not in only:
                continue
            rows = source.rows(query)
            if rows is not None:
                yield key, position, rows


def _sources_with_rows(
    query: InboxQuery, only: set[tuple[str, int]] | None = None
) -> Iterable[tuple[str, InboxSource, QuerySet[Any]]]:
    for key, position, rows in _positions_with_rows(query, only):
        yield key, _REGISTRY[key][position], rows

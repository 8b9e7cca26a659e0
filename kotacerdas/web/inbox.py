"""Each person's task inbox: what waits for them in every app, gathered without importing the apps.

An app contributes its items the way it contributes a region-page section: it registers one
function in its AppConfig.ready()::

    from kotacerdas.web import inbox
    inbox.register("programme", programme_inbox)

``contributor(query)`` returns the :class:`InboxItem` objects waiting for ``query.user``, only from
regions (and records) the person may open — the contributor applies its own app's access rules.
It must run a fixed number of queries, however many items there are (the inbox is counted in every
page's navigation), and none when the person has no role it serves: the person's roles are read
once per collection into ``query.memo`` (``kotacerdas.accounts.access.inbox_roles``).
:func:`inbox_for_request` collects once per request.

An item's base kind says why it is there (assigned to me, to review or approve, returned to me);
its group on the page also weighs its due date: an assigned item past its date is "overdue", one due
within :data:`DUE_SOON_DAYS` days is "due soon".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

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


Contributor = Callable[[InboxQuery], Iterable["InboxItem"]]


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


_REGISTRY: dict[str, Contributor] = {}


def register(key: str, contributor: Contributor) -> Contributor:
    _REGISTRY[key] = contributor
    return contributor


def unregister(key: str) -> None:
    _REGISTRY.pop(key, None)


def _sort_key(item: InboxItem) -> tuple[bool, date, str]:
    # a stable sort: items of one date and region keep their app's order (an instrument's order)
    return (item.due is None, item.due or date.max, item.region_name)


def collect_inbox(user: Any, today: date | None = None) -> Inbox:
    """Every contributor's items for this person (nothing for a visitor), earliest due date first."""
    today = today or timezone.localdate()
    if not getattr(user, "is_authenticated", False):
        return Inbox(today)
    query = InboxQuery(user, today)
    items = [
        replace(item, source=key)
        for key, contributor in sorted(_REGISTRY.items())
        for item in contributor(query)
    ]
    return Inbox(today, sorted(items, key=_sort_key))


def inbox_for_request(request: Any) -> Inbox:
    """The signed-in person's inbox, collected once per request (navigation and page share it)."""
    cached = getattr(request, "_kotacerdas_inbox", None)
    if cached is None:
        cached = collect_inbox(request.user)
        request._kotacerdas_inbox = cached
    return cached

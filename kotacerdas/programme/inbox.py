"""What the Smart City programme asks of a person, for their inbox (kotacerdas.web.inbox).

* the region coordinator: each Bimtek deliverable the region still owes (due on its checklist
  date, so it shows as due soon or overdue) and each one the mentor returned, with the reason;
* the assigned mentor: each deliverable submitted and waiting for review.

At most three queries whatever the number of items, none for a person with neither role.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role, User
from kotacerdas.core import progress
from kotacerdas.programme.models import STAGE_NAMES, Deliverable, Transition
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery


def programme_inbox(query: InboxQuery) -> Iterator[InboxItem]:
    roles = inbox_roles(query)
    if coordinated := roles.of(Role.COORDINATOR):
        yield from _owed_by_my_region(coordinated)
    if mentored := roles.of(Role.MENTOR):
        yield from _waiting_for_my_review(query.user, mentored)


def _title(deliverable: Deliverable) -> str:
    return f"{_(deliverable.item.title)} ({STAGE_NAMES[deliverable.item.stage]})"


def _item(kind: str, text: str, deliverable: Deliverable, detail: str = "") -> InboxItem:
    return InboxItem(
        kind,
        text,
        deliverable.get_absolute_url(),
        deliverable.region.code,
        deliverable.region.name,
        due=deliverable.item.due_on,
        detail=detail,
    )


def _owed_by_my_region(coordinated: set[int]) -> Iterator[InboxItem]:
    returns = Transition.objects.filter(to_status=progress.RETURNED).order_by("created_at", "id")
    rows = (
        Deliverable.objects.filter(candidacy__region_id__in=coordinated, status__in=progress.OWED_BY_REGION)
        .select_related("item", "region", "candidacy")
        .prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
    )
    for deliverable in rows:
        if deliverable.status == progress.RETURNED:
            reason = deliverable.returns[-1].reason if deliverable.returns else ""
            text = _("Revise and resubmit “%(deliverable)s”") % {"deliverable": _title(deliverable)}
            yield _item(RETURNED, text, deliverable, reason)
        else:
            text = _("Submit “%(deliverable)s”") % {"deliverable": _title(deliverable)}
            yield _item(ASSIGNED, text, deliverable)


def _waiting_for_my_review(user: User, mentored: set[int]) -> Iterator[InboxItem]:
    rows = (
        Deliverable.objects.filter(
            candidacy__mentors__mentor=user, region_id__in=mentored, status=progress.SUBMITTED
        )
        .select_related("item", "region", "candidacy")
        .distinct()
    )
    for deliverable in rows:
        text = _("Review “%(deliverable)s”") % {"deliverable": _title(deliverable)}
        yield _item(REVIEW, text, deliverable)

"""What the Smart City programme asks of a person, for their inbox (kotacerdas.web.inbox).

* the region coordinator: each Bimtek deliverable the region still owes (due on its checklist
  date, so it shows as due soon or overdue) and each one the mentor returned, with the reason;
* the assigned mentor: each deliverable submitted and waiting for review.

One query per source whatever the number of items (and one to prefetch the returns), none for a
person with neither role.
"""

from __future__ import annotations

from django.db.models import Prefetch, QuerySet
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role
from kotacerdas.core import progress
from kotacerdas.programme.models import STAGE_NAMES, Deliverable, Transition
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery, InboxSource


def _owed_by_my_region(query: InboxQuery) -> QuerySet[Deliverable] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    returns = Transition.objects.filter(to_status=progress.RETURNED).order_by("created_at", "id")
    return (
        Deliverable.objects.filter(candidacy__region_id__in=coordinated, status__in=progress.OWED_BY_REGION)
        .select_related("item", "region", "candidacy")
        .prefetch_related(Prefetch("transitions", queryset=returns, to_attr="returns"))
    )


def _owed_item(deliverable: Deliverable) -> InboxItem:
    if deliverable.status == progress.RETURNED:
        returns = getattr(deliverable, "returns", [])  # prefetched by _owed_by_my_region
        reason = returns[-1].reason if returns else ""
        text = _("Revise and resubmit “%(deliverable)s”") % {"deliverable": _title(deliverable)}
        return _item(RETURNED, text, deliverable, reason)
    text = _("Submit “%(deliverable)s”") % {"deliverable": _title(deliverable)}
    return _item(ASSIGNED, text, deliverable)


def _waiting_for_my_review(query: InboxQuery) -> QuerySet[Deliverable] | None:
    mentored = inbox_roles(query).of(Role.MENTOR)
    if not mentored:
        return None
    return (
        Deliverable.objects.filter(
            candidacy__mentors__mentor=query.user, region_id__in=mentored, status=progress.SUBMITTED
        )
        .select_related("item", "region", "candidacy")
        .distinct()
    )


def _review_item(deliverable: Deliverable) -> InboxItem:
    text = _("Review “%(deliverable)s”") % {"deliverable": _title(deliverable)}
    return _item(REVIEW, text, deliverable)


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


# The coordinator's owed deliverables, then the mentor's reviews.
_DELIVERABLES = frozenset({"programme.deliverable", "programme.candidacy"})
PROGRAMME_SOURCES = (
    InboxSource(_owed_by_my_region, _owed_item, reads=_DELIVERABLES),
    InboxSource(_waiting_for_my_review, _review_item, reads=_DELIVERABLES | {"programme.mentorassignment"}),
)

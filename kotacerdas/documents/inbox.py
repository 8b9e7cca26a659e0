"""What a region's books ask of a person, for their inbox (kotacerdas.web.inbox).

Only the newest finished version of each region counts (an older draft is superseded):

* the region's mentor: the version waiting for approval;
* the region coordinator: the approved version waiting to be ratified with a Perkada, the version
  a mentor sent back (when the review has a "returned" state), and a generation that failed.

At most two queries whatever the number of items, none for a person with neither role.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role, User
from kotacerdas.documents.models import BookVersion
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery

# A review state the mentor may send a version back with (added by the blocking-checks work);
# until it exists nothing is ever in it.
RETURNED_REVIEW: str | None = getattr(BookVersion.Review, "RETURNED", None)


def documents_inbox(query: InboxQuery) -> Iterator[InboxItem]:
    roles = inbox_roles(query)
    if mentored := roles.of(Role.MENTOR):
        yield from _to_approve(mentored)
    if coordinated := roles.of(Role.COORDINATOR):
        yield from _for_the_coordinator(query.user, coordinated)


def _newest_finished() -> Q:
    newer = BookVersion.objects.filter(
        region=OuterRef("region"), number__gt=OuterRef("number"), status=BookVersion.Status.DONE
    )
    return Q(status=BookVersion.Status.DONE) & ~Q(Exists(newer))


def _item(kind: str, text: str, version: BookVersion, detail: str = "") -> InboxItem:
    return InboxItem(
        kind, text, version.get_absolute_url(), version.region.code, version.region.name, detail=detail
    )


def _to_approve(mentored: set[int]) -> Iterator[InboxItem]:
    rows = BookVersion.objects.filter(
        _newest_finished(), region_id__in=mentored, review=BookVersion.Review.DRAFT
    ).select_related("region")
    for version in rows:
        text = _("Approve version %(number)s of the masterplan books") % {"number": version.number}
        yield _item(REVIEW, text, version)


def _for_the_coordinator(user: User, coordinated: set[int]) -> Iterator[InboxItem]:
    states = [BookVersion.Review.APPROVED] + ([RETURNED_REVIEW] if RETURNED_REVIEW else [])
    newer = BookVersion.objects.filter(region=OuterRef("region"), number__gt=OuterRef("number"))
    failed = Q(status=BookVersion.Status.FAILED, created_by=user) & ~Q(Exists(newer))
    rows = BookVersion.objects.filter(
        Q(_newest_finished(), review__in=states) | failed, region_id__in=coordinated
    ).select_related("region")
    for version in rows:
        number = {"number": version.number}
        if version.status == BookVersion.Status.FAILED:
            text = _("Version %(number)s of the books could not be generated: generate it again") % number
            yield _item(ASSIGNED, text, version, version.message)
        elif version.review == BookVersion.Review.APPROVED:
            text = _("Ratify version %(number)s of the books with the Perkada") % number
            yield _item(ASSIGNED, text, version)
        else:
            text = _("Version %(number)s of the books was returned by the mentor: revise it") % number
            yield _item(RETURNED, text, version)

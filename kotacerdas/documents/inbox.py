"""What a region's books ask of a person, for their inbox (kotacerdas.web.inbox).

Only the newest finished version of each region counts (an older draft is superseded):

* the region's mentor: the version waiting for approval;
* the region coordinator: the approved version waiting to be ratified with a Perkada, the version
  a mentor sent back (when the review has a "returned" state), and a generation that failed.

One query per source whatever the number of items, none for a person with neither role.
"""

from __future__ import annotations

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role
from kotacerdas.documents.models import BookVersion, BookVersionQuerySet
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery, InboxSource

# A review state the mentor may send a version back with (added by the blocking-checks work);
# until it exists nothing is ever in it.
RETURNED_REVIEW: str | None = getattr(BookVersion.Review, "RETURNED", None)


def _newest_finished() -> Q:
    newer = BookVersion.objects.filter(
        region=OuterRef("region"), number__gt=OuterRef("number"), status=BookVersion.Status.DONE
    )
    return Q(status=BookVersion.Status.DONE) & ~Q(Exists(newer))


def _listed(versions: BookVersionQuerySet) -> QuerySet[BookVersion]:
    return versions.listed().select_related("region")  # a line needs the number, states and region


def _item(kind: str, text: str, version: BookVersion, detail: str = "") -> InboxItem:
    return InboxItem(
        kind, text, version.get_absolute_url(), version.region.code, version.region.name, detail=detail
    )


def _to_approve(query: InboxQuery) -> QuerySet[BookVersion] | None:
    mentored = inbox_roles(query).of(Role.MENTOR)
    if not mentored:
        return None
    return _listed(
        BookVersion.objects.filter(
            _newest_finished(), region_id__in=mentored, review=BookVersion.Review.DRAFT
        )
    )


def _approve_item(version: BookVersion) -> InboxItem:
    text = _("Approve version %(number)s of the masterplan books") % {"number": version.number}
    return _item(REVIEW, text, version)


def _for_the_coordinator(query: InboxQuery) -> QuerySet[BookVersion] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    states = [BookVersion.Review.APPROVED] + ([RETURNED_REVIEW] if RETURNED_REVIEW else [])
    newer = BookVersion.objects.filter(region=OuterRef("region"), number__gt=OuterRef("number"))
    failed = Q(status=BookVersion.Status.FAILED, created_by=query.user) & ~Q(Exists(newer))
    return _listed(
        BookVersion.objects.filter(
            Q(_newest_finished(), review__in=states) | failed, region_id__in=coordinated
        )
    )


def _coordinator_item(version: BookVersion) -> InboxItem:
    number = {"number": version.number}
    if version.status == BookVersion.Status.FAILED:
        text = _("Version %(number)s of the books could not be generated: generate it again") % number
        return _item(ASSIGNED, text, version, version.message)
    if version.review == BookVersion.Review.APPROVED:
        text = _("Ratify version %(number)s of the books with the Perkada") % number
        return _item(ASSIGNED, text, version)
    text = _("Version %(number)s of the books was returned by the mentor: revise it") % number
    return _item(RETURNED, text, version)


# The mentor's approvals, then the coordinator's.
_VERSIONS = frozenset({"documents.bookversion"})
DOCUMENTS_SOURCES = (
    InboxSource(_to_approve, _approve_item, reads=_VERSIONS),
    InboxSource(_for_the_coordinator, _coordinator_item, reads=_VERSIONS),
)

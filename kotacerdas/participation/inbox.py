"""What citizens' posts ask of the region coordinator, for the inbox (kotacerdas.web.inbox).

* each idea or comment held because it carries a personal number (NIK, phone): it stays off every
  public page until the coordinator saves a redacted text (docs/reference/participation.md);
* each consultation with published ideas still waiting for a decision (promoted into the problem
  inventory, or not taken with a reason), one item per consultation with how many wait.

One query per source whatever the number of posts, none for a person who coordinates no region.
"""

from __future__ import annotations

from django.db.models import Count, Exists, IntegerField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role
from kotacerdas.participation.models import Comment, Consultation, Idea
from kotacerdas.web.inbox import REVIEW, InboxItem, InboxQuery, InboxSource

HELD = Idea.State.HELD


def _moderation_url(idea: Idea) -> str:
    return reverse("participation:moderate_idea", args=[idea.region.code, idea.pk])


def _held_ideas(query: InboxQuery) -> QuerySet[Idea] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    return Idea.objects.filter(region_id__in=coordinated, state=HELD).select_related("region")


def _held_idea_item(idea: Idea) -> InboxItem:
    text = _("Redact the personal number in the idea “%(title)s”") % {"title": idea.title}
    return InboxItem(REVIEW, text, _moderation_url(idea), idea.region.code, idea.region.name)


def _held_comments(query: InboxQuery) -> QuerySet[Comment] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    return Comment.objects.filter(idea__region_id__in=coordinated, state=HELD).select_related("idea__region")


def _held_comment_item(comment: Comment) -> InboxItem:
    idea = comment.idea
    text = _("Redact the personal number in a comment on “%(title)s”") % {"title": idea.title}
    return InboxItem(REVIEW, text, _moderation_url(idea), idea.region.code, idea.region.name)


def _undecided() -> QuerySet[Idea]:
    return Idea.objects.filter(state=Idea.State.PUBLISHED, outcome=Idea.Outcome.OPEN)


def _consultations_to_decide(query: InboxQuery) -> QuerySet[Consultation] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    waiting = _undecided().filter(consultation=OuterRef("pk"))
    counted = waiting.order_by().values("consultation").annotate(n=Count("pk")).values("n")
    return (
        Consultation.objects.filter(Exists(waiting), region_id__in=coordinated)
        .select_related("region")
        .annotate(waiting=Coalesce(Subquery(counted, output_field=IntegerField()), 0))
    )


def _decide_item(consultation: Consultation) -> InboxItem:
    waiting: int = consultation.waiting  # type: ignore[attr-defined]
    text = ngettext(
        "Decide on %(n)s citizen idea in “%(title)s”",
        "Decide on %(n)s citizen ideas in “%(title)s”",
        waiting,
    ) % {"n": waiting, "title": consultation.title}
    url = reverse("participation:manage_consultation", args=[consultation.region.code, consultation.pk])
    return InboxItem(REVIEW, text, url, consultation.region.code, consultation.region.name)


POSTS = frozenset({"participation.idea", "participation.comment"})
PARTICIPATION_SOURCES = (
    InboxSource(_held_ideas, _held_idea_item, reads=POSTS),
    InboxSource(_held_comments, _held_comment_item, reads=POSTS),
    InboxSource(_consultations_to_decide, _decide_item, reads=POSTS | {"participation.consultation"}),
)

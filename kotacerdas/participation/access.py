"""Who may see and do what in citizen participation; reads go through these getters.

Consultations and published ideas are public. A held or hidden idea or comment is seen only by its
author (held: waiting for redaction) and by the region's moderators: its coordinator (Diskominfo)
and the national admin. Moderating and promoting need the coordinator's right over the region.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, get_region_for_user
from kotacerdas.participation.models import Citizen, Comment, Consultation, Idea
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import region_page

Person = Any


def can_moderate(user: Person, region: Region) -> bool:
    return can_manage_region(user, region)


def citizen_of(user: Person) -> Citizen | None:
    if not user.is_authenticated:
        return None
    return Citizen.objects.filter(user=user).first()


def is_verified_citizen(user: Person) -> bool:
    citizen = citizen_of(user)
    return citizen is not None and citizen.verified


def get_consultation(pk: int) -> Consultation:
    """Any consultation: they are public from the moment the coordinator sets them up."""
    try:
        return Consultation.objects.select_related("region").get(pk=pk)
    except Consultation.DoesNotExist:
        raise Http404 from None


def public_ideas(consultation: Consultation) -> QuerySet[Idea]:
    return (
        consultation.ideas.filter(state=Idea.State.PUBLISHED)
        .annotate(support_count=Count("supports", distinct=True))
        .select_related("problem")
    )


def may_see(user: Person, item: Idea | Comment, region: Region) -> bool:
    """A published item: anyone. A held or hidden one: its author and the region's moderators."""
    if item.state == Idea.State.PUBLISHED:
        return True
    if user.is_authenticated and item.author_id == user.pk:
        return True
    return can_moderate(user, region)


def get_idea(user: Person, pk: int) -> Idea:
    """An idea this person may see (public, their own, or one they moderate); 404 otherwise."""
    idea = Idea.objects.select_related("consultation", "region", "phase", "problem").filter(pk=pk).first()
    if idea is None:
        raise Http404
    if not may_see(user, idea, idea.region):
        raise Http404
    return idea


def visible_comments(user: Person, idea: Idea) -> QuerySet[Comment]:
    if can_moderate(user, idea.region):
        return idea.comments.all()
    mine = Q(author_id=user.pk) & ~Q(state=Comment.State.HIDDEN) if user.is_authenticated else Q(pk=None)
    return idea.comments.filter(Q(state=Comment.State.PUBLISHED) | mine)


def get_consultation_in_region(region: Region, pk: int) -> Consultation:
    found = Consultation.objects.filter(region=region, pk=pk).first()
    if found is None:
        raise Http404
    return found


def get_idea_in_region(region: Region, pk: int) -> Idea:
    found = (
        Idea.objects.select_related("consultation", "problem", "phase").filter(region=region, pk=pk).first()
    )
    if found is None:
        raise Http404
    return found


def get_comment_in_region(region: Region, pk: int) -> Comment:
    found = Comment.objects.select_related("idea").filter(idea__region=region, pk=pk).first()
    if found is None:
        raise Http404
    return found


moderation_page = region_page(get_region_for_user, can_moderate)

"""Who may see and do what in the programme. Region-scoped reads go through these getters.

One condition per line. Out of scope is a 404, never a 403. A mentor opens a region's
programme pages only for the candidacies assigned to them (MentorAssignment); an
assessor only for those assigned to them (AssessorAssignment); the region's own team
(coordinator, OPD contributors) for their region; Ayu for all.

Someone who may open a page but lacks the right to change what it shows gets the
shared 403 on a POST (the page decorators at the end, built on kotacerdas.web.pages).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps
from typing import Any, TypeAlias, TypeVar

from django.contrib.auth.models import AnonymousUser
from django.db.models import Q, QuerySet
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.http.response import HttpResponseBase

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.programme.models import Candidacy, Cohort, Deliverable, Institution, SubmittedItem
from kotacerdas.regions.models import Region
from kotacerdas.web.object_pages import object_page
from kotacerdas.web.pages import region_page

TEAM_ROLES = (Role.COORDINATOR, Role.OPD_CONTRIBUTOR)

# Reads are asked for visitors too (they see nothing); writes always have a signed-in actor.
Visitor: TypeAlias = User | AnonymousUser


def visible_candidacies(user: Visitor) -> QuerySet[Candidacy]:
    if not user.is_authenticated:
        return Candidacy.objects.none()
    if is_national_admin(user):
        return Candidacy.objects.all()
    team_regions = Membership.objects.filter(user=user, role__in=TEAM_ROLES).values("region_id")
    return Candidacy.objects.filter(
        Q(region_id__in=team_regions) | Q(mentors__mentor=user) | Q(assessors__assessor=user)
    ).distinct()


def programme_regions(user: Visitor) -> QuerySet[Region]:
    """Regions whose programme page the user may open."""
    if not user.is_authenticated:
        return Region.objects.none()
    if is_national_admin(user):
        return Region.objects.exclude(kind=Region.Kind.PROVINCE)
    team_regions = Membership.objects.filter(user=user, role__in=TEAM_ROLES).values("region_id")
    assigned = visible_candidacies(user).values("region_id")
    return Region.objects.filter(Q(pk__in=team_regions) | Q(pk__in=assigned))


def get_programme_region_for_user(user: Visitor, code: str) -> Region:
    try:
        return programme_regions(user).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None


def get_candidacy_for_user(user: Visitor, code: str, cohort_id: int) -> Candidacy:
    try:
        return (
            visible_candidacies(user)
            .select_related("region", "cohort")
            .get(region__code=code, cohort_id=cohort_id)
        )
    except Candidacy.DoesNotExist:
        raise Http404 from None


def get_deliverable_for_user(user: Visitor, candidacy: Candidacy, deliverable_id: int) -> Deliverable:
    try:
        return Deliverable.objects.select_related("item", "candidacy__region").get(
            candidacy=candidacy, pk=deliverable_id
        )
    except Deliverable.DoesNotExist:
        raise Http404 from None


def get_region_deliverable_for_user(
    user: Visitor, code: str, cohort_id: int, deliverable_id: int
) -> Deliverable:
    """A deliverable reached by its URL (region, cohort, id), with its visible candidacy attached."""
    candidacy = get_candidacy_for_user(user, code, cohort_id)
    deliverable = get_deliverable_for_user(user, candidacy, deliverable_id)
    deliverable.candidacy = candidacy
    return deliverable


def get_item_for_user(user: Visitor, deliverable: Deliverable, item_id: int) -> SubmittedItem:
    try:
        return SubmittedItem.objects.get(deliverable=deliverable, pk=item_id)
    except SubmittedItem.DoesNotExist:
        raise Http404 from None


def get_cohort(cohort_id: int) -> Cohort:
    """Cohort pages are for the national admin only (checked by the view's decorator)."""
    try:
        return Cohort.objects.get(pk=cohort_id)
    except Cohort.DoesNotExist:
        raise Http404 from None


def get_cohort_for_user(user: Visitor, cohort_id: int) -> Cohort:
    """A cohort's pages are the national admin's: 404 for anyone else, as for a cohort that does not exist."""
    if not is_national_admin(user):
        raise Http404
    return get_cohort(cohort_id)


def get_institution_for_user(user: Visitor, code: str, kind: str) -> Institution:
    """A region's Dewan Smart City or Tim Pelaksana, reached by its URL (region code, kind)."""
    region = get_programme_region_for_user(user, code)
    try:
        return Institution.objects.select_related("region").get(region=region, kind=kind)
    except Institution.DoesNotExist:
        raise Http404 from None


def is_region_team(user: Visitor, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=TEAM_ROLES, region=region).exists()


def can_submit(user: Visitor, candidacy: Candidacy) -> bool:
    """Hand in deliverables: the region's coordinator or OPD contributors (a visitor is no one's team)."""
    return is_region_team(user, candidacy.region)


def can_review(user: Visitor, candidacy: Candidacy) -> bool:
    """Approve or return deliverables: the assigned mentor, or Ayu."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return candidacy.mentors.filter(mentor=user).exists()


def can_verify_score(user: Visitor, candidacy: Candidacy) -> bool:
    """Record the verified selection score: an assessor assigned to the candidacy, or Ayu."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return candidacy.assessors.filter(assessor=user).exists()


def can_link_assessment(user: Visitor, candidacy: Candidacy) -> bool:
    """Link the selection assessment: those who verify the score, or the region's team."""
    return can_verify_score(user, candidacy) or can_submit(user, candidacy)


def can_manage_candidacy(user: Visitor, candidacy: Candidacy) -> bool:
    """Record the MoU and assign mentors: Ayu."""
    return is_national_admin(user)


def can_edit_institutions(user: Visitor, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Role.COORDINATOR, region=region).exists()


def _can_manage_cohort(user: Visitor, cohort: Cohort) -> bool:
    return is_national_admin(user)


def _can_hand_in(user: Visitor, deliverable: Deliverable) -> bool:
    return can_submit(user, deliverable.candidacy)


def _can_review_deliverable(user: Visitor, deliverable: Deliverable) -> bool:
    return can_review(user, deliverable.candidacy)


def _can_edit_decree(user: Visitor, institution: Institution) -> bool:
    return can_edit_institutions(user, institution.region)


# The programme's pages: the getter first (404 out of scope), then the right to change on POST (403).
# A cohort's pages (selection, stage board, checklist): the national admin's only.
cohort_page = object_page(get_cohort_for_user, _can_manage_cohort)
# A candidacy's own page (its MoU and mentors are Ayu's to change).
candidacy_page = object_page(get_candidacy_for_user, can_manage_candidacy)
score_page = object_page(get_candidacy_for_user, can_verify_score)
assessment_link_page = object_page(get_candidacy_for_user, can_link_assessment)
# A deliverable's page: the region's team hands in; its mentor (or Ayu) reviews.
deliverable_page = object_page(get_region_deliverable_for_user, _can_hand_in)
review_page = object_page(get_region_deliverable_for_user, _can_review_deliverable)
# A region's programme page and its bodies (Dewan Smart City, Tim Pelaksana).
region_programme_page = region_page(get_programme_region_for_user, can_edit_institutions)
decree_page = object_page(get_institution_for_user, _can_edit_decree)


Response = TypeVar("Response", bound=HttpResponseBase)


def post_only(view: Callable[..., Response]) -> Callable[..., Response | HttpResponse]:
    """Under a page decorator: a form's target answers 405 to anything but POST.

    After the access getter, so a GET says nothing about another region's records either."""

    @wraps(view)
    def wrapper(page: Any, *args: Any, **kwargs: Any) -> Response | HttpResponse:
        if page.request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        return view(page, *args, **kwargs)

    return wrapper

"""Who may see and do what in the programme. Region-scoped reads go through these getters.

One condition per line. Out of scope is a 404, never a 403. A mentor opens a region's
programme pages only for the candidacies assigned to them (MentorAssignment); an
assessor only for those assigned to them (AssessorAssignment); the region's own team
(coordinator, OPD contributors) for their region; Ayu for all.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.programme.models import Candidacy, Cohort, Deliverable, Institution, SubmittedItem
from kotacerdas.regions.models import Region

TEAM_ROLES = (Role.COORDINATOR, Role.OPD_CONTRIBUTOR)


def visible_candidacies(user: Any) -> QuerySet[Candidacy]:
    if not user.is_authenticated:
        return Candidacy.objects.none()
    if is_national_admin(user):
        return Candidacy.objects.all()
    team_regions = Membership.objects.filter(user=user, role__in=TEAM_ROLES).values("region_id")
    return Candidacy.objects.filter(
        Q(region_id__in=team_regions) | Q(mentors__mentor=user) | Q(assessors__assessor=user)
    ).distinct()


def programme_regions(user: Any) -> QuerySet[Region]:
    """Regions whose programme page the user may open."""
    if not user.is_authenticated:
        return Region.objects.none()
    if is_national_admin(user):
        return Region.objects.exclude(kind=Region.Kind.PROVINCE)
    team_regions = Membership.objects.filter(user=user, role__in=TEAM_ROLES).values("region_id")
    assigned = visible_candidacies(user).values("region_id")
    return Region.objects.filter(Q(pk__in=team_regions) | Q(pk__in=assigned))


def get_programme_region_for_user(user: Any, code: str) -> Region:
    try:
        return programme_regions(user).get(code=code)
    except Region.DoesNotExist:
        raise Http404 from None


def get_candidacy_for_user(user: Any, code: str, cohort_id: int) -> Candidacy:
    try:
        return (
            visible_candidacies(user)
            .select_related("region", "cohort")
            .get(region__code=code, cohort_id=cohort_id)
        )
    except Candidacy.DoesNotExist:
        raise Http404 from None


def get_deliverable_for_user(user: Any, candidacy: Candidacy, deliverable_id: int) -> Deliverable:
    try:
        return Deliverable.objects.select_related("item", "candidacy__region").get(
            candidacy=candidacy, pk=deliverable_id
        )
    except Deliverable.DoesNotExist:
        raise Http404 from None


def get_region_deliverable_for_user(user: Any, code: str, cohort_id: int, deliverable_id: int) -> Deliverable:
    """A deliverable reached by its URL (region, cohort, id), with its visible candidacy attached."""
    candidacy = get_candidacy_for_user(user, code, cohort_id)
    deliverable = get_deliverable_for_user(user, candidacy, deliverable_id)
    deliverable.candidacy = candidacy
    return deliverable


def get_item_for_user(user: Any, deliverable: Deliverable, item_id: int) -> SubmittedItem:
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


def get_institution_for_user(user: Any, region: Region, kind: str) -> Institution:
    try:
        return Institution.objects.get(region=region, kind=kind)
    except Institution.DoesNotExist:
        raise Http404 from None


def is_region_team(user: Any, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    return Membership.objects.filter(user=user, role__in=TEAM_ROLES, region=region).exists()


def can_submit(user: Any, candidacy: Candidacy) -> bool:
    """Hand in deliverables: the region's coordinator or OPD contributors."""
    if not user.is_authenticated:
        return False
    return is_region_team(user, candidacy.region)


def can_review(user: Any, candidacy: Candidacy) -> bool:
    """Approve or return deliverables: the assigned mentor, or Ayu."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return candidacy.mentors.filter(mentor=user).exists()


def can_verify_score(user: Any, candidacy: Candidacy) -> bool:
    """Record the verified selection score: an assessor assigned to the candidacy, or Ayu."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return candidacy.assessors.filter(assessor=user).exists()


def can_edit_institutions(user: Any, region: Region) -> bool:
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    return Membership.objects.filter(user=user, role=Role.COORDINATOR, region=region).exists()

"""Who may see and change an assessment. One condition per line.

Reading follows the region (kotacerdas.accounts.access.get_region_for_user: 404
outside it). Writing is decided per role here; a refused write raises
ActionNotAllowed inside the action.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from kotacerdas.accounts.access import can_manage_region, is_national_admin
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.assessment.models import Answer, Assessment, Assignment, Evidence, State
from kotacerdas.regions.models import Region

EDITABLE_ASSESSMENT_STATES = {State.DRAFT, State.RETURNED}
EDITABLE_ANSWER_STATES = {State.DRAFT, State.RETURNED}


def get_assessment_for_user(user: Any, region: Region, assessment_id: int) -> Assessment:
    """The assessment of a region the caller already opened with get_region_for_user; 404 otherwise."""
    try:
        return Assessment.objects.select_related("region", "assessor").get(region=region, pk=assessment_id)
    except Assessment.DoesNotExist:
        raise Http404 from None


def get_evidence_for_user(user: Any, assessment: Assessment, evidence_id: int) -> Evidence:
    try:
        return Evidence.objects.select_related("answer").get(answer__assessment=assessment, pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None


def is_coordinator(user: Any, assessment: Assessment) -> bool:
    return can_manage_region(user, assessment.region)


def is_assigned_assessor(user: Any, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    return assessment.assessor_id == user.pk


def can_assign_assessor(user: Any) -> bool:
    return is_national_admin(user)


def can_reopen(user: Any, assessment: Assessment) -> bool:
    if is_national_admin(user):
        return True
    return is_assigned_assessor(user, assessment)


def is_region_assessor(user: Any, region: Region) -> bool:
    return Membership.objects.filter(user=user, role=Role.ASSESSOR, region=region).exists()


def opd_ids_of(user: Any, region: Region) -> set[int]:
    if not user.is_authenticated:
        return set()
    rows = Membership.objects.filter(user=user, role=Role.OPD_CONTRIBUTOR, region=region)
    return {opd_id for opd_id in rows.values_list("opd_id", flat=True) if opd_id}


def may_answer(user: Any, assessment: Assessment, indicator: str) -> bool:
    """The coordinator answers anything; an OPD contributor only what is assigned to her OPD."""
    if is_coordinator(user, assessment):
        return True
    assignment = Assignment.objects.filter(assessment=assessment, indicator=indicator).first()
    if assignment is None:
        return False
    return assignment.opd_id in opd_ids_of(user, assessment.region)


def answer_is_open(assessment: Assessment, answer: Answer | None) -> bool:
    """Whether the answer may change now (verified and submitted answers are locked)."""
    if assessment.state not in EDITABLE_ASSESSMENT_STATES:
        return False
    if answer is None:
        return assessment.state == State.DRAFT
    return answer.state in EDITABLE_ANSWER_STATES


def may_download_evidence(user: Any, assessment: Assessment) -> bool:
    """Users of the region (the caller passed get_region_for_user) and the assigned assessor."""
    if is_assigned_assessor(user, assessment):
        return True
    return assessment.region.memberships.filter(user=user).exists() or is_national_admin(user)


def can_manage_region_of(user: Any, region: Region) -> bool:
    return can_manage_region(user, region)

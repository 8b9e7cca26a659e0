"""Who may see and change an assessment. One condition per line.

Reading follows the region (kotacerdas.accounts.access.get_region_for_user: 404
outside it). Writing is decided per role here; a refused write raises
ActionNotAllowed inside the action.
"""

from __future__ import annotations

from django.db import router
from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import (
    Person,
    can_manage_region,
    get_region_for_user,
    is_national_admin,
    roles_in_request,
)
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.assessment.models import Answer, Assessment, Assignment, Evidence, State, Transition
from kotacerdas.regions.models import Region
from kotacerdas.web.compiled import compiled
from kotacerdas.web.pages import region_page

EDITABLE_ASSESSMENT_STATES = {State.DRAFT, State.RETURNED}
EDITABLE_ANSWER_STATES = {State.DRAFT, State.RETURNED}
# what closing ends: every state short of verified (a verified assessment keeps its result)
CLOSABLE_ASSESSMENT_STATES = (State.DRAFT, State.RETURNED, State.SUBMITTED, State.IN_REVIEW)


# Stand-ins in the SQL compiled once per process (kotacerdas.web.compiled) for what every answer page
# and save reads: the assessment, the indicator's answer and its assignment.
_REGION, _ASSESSMENT, _INDICATOR = -7_231_040, -7_231_041, "\x1f indicator stand-in \x1f"


def _assessment_of(region_id: int, pk: int) -> QuerySet[Assessment]:
    return Assessment.objects.filter(region_id=region_id, pk=pk).select_related("assessor")


def get_assessment_in_region(region: Region, assessment_id: int) -> Assessment:
    """The assessment of a region the caller already opened with get_region_for_user; 404 otherwise."""
    query = compiled("assessment", router.db_for_read(Assessment), _assessment_of, _REGION, _ASSESSMENT)
    found: Assessment | None = query.first(region.pk, assessment_id)
    if found is None:
        raise Http404
    found.region = region  # the same row, already loaded: assessment.region asks no second query
    return found


def _answer_of(assessment_id: int, indicator: str) -> QuerySet[Answer]:
    return Answer.objects.filter(assessment_id=assessment_id, indicator=indicator)


def answer_to(assessment: Assessment, indicator: str) -> Answer | None:
    """The assessment's answer to the indicator, if any (its assessment set from the row given)."""
    query = compiled("answer", router.db_for_read(Answer), _answer_of, _ASSESSMENT, _INDICATOR)
    answer: Answer | None = query.first(assessment.pk, indicator)
    if answer is not None:
        answer.assessment = assessment
    return answer


_ANSWER = -7_231_042


def _evidence_of(answer_id: int) -> QuerySet[Evidence]:
    return Evidence.objects.filter(answer_id=answer_id)


def _history_of(answer_id: int) -> QuerySet[Transition]:
    return Transition.objects.filter(answer_id=answer_id).select_related("actor")


def evidence_of(answer: Answer) -> list[Evidence]:
    """The answer's evidence files, in upload order (the answer page reads it on every view)."""
    query = compiled("answer evidence", router.db_for_read(Evidence), _evidence_of, _ANSWER)
    return query.objects(answer.pk)


def history_of(answer: Answer) -> list[Transition]:
    """The answer's steps, oldest first, each with who took it."""
    query = compiled("answer history", router.db_for_read(Transition), _history_of, _ANSWER)
    return query.objects(answer.pk)


def _assignment_of(assessment_id: int, indicator: str) -> QuerySet[Assignment]:
    return Assignment.objects.filter(assessment_id=assessment_id, indicator=indicator)


def get_evidence_in_assessment(assessment: Assessment, evidence_id: int) -> Evidence:
    try:
        return Evidence.objects.select_related("answer").get(answer__assessment=assessment, pk=evidence_id)
    except Evidence.DoesNotExist:
        raise Http404 from None


def is_coordinator(user: Person, assessment: Assessment) -> bool:
    return can_manage_region(user, assessment.region)


def is_assigned_assessor(user: Person, assessment: Assessment) -> bool:
    if not user.is_authenticated:
        return False
    return assessment.assessor_id == user.pk


def can_assign_assessor(user: Person) -> bool:
    return is_national_admin(user)


def can_close(user: Person) -> bool:
    return is_national_admin(user)


def can_reopen(user: Person, assessment: Assessment) -> bool:
    if is_national_admin(user):
        return True
    return is_assigned_assessor(user, assessment)


def is_region_assessor(user: User, region: Region) -> bool:
    return Membership.objects.filter(user=user, role=Role.ASSESSOR, region=region).exists()


def opd_ids_of(user: Person, region: Region) -> set[int]:
    """The OPDs the person answers for in the region (from the request's roles when there are any)."""
    if not user.is_authenticated:
        return set()
    roles = roles_in_request(user)
    if roles is not None:
        return set(roles.opds_in.get((Role.OPD_CONTRIBUTOR, region.pk), ()))
    rows = Membership.objects.filter(user=user, role=Role.OPD_CONTRIBUTOR, region=region)
    return {opd_id for opd_id in rows.values_list("opd_id", flat=True) if opd_id}


def may_answer(user: Person, assessment: Assessment, indicator: str) -> bool:
    """The coordinator answers anything; an OPD contributor only what is assigned to her OPD."""
    if is_coordinator(user, assessment):
        return True
    query = compiled("assignment", router.db_for_read(Assignment), _assignment_of, _ASSESSMENT, _INDICATOR)
    assignment: Assignment | None = query.first(assessment.pk, indicator)
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


def may_download_evidence(user: Person, assessment: Assessment) -> bool:
    """Users of the region (the caller passed get_region_for_user) and the assigned assessor."""
    if not user.is_authenticated:
        return False
    if is_assigned_assessor(user, assessment):
        return True
    return assessment.region.memberships.filter(user=user).exists() or is_national_admin(user)


def can_manage_region_of(user: Person, region: Region) -> bool:
    return can_manage_region(user, region)


TAKING_PART = (Role.COORDINATOR, Role.OPD_CONTRIBUTOR, Role.ASSESSOR)


def takes_part_in_assessments(user: Person, region: Region) -> bool:
    """Who may send anything from the assessment pages: the roles that answer or verify, and Ayu.

    A mentor reads the region's assessments but changes nothing. Each action still applies its own
    finer rule (only the coordinator submits, only the assigned assessor reviews, ...)."""
    if not user.is_authenticated:
        return False
    if is_national_admin(user):
        return True
    roles = roles_in_request(user)  # read once per request; None outside one (then ask the database)
    if roles is not None:
        return any(roles.has(role, region.pk) for role in TAKING_PART)
    return Membership.objects.filter(user=user, region=region, role__in=TAKING_PART).exists()


# Every assessment page: the region through its getter (404 for others); a POST from a member who
# takes no part in assessments (a mentor) is a 403.
assessment_page = region_page(get_region_for_user, takes_part_in_assessments)

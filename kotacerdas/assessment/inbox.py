"""What the assessments ask of a person, for their inbox (kotacerdas.web.inbox).

* an OPD contributor: each indicator assigned to her OPD that is still unanswered in a draft
  assessment (due on the assessment's deadline);
* the author of an answer, and the OPD it is assigned to: each answer the assessor returned;
* the region coordinator: each draft assessment to submit, each assessment returned for revision;
* the assigned assessor: each submitted assessment to verify.

At most four queries whatever the number of items, none for a role the person does not have; only
regions where the person has the role.
"""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, F, OuterRef, Q
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import InboxRoles, inbox_roles
from kotacerdas.accounts.models import Role, User
from kotacerdas.assessment.instruments import get_instrument, label
from kotacerdas.assessment.models import Answer, Assessment, Assignment, State
from kotacerdas.core.instruments import InstrumentError
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery

WAITING_FOR_ASSESSOR = (State.SUBMITTED, State.IN_REVIEW)


def assessment_inbox(query: InboxQuery) -> Iterator[InboxItem]:
    roles = inbox_roles(query)
    if roles.opds:
        yield from _unanswered_indicators(roles)
    if roles.of(Role.COORDINATOR, Role.OPD_CONTRIBUTOR):
        yield from _returned_answers(query.user, roles)
    if roles.of(Role.COORDINATOR):
        yield from _coordinator_assessments(roles)
    if roles.of(Role.ASSESSOR):
        yield from _assessments_to_verify(query.user, roles)


def _indicator_name(assessment: Assessment, code: str) -> str:
    try:
        node = get_instrument(assessment.instrument_id).node(code)
    except InstrumentError:
        node = None
    return label(node.name) if node is not None else code


def _answer_url(assessment: Assessment, indicator: str) -> str:
    return reverse("assessment:answer", args=[assessment.region.code, assessment.pk, indicator])


def _unanswered_indicators(roles: InboxRoles) -> Iterator[InboxItem]:
    answered = Answer.objects.filter(
        assessment=OuterRef("assessment"), indicator=OuterRef("indicator")
    ).exclude(value="")
    rows = (
        Assignment.objects.filter(opd_id__in=roles.opds, assessment__state=State.DRAFT)
        .filter(assessment__region=F("opd__region"))  # an OPD answers only its own region's assessments
        .exclude(Exists(answered))
        .select_related("assessment__region")
    )
    for row in rows:
        assessment = row.assessment
        yield InboxItem(
            ASSIGNED,
            _("Answer “%(indicator)s” · %(assessment)s")
            % {"indicator": _indicator_name(assessment, row.indicator), "assessment": assessment.title},
            _answer_url(assessment, row.indicator),
            assessment.region.code,
            assessment.region.name,
            due=assessment.deadline,
        )


def _returned_answers(user: User, roles: InboxRoles) -> Iterator[InboxItem]:
    assigned_to_my_opd = Assignment.objects.filter(
        assessment=OuterRef("assessment"), indicator=OuterRef("indicator"), opd_id__in=roles.opds
    )
    rows = (
        Answer.objects.filter(state=State.RETURNED, assessment__state=State.RETURNED)
        .filter(assessment__region_id__in=roles.of(Role.COORDINATOR, Role.OPD_CONTRIBUTOR))
        .filter(Q(updated_by=user) | Q(Exists(assigned_to_my_opd)))
        .select_related("assessment__region")
    )
    for answer in rows:
        assessment = answer.assessment
        yield InboxItem(
            RETURNED,
            _("Revise your answer to “%(indicator)s” · %(assessment)s")
            % {"indicator": _indicator_name(assessment, answer.indicator), "assessment": assessment.title},
            _answer_url(assessment, answer.indicator),
            assessment.region.code,
            assessment.region.name,
            due=assessment.deadline,
            detail=answer.review_reason,
        )


def _coordinator_assessments(roles: InboxRoles) -> Iterator[InboxItem]:
    rows = Assessment.objects.filter(
        region_id__in=roles.of(Role.COORDINATOR), state__in=(State.DRAFT, State.RETURNED)
    ).select_related("region")
    for assessment in rows:
        returned = assessment.state == State.RETURNED
        text = (
            _("Assessment “%(title)s” was returned for revision: correct it and submit it again")
            if returned
            else _("Complete and submit the assessment “%(title)s”")
        )
        yield InboxItem(
            RETURNED if returned else ASSIGNED,
            text % {"title": assessment.title},
            reverse("assessment:detail", args=[assessment.region.code, assessment.pk]),
            assessment.region.code,
            assessment.region.name,
            due=assessment.deadline,
        )


def _assessments_to_verify(user: User, roles: InboxRoles) -> Iterator[InboxItem]:
    rows = Assessment.objects.filter(
        assessor=user, region_id__in=roles.of(Role.ASSESSOR), state__in=WAITING_FOR_ASSESSOR
    ).select_related("region")
    for assessment in rows:
        yield InboxItem(
            REVIEW,
            _("Verify the assessment “%(title)s”") % {"title": assessment.title},
            reverse(
                "assessment:queue" if assessment.state == State.IN_REVIEW else "assessment:detail",
                args=[assessment.region.code, assessment.pk],
            ),
            assessment.region.code,
            assessment.region.name,
            due=assessment.deadline,
        )

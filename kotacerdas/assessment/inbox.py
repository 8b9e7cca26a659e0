"""What the assessments ask of a person, for their inbox (kotacerdas.web.inbox).

* an OPD contributor: each indicator assigned to her OPD that is still unanswered in a draft
  assessment (due on the assessment's deadline);
* the author of an answer, and the OPD it is assigned to: each answer the assessor returned;
* the region coordinator: each draft assessment to submit, each assessment returned for revision;
* the assigned assessor: each submitted assessment to verify.

One query per source whatever the number of items, none for a role the person does not have; only
regions where the person has the role.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role
from kotacerdas.assessment.instruments import get_instrument, label
from kotacerdas.assessment.models import Answer, Assessment, Assignment, State
from kotacerdas.core.instruments import InstrumentError
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery, InboxSource

WAITING_FOR_ASSESSOR = (State.SUBMITTED, State.IN_REVIEW)


def _indicator_name(assessment: Assessment, code: str) -> str:
    try:
        node = get_instrument(assessment.instrument_id).node(code)
    except InstrumentError:
        node = None
    return label(node.name) if node is not None else code


def _answer_url(assessment: Assessment, indicator: str) -> str:
    return reverse("assessment:answer", args=[assessment.region.code, assessment.pk, indicator])


def _unanswered_indicators(query: InboxQuery) -> QuerySet[Assignment] | None:
    roles = inbox_roles(query)
    if not roles.opds:
        return None
    answered = Answer.objects.filter(
        assessment=OuterRef("assessment"), indicator=OuterRef("indicator")
    ).exclude(value="")
    return (
        Assignment.objects.filter(opd_id__in=roles.opds, assessment__state=State.DRAFT)
        .filter(assessment__region=F("opd__region"))  # an OPD answers only its own region's assessments
        .exclude(Exists(answered))
        .select_related("assessment__region")
    )


def _indicator_item(
    kind: str, text: Any, assessment: Assessment, indicator: str, detail: str = ""
) -> InboxItem:
    """An item about one indicator of an assessment; ``text`` names it as ``%(indicator)s``."""
    names = {"indicator": _indicator_name(assessment, indicator), "assessment": assessment.title}
    return InboxItem(
        kind,
        text % names,
        _answer_url(assessment, indicator),
        assessment.region.code,
        assessment.region.name,
        due=assessment.deadline,
        detail=detail,
    )


def _unanswered_item(row: Assignment) -> InboxItem:
    text = _("Answer “%(indicator)s” · %(assessment)s")
    return _indicator_item(ASSIGNED, text, row.assessment, row.indicator)


def _returned_answers(query: InboxQuery) -> QuerySet[Answer] | None:
    roles = inbox_roles(query)
    regions = roles.of(Role.COORDINATOR, Role.OPD_CONTRIBUTOR)
    if not regions:
        return None
    assigned_to_my_opd = Assignment.objects.filter(
        assessment=OuterRef("assessment"), indicator=OuterRef("indicator"), opd_id__in=roles.opds
    )
    return (
        Answer.objects.filter(state=State.RETURNED, assessment__state=State.RETURNED)
        .filter(assessment__region_id__in=regions)
        .filter(Q(updated_by=query.user) | Q(Exists(assigned_to_my_opd)))
        .select_related("assessment__region")
    )


def _returned_item(answer: Answer) -> InboxItem:
    text = _("Revise your answer to “%(indicator)s” · %(assessment)s")
    return _indicator_item(RETURNED, text, answer.assessment, answer.indicator, answer.review_reason)


def _coordinator_assessments(query: InboxQuery) -> QuerySet[Assessment] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    return Assessment.objects.filter(
        region_id__in=coordinated, state__in=(State.DRAFT, State.RETURNED)
    ).select_related("region")


def _coordinator_item(assessment: Assessment) -> InboxItem:
    returned = assessment.state == State.RETURNED
    text = (
        _("Assessment “%(title)s” was returned for revision: correct it and submit it again")
        if returned
        else _("Complete and submit the assessment “%(title)s”")
    )
    return InboxItem(
        RETURNED if returned else ASSIGNED,
        text % {"title": assessment.title},
        reverse("assessment:detail", args=[assessment.region.code, assessment.pk]),
        assessment.region.code,
        assessment.region.name,
        due=assessment.deadline,
    )


def _assessments_to_verify(query: InboxQuery) -> QuerySet[Assessment] | None:
    assessed = inbox_roles(query).of(Role.ASSESSOR)
    if not assessed:
        return None
    return Assessment.objects.filter(
        assessor=query.user, region_id__in=assessed, state__in=WAITING_FOR_ASSESSOR
    ).select_related("region")


def _verify_item(assessment: Assessment) -> InboxItem:
    return InboxItem(
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


# In the order the inbox lists items of one date and region.
_ANSWERS = frozenset({"assessment.assignment", "assessment.answer", "assessment.assessment", "regions.opd"})
ASSESSMENT_SOURCES = (
    InboxSource(_unanswered_indicators, _unanswered_item, reads=_ANSWERS),
    InboxSource(_returned_answers, _returned_item, reads=_ANSWERS),
    InboxSource(_coordinator_assessments, _coordinator_item, reads=frozenset({"assessment.assessment"})),
    InboxSource(_assessments_to_verify, _verify_item, reads=frozenset({"assessment.assessment"})),
)

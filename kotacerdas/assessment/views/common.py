"""What the assessment pages share: the record a URL names, its addresses, and how a button's step ends."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.urls import reverse

from kotacerdas.assessment import access, uploads
from kotacerdas.assessment.actions import common
from kotacerdas.assessment.forms import (
    AnswerForm,
    AssessorForm,
    EvidenceForm,
    NoteForm,
)
from kotacerdas.assessment.models import Answer, Assessment, State
from kotacerdas.assessment.presenters import overview_rows
from kotacerdas.core.instruments import Indicator
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage, attempt, render_page

T = TypeVar("T")
Page = RegionPage[Region]


def assessment_in_page(page: Page, assessment_id: int) -> Assessment:
    return access.get_assessment_in_region(page.region, assessment_id)


def indicator_in(assessment: Assessment, indicator_code: str) -> Indicator:
    node = common.instrument_of(assessment).node(indicator_code)
    if not isinstance(node, Indicator):
        raise Http404
    return node


def existing_answer(assessment: Assessment, indicator: Indicator) -> Answer:
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    if answer is None:
        raise Http404
    return answer


def assessment_url(name: str, assessment: Assessment, **more: str) -> str:
    kwargs = {"code": assessment.region.code, "assessment_id": assessment.pk, **more}
    return reverse(f"assessment:{name}", kwargs=kwargs)


def detail_url(assessment: Assessment) -> str:
    return assessment_url("detail", assessment)


def answer_url(assessment: Assessment, indicator: Indicator) -> str:
    return assessment_url("answer", assessment, indicator=indicator.code)


# ---------------------------------------------------------------- buttons of the state machine


def step(page: Page, call: Callable[[], T]) -> T | Failed:
    """Run a step sent by a button (no fields). Each reason of a refusal becomes its own message;
    the caller then shows the overview again with status 400 (``refused``)."""
    reasons = forms.Form({})  # bound and empty: the action's refusal lands in its non-field errors
    result = attempt(reasons, call)
    for reason in reasons.non_field_errors():
        messages.error(page.request, str(reason))  # the message text (ErrorList items read as text)
    return result


def refused(page: Page, assessment: Assessment) -> HttpResponse:
    """A refused step: the overview again with the reasons, status 400, nothing changed."""
    context = {"region": page.region, **detail_context(page, assessment)}
    return render_page(page.request, "assessment/detail.html", context, status=400)


def detail_context(page: Page, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    user = page.user
    context: dict[str, Any] = {
        "assessment": assessment,
        "instrument": common.instrument_of(assessment),
        "rows": overview_rows(user, assessment),
        "is_coordinator": access.is_coordinator(user, assessment),
        "is_assessor": access.is_assigned_assessor(user, assessment),
        "can_assign_assessor": access.can_assign_assessor(user)
        and assessment.state not in (State.VERIFIED, State.CLOSED),
        "editable": assessment.state in access.EDITABLE_ASSESSMENT_STATES,
        "transitions": assessment.transitions.filter(answer=None).select_related("actor"),
        "notes": assessment.notes.select_related("author"),
        "waiting": assessment.answers.filter(state=State.SUBMITTED).count(),
        "has_results": assessment.results.exists(),
    }
    if context["can_assign_assessor"]:
        context["assessor_form"] = AssessorForm(
            region=page.region, initial={"assessor": assessment.assessor_id}
        )
    if context["is_assessor"] and assessment.state != State.CLOSED:
        context["note_form"] = NoteForm()
    context.update(extra)
    return context


def answer_context(page: Page, assessment: Assessment, indicator: Indicator, **extra: Any) -> dict[str, Any]:
    user = page.user
    answer = access.answer_to(assessment, indicator.code)
    may_edit = access.may_answer(user, assessment, indicator.code) and access.answer_is_open(
        assessment, answer
    )
    context: dict[str, Any] = {
        "assessment": assessment,
        "indicator": indicator,
        "answer": answer,
        "may_edit": may_edit,
        "evidence": access.evidence_of(answer) if answer else [],
        "history": access.history_of(answer) if answer else [],
        "is_assessor": access.is_assigned_assessor(user, assessment),
        "can_reopen": answer is not None
        and answer.state == State.VERIFIED
        and access.can_reopen(user, assessment)
        and assessment.state in (State.VERIFIED, State.IN_REVIEW),
        "max_bytes": uploads.max_bytes(),
    }
    if may_edit:
        context["evidence_form"] = EvidenceForm()
        initial = (
            {"value": answer.value, "explanation": answer.explanation, "version": answer.version}
            if answer
            else {"version": 0}  # the form started from no answer at all
        )
        context["form"] = AnswerForm(initial=initial, indicator=indicator)
    context.update(extra)
    return context

"""The review: start it, the queue, each answer's decision, notes, finish, reopen."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.assessment import access
from kotacerdas.assessment.access import assessment_page
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.forms import (
    AssessorForm,
    NoteForm,
    ReasonForm,
    ReviewForm,
)
from kotacerdas.assessment.models import State
from kotacerdas.assessment.presenters import overview_rows
from kotacerdas.assessment.views.common import (
    Page,
    answer_context,
    answer_url,
    assessment_in_page,
    assessment_url,
    detail_context,
    detail_url,
    existing_answer,
    indicator_in,
    refused,
    step,
)
from kotacerdas.core.formatting import score
from kotacerdas.core.instruments import Indicator
from kotacerdas.web.pages import Failed


@login_required
@require_POST
@assessment_page
def submit(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    result = step(page, lambda: reviewing.do_submit(page.user, assessment))
    if isinstance(result, Failed):
        return refused(page, assessment)
    messages.success(
        page.request,
        _("Submitted for verification. Self-assessed score: %(total)s.") % {"total": score(result.total)},
    )
    return redirect(detail_url(assessment))


@login_required
@require_POST
@assessment_page
def set_assessor(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    if not access.can_assign_assessor(page.user):
        raise PermissionDenied
    form = AssessorForm(page.post, region=page.region)
    saved = page.save(
        form,
        lambda data: answering.do_assign_assessor(page.user, assessment, data["assessor"]),
        _("Assessor assigned."),
        then=detail_url(assessment),
    )
    return saved or page.render(
        "assessment/detail.html", detail_context(page, assessment, assessor_form=form), form
    )


@login_required
@require_POST
@assessment_page
def start_review(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    if isinstance(step(page, lambda: reviewing.do_start_review(page.user, assessment)), Failed):
        return refused(page, assessment)
    messages.success(page.request, _("Review started."))
    return redirect(assessment_url("queue", assessment))


@assessment_page
def queue(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    rows = [row for row in overview_rows(page.user, assessment) if row.answer is not None]
    return page.render(
        "assessment/queue.html",
        {
            "assessment": assessment,
            "rows": rows,
            "is_assessor": access.is_assigned_assessor(page.user, assessment),
            "waiting": sum(1 for row in rows if row.answer and row.answer.state == State.SUBMITTED),
        },
    )


def _decided(indicator: Indicator) -> str:
    return _("Decision recorded for %(code)s.") % {"code": indicator.code}


@assessment_page
def review(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    node = indicator_in(assessment, indicator)
    answer = existing_answer(assessment, node)
    if not access.is_assigned_assessor(page.user, assessment):
        raise PermissionDenied
    form = ReviewForm(page.post, indicator=node, initial={"decision": "accept"})
    saved = page.save(
        form,
        lambda data: reviewing.do_review_answer(page.user, answer, **data),
        _decided(node),
        then=assessment_url("queue", assessment),
    )
    return saved or page.render(
        "assessment/review.html", answer_context(page, assessment, node, review_form=form), form
    )


@login_required
@require_POST
@assessment_page
def accept(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    node = indicator_in(assessment, indicator)
    answer = existing_answer(assessment, node)
    decided = step(page, lambda: reviewing.do_review_answer(page.user, answer, decision=reviewing.ACCEPT))
    if isinstance(decided, Failed):
        return refused(page, assessment)
    messages.success(page.request, _decided(node))
    return redirect(assessment_url("queue", assessment))


@login_required
@require_POST
@assessment_page
def finish_review(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    reason = page.request.POST.get("reason", "")[:5000]
    result = step(page, lambda: reviewing.do_finish_review(page.user, assessment, reason=reason))
    if isinstance(result, Failed):
        return refused(page, assessment)
    if result is None:
        messages.success(
            page.request, _("Review finished: answers were returned to the region for revision.")
        )
        return redirect(detail_url(assessment))
    messages.success(page.request, _("Verified. Score: %(total)s.") % {"total": score(result.total)})
    return redirect(assessment_url("results", assessment))


@login_required
@require_POST
@assessment_page
def add_note(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    form = NoteForm(page.post)
    saved = page.save(
        form,
        lambda data: reviewing.do_add_note(page.user, assessment, **data),
        _("Interview note saved."),
        then=detail_url(assessment),
    )
    if saved:
        return saved
    if not access.is_assigned_assessor(page.user, assessment):
        raise PermissionDenied
    return page.render("assessment/detail.html", detail_context(page, assessment, note_form=form), form)


@assessment_page
def reopen(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    node = indicator_in(assessment, indicator)
    answer = existing_answer(assessment, node)
    if not access.can_reopen(page.user, assessment):
        raise PermissionDenied
    form = ReasonForm(page.post)
    saved = page.save(
        form,
        lambda data: reviewing.do_reopen_answer(page.user, answer, **data),
        _("Answer reopened; the region can revise it."),
        then=answer_url(assessment, node),
    )
    return saved or page.render(
        "assessment/reopen.html", answer_context(page, assessment, node, reopen_form=form), form
    )

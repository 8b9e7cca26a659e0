"""Assessment pages. Views parse input, call one action and render through the page layer.

Every page is an ``assessment_page`` (kotacerdas.assessment.access): the region through its getter
(404 elsewhere), and a POST only from a member who takes part in assessments (403 otherwise). Finer
rules (only the coordinator assigns, only the assigned assessor reviews) stay in the actions and in
the few ``PermissionDenied`` checks below that guard a form before it is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.assessment import access, uploads
from kotacerdas.assessment.access import assessment_page
from kotacerdas.assessment.actions import answering, common, reviewing
from kotacerdas.assessment.forms import (
    AnswerForm,
    AssessorForm,
    AssignForm,
    EvidenceForm,
    ImportForm,
    NoteForm,
    ReasonForm,
    ReviewForm,
    StartForm,
)
from kotacerdas.assessment.models import Answer, Assessment, State
from kotacerdas.assessment.presenters import export_values, overview_rows, results_context
from kotacerdas.core.formatting import score
from kotacerdas.core.instruments import Indicator, answers_to_csv, export_answers_xlsx
from kotacerdas.regions.models import Region
from kotacerdas.web.pages import Failed, RegionPage, attempt, render_page
from kotacerdas.web.params import page_of

T = TypeVar("T")
Page = RegionPage[Region]


# ---------------------------------------------------------------- getters and addresses


def _assessment(page: Page, assessment_id: int) -> Assessment:
    return access.get_assessment_in_region(page.region, assessment_id)


def _indicator(assessment: Assessment, indicator_code: str) -> Indicator:
    node = common.instrument_of(assessment).node(indicator_code)
    if not isinstance(node, Indicator):
        raise Http404
    return node


def _existing_answer(assessment: Assessment, indicator: Indicator) -> Answer:
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    if answer is None:
        raise Http404
    return answer


def _url(name: str, assessment: Assessment, **more: str) -> str:
    kwargs = {"code": assessment.region.code, "assessment_id": assessment.pk, **more}
    return reverse(f"assessment:{name}", kwargs=kwargs)


def _detail_url(assessment: Assessment) -> str:
    return _url("detail", assessment)


def _answer_url(assessment: Assessment, indicator: Indicator) -> str:
    return _url("answer", assessment, indicator=indicator.code)


# ---------------------------------------------------------------- buttons of the state machine


def _step(page: Page, call: Callable[[], T]) -> T | Failed:
    """Run a step sent by a button (no fields). Each reason of a refusal becomes its own message;
    the caller then shows the overview again with status 400 (``_refused``)."""
    reasons = forms.Form({})  # bound and empty: the action's refusal lands in its non-field errors
    result = attempt(reasons, call)
    for reason in reasons.non_field_errors():
        messages.error(page.request, str(reason))  # the message text (ErrorList items read as text)
    return result


def _refused(page: Page, assessment: Assessment) -> HttpResponse:
    """A refused step: the overview again with the reasons, status 400, nothing changed."""
    context = {"region": page.region, **_detail_context(page, assessment)}
    return render_page(page.request, "assessment/detail.html", context, status=400)


# ---------------------------------------------------------------- list and overview


@assessment_page
def assessment_list(page: Page) -> HttpResponse:
    can_start = access.can_manage_region_of(page.user, page.region)
    if page.post is not None and not can_start:
        raise PermissionDenied
    form = StartForm(page.post) if can_start else None
    if form is not None:
        saved = page.save(
            form,
            lambda data: answering.do_start_assessment(page.user, page.region, **data),
            _("Assessment started. Assign its indicators to OPDs next."),
            then=_detail_url,
        )
        if saved:
            return saved
    assessments = page_of(page.request, page.region.assessments.select_related("assessor"))
    return page.render("assessment/list.html", {"page": assessments, "form": form}, form)


def _detail_context(page: Page, assessment: Assessment, **extra: Any) -> dict[str, Any]:
    user = page.user
    context: dict[str, Any] = {
        "assessment": assessment,
        "instrument": common.instrument_of(assessment),
        "rows": overview_rows(user, assessment),
        "is_coordinator": access.is_coordinator(user, assessment),
        "is_assessor": access.is_assigned_assessor(user, assessment),
        "can_assign_assessor": access.can_assign_assessor(user) and assessment.state != State.VERIFIED,
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
    if context["is_assessor"]:
        context["note_form"] = NoteForm()
    context.update(extra)
    return context


@assessment_page
def detail(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    return page.render("assessment/detail.html", _detail_context(page, assessment))


def _assigned(count: int, opd: Any) -> str:
    if opd:
        return _("%(count)s indicators assigned to %(opd)s.") % {"count": count, "opd": opd.name}
    return _("%(count)s indicators unassigned.") % {"count": count}


@assessment_page
def assign(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    if not access.is_coordinator(page.user, assessment):
        raise PermissionDenied
    rows = list(overview_rows(page.user, assessment))
    form = AssignForm(page.post, rows=rows, region=page.region)
    saved = page.save(
        form,
        lambda data: answering.do_assign(page.user, assessment, **data),
        lambda codes: _assigned(len(codes), form.cleaned_data["opd"]),
    )
    context = {"assessment": assessment, "form": form, "rows": rows}
    return saved or page.render("assessment/assign.html", context, form)


# ---------------------------------------------------------------- answering


def _answer_context(page: Page, assessment: Assessment, indicator: Indicator, **extra: Any) -> dict[str, Any]:
    user = page.user
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    may_edit = access.may_answer(user, assessment, indicator.code) and access.answer_is_open(
        assessment, answer
    )
    context: dict[str, Any] = {
        "assessment": assessment,
        "indicator": indicator,
        "answer": answer,
        "may_edit": may_edit,
        "evidence": answer.evidence.all() if answer else [],
        "history": answer.transitions.select_related("actor") if answer else [],
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


@assessment_page
def answer_view(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    node = _indicator(assessment, indicator)
    if page.post is None:
        return page.render("assessment/answer.html", _answer_context(page, assessment, node))
    form = AnswerForm(page.post, indicator=node)
    saved = page.save(
        form,
        lambda data: answering.do_save_answer(page.user, assessment, node.code, **data),
        _("Answer saved."),
    )
    return saved or page.render(
        "assessment/answer.html",
        _answer_context(page, assessment, node, form=form, saved_ok=False),
        form,
    )


@login_required
@require_POST
@assessment_page
def evidence_upload(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    node = _indicator(assessment, indicator)
    form = EvidenceForm(page.post, page.request.FILES)
    saved = page.save(
        form,
        lambda data: answering.do_upload_evidence(
            page.user,
            assessment,
            node.code,
            data["file"],
            name=data["file"].name or "",
            size=data["file"].size or 0,
        ),
        lambda _evidence: _("Evidence “%(name)s” uploaded.") % {"name": form.cleaned_data["file"].name},
        then=_answer_url(assessment, node),
    )
    return saved or page.render(
        "assessment/answer.html", _answer_context(page, assessment, node, evidence_form=form), form
    )


@assessment_page  # type: ignore[arg-type]  # region_page is typed for HttpResponse; a file is streamed
def evidence_download(page: Page, assessment_id: int, evidence_id: int) -> FileResponse:
    assessment = _assessment(page, assessment_id)
    evidence = access.get_evidence_in_assessment(assessment, evidence_id)
    if not access.may_download_evidence(page.user, assessment):
        raise Http404
    path = uploads.path_of(evidence.stored_name)
    if not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=uploads.download_name(
            evidence.answer.indicator, evidence.pk, evidence.original_name, evidence.content_type
        ),
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
@assessment_page
def evidence_delete(page: Page, assessment_id: int, evidence_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    evidence = access.get_evidence_in_assessment(assessment, evidence_id)
    indicator = evidence.answer.indicator
    if isinstance(_step(page, lambda: answering.do_delete_evidence(page.user, evidence)), Failed):
        return _refused(page, assessment)
    messages.success(page.request, _("Evidence deleted."))
    return redirect(_url("answer", assessment, indicator=indicator))


@assessment_page
def import_answers(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    if not access.is_coordinator(page.user, assessment):
        raise PermissionDenied
    form = ImportForm(page.post, page.request.FILES if page.post is not None else None)
    saved = page.save(
        form,
        lambda data: answering.do_import_answers(page.user, assessment, data["file"]),
        lambda changed: _("%(count)s answers imported.") % {"count": changed},
        then=_detail_url(assessment),
    )
    return saved or page.render("assessment/import.html", {"assessment": assessment, "form": form}, form)


# ---------------------------------------------------------------- steps of the state machine


@login_required
@require_POST
@assessment_page
def submit(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    result = _step(page, lambda: reviewing.do_submit(page.user, assessment))
    if isinstance(result, Failed):
        return _refused(page, assessment)
    messages.success(
        page.request,
        _("Submitted for verification. Self-assessed score: %(total)s.") % {"total": f"{result.total:.2f}"},
    )
    return redirect(_detail_url(assessment))


@login_required
@require_POST
@assessment_page
def set_assessor(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    if not access.can_assign_assessor(page.user):
        raise PermissionDenied
    form = AssessorForm(page.post, region=page.region)
    saved = page.save(
        form,
        lambda data: answering.do_assign_assessor(page.user, assessment, data["assessor"]),
        _("Assessor assigned."),
        then=_detail_url(assessment),
    )
    return saved or page.render(
        "assessment/detail.html", _detail_context(page, assessment, assessor_form=form), form
    )


@login_required
@require_POST
@assessment_page
def start_review(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    if isinstance(_step(page, lambda: reviewing.do_start_review(page.user, assessment)), Failed):
        return _refused(page, assessment)
    messages.success(page.request, _("Review started."))
    return redirect(_url("queue", assessment))


@assessment_page
def queue(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
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
    assessment = _assessment(page, assessment_id)
    node = _indicator(assessment, indicator)
    answer = _existing_answer(assessment, node)
    if not access.is_assigned_assessor(page.user, assessment):
        raise PermissionDenied
    form = ReviewForm(page.post, indicator=node, initial={"decision": "accept"})
    saved = page.save(
        form,
        lambda data: reviewing.do_review_answer(page.user, answer, **data),
        _decided(node),
        then=_url("queue", assessment),
    )
    return saved or page.render(
        "assessment/review.html", _answer_context(page, assessment, node, review_form=form), form
    )


@login_required
@require_POST
@assessment_page
def accept(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    node = _indicator(assessment, indicator)
    answer = _existing_answer(assessment, node)
    decided = _step(page, lambda: reviewing.do_review_answer(page.user, answer, decision=reviewing.ACCEPT))
    if isinstance(decided, Failed):
        return _refused(page, assessment)
    messages.success(page.request, _decided(node))
    return redirect(_url("queue", assessment))


@login_required
@require_POST
@assessment_page
def finish_review(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    reason = page.request.POST.get("reason", "")[:5000]
    result = _step(page, lambda: reviewing.do_finish_review(page.user, assessment, reason=reason))
    if isinstance(result, Failed):
        return _refused(page, assessment)
    if result is None:
        messages.success(
            page.request, _("Review finished: answers were returned to the region for revision.")
        )
        return redirect(_detail_url(assessment))
    messages.success(page.request, _("Verified. Score: %(total)s.") % {"total": score(result.total)})
    return redirect(_url("results", assessment))


@login_required
@require_POST
@assessment_page
def add_note(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    form = NoteForm(page.post)
    saved = page.save(
        form,
        lambda data: reviewing.do_add_note(page.user, assessment, **data),
        _("Interview note saved."),
        then=_detail_url(assessment),
    )
    if saved:
        return saved
    if not access.is_assigned_assessor(page.user, assessment):
        raise PermissionDenied
    return page.render("assessment/detail.html", _detail_context(page, assessment, note_form=form), form)


@assessment_page
def reopen(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    node = _indicator(assessment, indicator)
    answer = _existing_answer(assessment, node)
    if not access.can_reopen(page.user, assessment):
        raise PermissionDenied
    form = ReasonForm(page.post)
    saved = page.save(
        form,
        lambda data: reviewing.do_reopen_answer(page.user, answer, **data),
        _("Answer reopened; the region can revise it."),
        then=_answer_url(assessment, node),
    )
    return saved or page.render(
        "assessment/reopen.html", _answer_context(page, assessment, node, reopen_form=form), form
    )


# ---------------------------------------------------------------- results and exports


@assessment_page
def results(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    return page.render("assessment/results.html", results_context(assessment))


@assessment_page
def print_summary(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    return page.render("assessment/print.html", results_context(assessment))


def _export_name(assessment: Assessment, extension: str) -> str:
    return f"asesmen-{assessment.region.code}-{assessment.instrument_id}-{assessment.pk}.{extension}"


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@assessment_page
def export_xlsx(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    data = export_answers_xlsx(common.instrument_of(assessment), {None: export_values(assessment)})
    return _attachment(
        data,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _export_name(assessment, "xlsx"),
    )


@assessment_page
def export_csv(page: Page, assessment_id: int) -> HttpResponse:
    assessment = _assessment(page, assessment_id)
    return _attachment(
        answers_to_csv({None: export_values(assessment)}),
        "text/csv; charset=utf-8",
        _export_name(assessment, "csv"),
    )

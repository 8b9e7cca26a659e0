"""Assessment pages. Views parse input, call one action and render; region via get_region_for_user."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.forms import Form
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.accounts.access import get_region_for_user, is_national_admin
from kotacerdas.assessment import access, actions, uploads
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
from kotacerdas.core.instruments import Indicator, answers_to_csv, export_answers_xlsx
from kotacerdas.regions.models import Region
from kotacerdas.web.forms import apply_validation_error


def _status(form: Form | None) -> int:
    return 400 if form is not None and form.is_bound and form.errors else 200


def _load(request: HttpRequest, code: str, assessment_id: int) -> tuple[Region, Assessment]:
    region = get_region_for_user(request.user, code)
    return region, access.get_assessment_for_user(request.user, region, assessment_id)


def _indicator(assessment: Assessment, indicator_code: str) -> Indicator:
    node = actions.instrument_of(assessment).node(indicator_code)
    if not isinstance(node, Indicator):
        raise Http404
    return node


def _back(assessment: Assessment) -> HttpResponse:
    return redirect("assessment:detail", code=assessment.region.code, assessment_id=assessment.pk)


def _refuse(
    request: HttpRequest, region: Region, assessment: Assessment, error: ValidationError
) -> HttpResponse:
    """A refused POST-only step: the overview again with the reason, status 400, nothing changed."""
    for message in error.messages:
        messages.error(request, message)
    return render(request, "assessment/detail.html", _detail_context(request, region, assessment), status=400)


# ---------------------------------------------------------------- list and overview


@login_required
def assessment_list(request: HttpRequest, code: str) -> HttpResponse:
    region = get_region_for_user(request.user, code)
    can_start = access.can_manage_region_of(request.user, region)
    form = StartForm(request.POST or None) if can_start else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            try:
                assessment = actions.do_start_assessment(request.user, region, **form.cleaned_data)
            except ValidationError as error:
                apply_validation_error(form, error)
            else:
                messages.success(request, _("Assessment started. Assign its indicators to OPDs next."))
                return _back(assessment)
    assessments = region.assessments.select_related("assessor")
    return render(
        request,
        "assessment/list.html",
        {"region": region, "assessments": assessments, "form": form},
        status=_status(form),
    )


def _detail_context(
    request: HttpRequest, region: Region, assessment: Assessment, **extra: Any
) -> dict[str, Any]:
    user = request.user
    is_coordinator = access.is_coordinator(user, assessment)
    editable = assessment.state in access.EDITABLE_ASSESSMENT_STATES
    context: dict[str, Any] = {
        "region": region,
        "assessment": assessment,
        "instrument": actions.instrument_of(assessment),
        "rows": overview_rows(user, assessment),
        "is_coordinator": is_coordinator,
        "is_assessor": access.is_assigned_assessor(user, assessment),
        "can_assign_assessor": access.can_assign_assessor(user) and assessment.state != State.VERIFIED,
        "editable": editable,
        "transitions": assessment.transitions.filter(answer=None).select_related("actor"),
        "notes": assessment.notes.select_related("author"),
        "waiting": assessment.answers.filter(state=State.SUBMITTED).count(),
        "has_results": assessment.results.exists(),
    }
    if context["can_assign_assessor"]:
        context.setdefault(
            "assessor_form", AssessorForm(region=region, initial={"assessor": assessment.assessor_id})
        )
    if context["is_assessor"]:
        context["note_form"] = NoteForm()
    context.update(extra)
    return context


@login_required
def detail(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    return render(request, "assessment/detail.html", _detail_context(request, region, assessment))


@login_required
def assign(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    if not access.is_coordinator(request.user, assessment):
        raise PermissionDenied
    rows = list(overview_rows(request.user, assessment))
    form = AssignForm(request.POST or None, rows=rows, region=region)
    if request.method == "POST" and form.is_valid():
        try:
            codes = actions.do_assign(request.user, assessment, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            opd = form.cleaned_data["opd"]
            if opd:
                messages.success(
                    request,
                    _("%(count)s indicators assigned to %(opd)s.") % {"count": len(codes), "opd": opd.name},
                )
            else:
                messages.success(request, _("%(count)s indicators unassigned.") % {"count": len(codes)})
            return redirect("assessment:assign", code=region.code, assessment_id=assessment.pk)
    return render(
        request,
        "assessment/assign.html",
        {"region": region, "assessment": assessment, "form": form, "rows": rows},
        status=_status(form),
    )


# ---------------------------------------------------------------- answering


def _answer_context(
    request: HttpRequest, region: Region, assessment: Assessment, indicator: Indicator, **extra: Any
) -> dict[str, Any]:
    answer = Answer.objects.filter(assessment=assessment, indicator=indicator.code).first()
    may_edit = access.may_answer(request.user, assessment, indicator.code) and access.answer_is_open(
        assessment, answer
    )
    context: dict[str, Any] = {
        "region": region,
        "assessment": assessment,
        "indicator": indicator,
        "answer": answer,
        "may_edit": may_edit,
        "evidence": answer.evidence.all() if answer else [],
        "history": answer.transitions.select_related("actor") if answer else [],
        "is_assessor": access.is_assigned_assessor(request.user, assessment),
        "can_reopen": answer is not None
        and answer.state == State.VERIFIED
        and access.can_reopen(request.user, assessment)
        and assessment.state in (State.VERIFIED, State.IN_REVIEW),
        "max_bytes": uploads.max_bytes(),
    }
    if may_edit:
        context["evidence_form"] = EvidenceForm()
        initial = {"value": answer.value, "explanation": answer.explanation} if answer else {}
        context["form"] = AnswerForm(initial=initial, indicator=indicator)
    context.update(extra)
    return context


@login_required
def answer_view(request: HttpRequest, code: str, assessment_id: int, indicator: str) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    node = _indicator(assessment, indicator)
    if request.method != "POST":
        return render(request, "assessment/answer.html", _answer_context(request, region, assessment, node))
    form = AnswerForm(request.POST, indicator=node)
    if form.is_valid():
        try:
            actions.do_save_answer(request.user, assessment, node.code, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Answer saved."))
            return redirect(
                "assessment:answer", code=region.code, assessment_id=assessment.pk, indicator=node.code
            )
    context = _answer_context(request, region, assessment, node, form=form, saved_ok=False)
    return render(request, "assessment/answer.html", context, status=400)


@login_required
@require_POST
def evidence_upload(request: HttpRequest, code: str, assessment_id: int, indicator: str) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    node = _indicator(assessment, indicator)
    form = EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            actions.do_upload_evidence(
                request.user, assessment, node.code, upload, name=upload.name or "", size=upload.size or 0
            )
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Evidence “%(name)s” uploaded.") % {"name": upload.name})
            return redirect(
                "assessment:answer", code=region.code, assessment_id=assessment.pk, indicator=node.code
            )
    context = _answer_context(request, region, assessment, node)
    context["evidence_form"] = form
    return render(request, "assessment/answer.html", context, status=400)


@login_required
def evidence_download(request: HttpRequest, code: str, assessment_id: int, evidence_id: int) -> FileResponse:
    _region, assessment = _load(request, code, assessment_id)
    evidence = access.get_evidence_for_user(request.user, assessment, evidence_id)
    if not access.may_download_evidence(request.user, assessment):
        raise Http404
    path = uploads.path_of(evidence.stored_name)
    if not path.is_file():
        raise Http404
    response = FileResponse(
        path.open("rb"),
        as_attachment=True,
        filename=evidence.original_name,
        content_type=evidence.content_type,
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


@login_required
@require_POST
def evidence_delete(request: HttpRequest, code: str, assessment_id: int, evidence_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    evidence = access.get_evidence_for_user(request.user, assessment, evidence_id)
    indicator = evidence.answer.indicator
    try:
        actions.do_delete_evidence(request.user, evidence)
    except ValidationError as error:
        return _refuse(request, region, assessment, error)
    messages.success(request, _("Evidence deleted."))
    return redirect("assessment:answer", code=region.code, assessment_id=assessment.pk, indicator=indicator)


@login_required
def import_answers(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    if not access.is_coordinator(request.user, assessment):
        raise PermissionDenied
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            changed = actions.do_import_answers(request.user, assessment, form.cleaned_data["file"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("%(count)s answers imported.") % {"count": changed})
            return _back(assessment)
    return render(
        request,
        "assessment/import.html",
        {"region": region, "assessment": assessment, "form": form},
        status=_status(form),
    )


# ---------------------------------------------------------------- steps of the state machine


@login_required
@require_POST
def submit(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    try:
        result = actions.do_submit(request.user, assessment)
    except ValidationError as error:
        return _refuse(request, region, assessment, error)
    messages.success(
        request,
        _("Submitted for verification. Self-assessed score: %(total)s.") % {"total": f"{result.total:.2f}"},
    )
    return _back(assessment)


@login_required
@require_POST
def set_assessor(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    if not is_national_admin(request.user):
        raise PermissionDenied
    form = AssessorForm(request.POST, region=region)
    if form.is_valid():
        try:
            actions.do_assign_assessor(request.user, assessment, form.cleaned_data["assessor"])
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Assessor assigned."))
            return _back(assessment)
    context = _detail_context(request, region, assessment, assessor_form=form)
    return render(request, "assessment/detail.html", context, status=400)


@login_required
@require_POST
def start_review(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    try:
        actions.do_start_review(request.user, assessment)
    except ValidationError as error:
        return _refuse(request, region, assessment, error)
    messages.success(request, _("Review started."))
    return redirect("assessment:queue", code=region.code, assessment_id=assessment.pk)


@login_required
def queue(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    rows = [row for row in overview_rows(request.user, assessment) if row.answer is not None]
    return render(
        request,
        "assessment/queue.html",
        {
            "region": region,
            "assessment": assessment,
            "rows": rows,
            "is_assessor": access.is_assigned_assessor(request.user, assessment),
            "waiting": sum(1 for row in rows if row.answer and row.answer.state == State.SUBMITTED),
        },
    )


@login_required
def review(request: HttpRequest, code: str, assessment_id: int, indicator: str) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    node = _indicator(assessment, indicator)
    answer = Answer.objects.filter(assessment=assessment, indicator=node.code).first()
    if answer is None:
        raise Http404
    if not access.is_assigned_assessor(request.user, assessment):
        raise PermissionDenied
    form = ReviewForm(request.POST or None, indicator=node, initial={"decision": "accept"})
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_review_answer(request.user, answer, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Decision recorded for %(code)s.") % {"code": node.code})
            return redirect("assessment:queue", code=region.code, assessment_id=assessment.pk)
    context = _answer_context(request, region, assessment, node, review_form=form)
    return render(request, "assessment/review.html", context, status=_status(form))


@login_required
@require_POST
def accept(request: HttpRequest, code: str, assessment_id: int, indicator: str) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    node = _indicator(assessment, indicator)
    answer = Answer.objects.filter(assessment=assessment, indicator=node.code).first()
    if answer is None:
        raise Http404
    try:
        actions.do_review_answer(request.user, answer, decision=actions.ACCEPT)
    except ValidationError as error:
        return _refuse(request, region, assessment, error)
    messages.success(request, _("Decision recorded for %(code)s.") % {"code": node.code})
    return redirect("assessment:queue", code=region.code, assessment_id=assessment.pk)


@login_required
@require_POST
def finish_review(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    try:
        result = actions.do_finish_review(
            request.user, assessment, reason=request.POST.get("reason", "")[:5000]
        )
    except ValidationError as error:
        return _refuse(request, region, assessment, error)
    if result is None:
        messages.success(request, _("Review finished: answers were returned to the region for revision."))
        return _back(assessment)
    messages.success(request, _("Verified. Score: %(total)s.") % {"total": f"{result.total:.2f}"})
    return redirect("assessment:results", code=region.code, assessment_id=assessment.pk)


@login_required
@require_POST
def add_note(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            actions.do_add_note(request.user, assessment, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Interview note saved."))
            return _back(assessment)
    if not access.is_assigned_assessor(request.user, assessment):
        raise PermissionDenied
    context = _detail_context(request, region, assessment, note_form=form)
    return render(request, "assessment/detail.html", context, status=400)


@login_required
def reopen(request: HttpRequest, code: str, assessment_id: int, indicator: str) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    node = _indicator(assessment, indicator)
    answer = Answer.objects.filter(assessment=assessment, indicator=node.code).first()
    if answer is None:
        raise Http404
    if not access.can_reopen(request.user, assessment):
        raise PermissionDenied
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_reopen_answer(request.user, answer, **form.cleaned_data)
        except ValidationError as error:
            apply_validation_error(form, error)
        else:
            messages.success(request, _("Answer reopened; the region can revise it."))
            return redirect(
                "assessment:answer", code=region.code, assessment_id=assessment.pk, indicator=node.code
            )
    context = _answer_context(request, region, assessment, node, reopen_form=form)
    return render(request, "assessment/reopen.html", context, status=_status(form))


# ---------------------------------------------------------------- results and exports


@login_required
def results(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    return render(request, "assessment/results.html", {"region": region, **results_context(assessment)})


@login_required
def print_summary(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    region, assessment = _load(request, code, assessment_id)
    return render(request, "assessment/print.html", {"region": region, **results_context(assessment)})


def _export_name(assessment: Assessment, extension: str) -> str:
    return f"asesmen-{assessment.region.code}-{assessment.instrument_id}-{assessment.pk}.{extension}"


@login_required
def export_xlsx(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    _region, assessment = _load(request, code, assessment_id)
    data = export_answers_xlsx(actions.instrument_of(assessment), {None: export_values(assessment)})
    response = HttpResponse(
        data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(assessment, "xlsx")}"'
    return response


@login_required
def export_csv(request: HttpRequest, code: str, assessment_id: int) -> HttpResponse:
    _region, assessment = _load(request, code, assessment_id)
    response = HttpResponse(
        answers_to_csv({None: export_values(assessment)}), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{_export_name(assessment, "csv")}"'
    return response

"""The list, an assessment's overview and its answering: assign, answer, evidence, import, submit."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from kotacerdas.assessment import access, uploads
from kotacerdas.assessment.access import assessment_page
from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.forms import (
    AnswerForm,
    AssignForm,
    EvidenceForm,
    ImportForm,
    StartForm,
)
from kotacerdas.assessment.presenters import overview_rows
from kotacerdas.assessment.views.common import (
    Page,
    answer_context,
    answer_url,
    assessment_in_page,
    assessment_url,
    detail_context,
    detail_url,
    indicator_in,
    refused,
    step,
)
from kotacerdas.web.pages import Failed
from kotacerdas.web.params import page_of


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
            then=detail_url,
        )
        if saved:
            return saved
    assessments = page_of(page.request, page.region.assessments.select_related("assessor"))
    return page.render("assessment/list.html", {"page": assessments, "form": form}, form)


@assessment_page
def detail(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    return page.render("assessment/detail.html", detail_context(page, assessment))


def _assigned(count: int, opd: Any) -> str:
    if opd:
        return _("%(count)s indicators assigned to %(opd)s.") % {"count": count, "opd": opd.name}
    return _("%(count)s indicators unassigned.") % {"count": count}


@assessment_page
def assign(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
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


@assessment_page
def answer_view(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    node = indicator_in(assessment, indicator)
    if page.post is None:
        return page.render("assessment/answer.html", answer_context(page, assessment, node))
    form = AnswerForm(page.post, indicator=node)
    saved = page.save(
        form,
        lambda data: answering.do_save_answer(page.user, assessment, node.code, **data),
        _("Answer saved."),
    )
    return saved or page.render(
        "assessment/answer.html",
        answer_context(page, assessment, node, form=form, saved_ok=False),
        form,
    )


@login_required
@require_POST
@assessment_page
def evidence_upload(page: Page, assessment_id: int, indicator: str) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    node = indicator_in(assessment, indicator)
    form = EvidenceForm(page.post, page.files)
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
        then=answer_url(assessment, node),
    )
    return saved or page.render(
        "assessment/answer.html", answer_context(page, assessment, node, evidence_form=form), form
    )


@assessment_page  # type: ignore[arg-type]  # region_page is typed for HttpResponse; a file is streamed
def evidence_download(page: Page, assessment_id: int, evidence_id: int) -> FileResponse:
    assessment = assessment_in_page(page, assessment_id)
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
    assessment = assessment_in_page(page, assessment_id)
    evidence = access.get_evidence_in_assessment(assessment, evidence_id)
    indicator = evidence.answer.indicator
    if isinstance(step(page, lambda: answering.do_delete_evidence(page.user, evidence)), Failed):
        return refused(page, assessment)
    messages.success(page.request, _("Evidence deleted."))
    return redirect(assessment_url("answer", assessment, indicator=indicator))


@assessment_page
def import_answers(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    if not access.is_coordinator(page.user, assessment):
        raise PermissionDenied
    form = ImportForm(page.post, page.files)
    saved = page.save(
        form,
        lambda data: answering.do_import_answers(page.user, assessment, data["file"]),
        lambda changed: _("%(count)s answers imported.") % {"count": changed},
        then=detail_url(assessment),
    )
    return saved or page.render("assessment/import.html", {"assessment": assessment, "form": form}, form)

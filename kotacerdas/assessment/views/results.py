"""Results, the printable summary and the exports (XLSX, CSV)."""

from __future__ import annotations

from django.http import HttpResponse

from kotacerdas.assessment.access import assessment_page
from kotacerdas.assessment.actions import common
from kotacerdas.assessment.models import Assessment
from kotacerdas.assessment.presenters import export_values, results_context
from kotacerdas.assessment.views.common import Page, assessment_in_page
from kotacerdas.core.instruments import answers_to_csv, export_answers_xlsx


@assessment_page
def results(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    return page.render("assessment/results.html", results_context(assessment))


@assessment_page
def print_summary(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    return page.render("assessment/print.html", results_context(assessment))


def _export_name(assessment: Assessment, extension: str) -> str:
    return f"asesmen-{assessment.region.code}-{assessment.instrument_id}-{assessment.pk}.{extension}"


def _attachment(content: bytes | str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@assessment_page
def export_xlsx(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    data = export_answers_xlsx(common.instrument_of(assessment), {None: export_values(assessment)})
    return _attachment(
        data,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        _export_name(assessment, "xlsx"),
    )


@assessment_page
def export_csv(page: Page, assessment_id: int) -> HttpResponse:
    assessment = assessment_in_page(page, assessment_id)
    return _attachment(
        answers_to_csv({None: export_values(assessment)}),
        "text/csv; charset=utf-8",
        _export_name(assessment, "csv"),
    )

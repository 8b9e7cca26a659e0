"""Downloads of a published evaluation: a region's result letter (DOCX, PDF) and the results XLSX.

The letter is there for whoever may open the region (from its evaluation card) and for Ayu (from the
cycle page); everything is read from the immutable publication.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseNotAllowed
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import get_region_for_user
from kotacerdas.core.evaluation.book import book_filename
from kotacerdas.evaluation.access import (
    cycle_page,
    get_publication_of_cycle,
    get_published_result,
    get_region_in_publication,
)
from kotacerdas.evaluation.actions import do_prepare_letter_pdfs, do_request_results_book
from kotacerdas.evaluation.letter import CONTENT_TYPES, kept_letter_pdf, letter_docx
from kotacerdas.evaluation.letter_pdfs import queue_letter_pdfs
from kotacerdas.evaluation.models import Cycle, LetterJob, Publication, ResultsBook
from kotacerdas.evaluation.results_table import results_xlsx
from kotacerdas.jobs.liveness import sweep
from kotacerdas.regions.models import Region
from kotacerdas.web.object_pages import ObjectPage
from kotacerdas.web.pages import RegionPage, region_page

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _never_edit(user: Any, region: Region) -> bool:
    return False  # downloads only: a POST is refused


result_page = region_page(get_region_for_user, _never_edit)


def attachment(content: bytes, name: str, content_type: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response


def _letter(page: Any, publication: Publication, region: Region, extension: str, back: str) -> HttpResponse:
    """The DOCX at once; the PDF when it is kept, else a message and the job that prepares it queued.

    Never a conversion here (LibreOffice takes seconds of a web worker): letter_pdfs.py prepares them.
    """
    if page.request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    if extension == "docx":
        return attachment(*letter_docx(publication, region), CONTENT_TYPES["docx"])
    content, name = kept_letter_pdf(publication, region)
    if content is not None:
        return attachment(content, name, CONTENT_TYPES["pdf"])
    sweep(LetterJob, publication=publication)  # a job whose worker died is failed, then queued again
    if not _without_libreoffice(page, publication):
        queue_letter_pdfs(publication, page.user)
        content, name = kept_letter_pdf(publication, region)  # tasks run in this process by default
        if content is not None:
            return attachment(content, name, CONTENT_TYPES["pdf"])
        if not _without_libreoffice(page, publication):
            messages.info(
                page.request,
                _(
                    "The letter's PDF is being prepared… Download the DOCX now, or the PDF again in a "
                    "minute or two."
                ),
            )
    return redirect(back)


def _without_libreoffice(page: Any, publication: Publication) -> bool:
    """Whether the letters' job failed for want of LibreOffice (then said, and not queued again)."""
    job = LetterJob.objects.filter(publication=publication).first()
    if job is None or job.status != LetterJob.Status.FAILED or not job.pdf_unavailable:
        return False
    unavailable = _("The PDF could not be made: %(error)s Download the DOCX.")
    messages.error(page.request, unavailable % {"error": job.message})
    return True


def region_letter(extension: str) -> Any:
    @result_page
    def view(page: RegionPage[Region], year: int) -> HttpResponse:
        publication = get_published_result(page.region, year)
        back = reverse("regions:workspace", args=[page.region.code])
        return _letter(page, publication, page.region, extension, back)

    return view


def cycle_letter(extension: str) -> Any:
    @cycle_page
    def view(page: ObjectPage[Cycle], code: str) -> HttpResponse:
        publication = get_publication_of_cycle(page.obj)
        region = get_region_in_publication(publication, code)
        return _letter(page, publication, region, extension, reverse("evaluation:cycle", args=[page.obj.pk]))

    return view


@cycle_page
def results_xlsx_view(page: ObjectPage[Cycle]) -> HttpResponse:
    if page.request.method != "GET":
        return HttpResponseNotAllowed(["GET"])
    publication = get_publication_of_cycle(page.obj)
    return attachment(results_xlsx(publication), f"evaluasi-{page.obj.year}-hasil.xlsx", XLSX)


def results_book(extension: str) -> Any:
    """The national results book of the cycle (DOCX or PDF), once built; 404 before."""

    @cycle_page
    def view(page: ObjectPage[Cycle]) -> HttpResponse:
        if page.request.method != "GET":
            return HttpResponseNotAllowed(["GET"])
        publication = get_publication_of_cycle(page.obj)
        book = ResultsBook.objects.filter(publication=publication, status=ResultsBook.Status.DONE).first()
        if book is None:
            raise Http404
        content = bytes(getattr(book, extension))
        if not content:  # built without LibreOffice: the DOCX is there, the PDF is not
            messages.error(
                page.request,
                _("The PDF could not be made: %(error)s Download the DOCX.") % {"error": book.message},
            )
            return redirect("evaluation:cycle", page.obj.pk)
        return attachment(content, book_filename(page.obj.year, extension), CONTENT_TYPES[extension])

    return view


@cycle_page
def request_results_book(page: ObjectPage[Cycle]) -> HttpResponse:
    page.run(
        lambda: do_request_results_book(page.user, page.obj),
        done=_("The results book is being made; this page shows when it is ready."),
    )
    return redirect("evaluation:cycle", page.obj.pk)


@cycle_page
def prepare_letter_pdfs(page: ObjectPage[Cycle]) -> HttpResponse:
    page.run(
        lambda: do_prepare_letter_pdfs(page.user, page.obj),
        done=_("The letters' PDFs are being prepared; this page shows how many are ready."),
    )
    return redirect("evaluation:cycle", page.obj.pk)

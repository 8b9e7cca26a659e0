"""API of where a cycle's background work stands, and of a region's result letter.

Two readers, two getters, as on the pages:

- the national admin (Ayu) follows a cycle as its page does: the publication job, the national results
  book and the job preparing the result letters' PDFs (n of m); anyone else gets 404
  (``IsNationalAdmin``, then ``get_cycle_by_year_for_user``);
- whoever may open a region (its team, its mentors and assessors, Ayu) reads whether the region's result
  letter of a published year is ready as a PDF and where to download it — the region's own system polls
  this instead of downloading the PDF to find out (``get_region_for_user``, then
  ``get_published_result``: 404 for a region outside the caller's scope or without a published result).

A job whose worker died reads "failed" here as on the page: both sweep it first.
"""

from __future__ import annotations

from typing import Any

from django.core.files.storage import default_storage
from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kotacerdas.accounts.access import IsNationalAdmin, get_region_for_user
from kotacerdas.evaluation.access import get_cycle_by_year_for_user, get_published_result
from kotacerdas.evaluation.api import CycleSerializer, cycle_json
from kotacerdas.evaluation.cycle_work import cycle_work, kept_pdf, letters_job
from kotacerdas.evaluation.letter import kept_pdf_name, letter_data
from kotacerdas.evaluation.models import LetterJob, PublishJob, ResultsBook
from kotacerdas.jobs.models import JobStatus
from kotacerdas.web.api import TimeField


class JobSerializer(serializers.Serializer[Any]):
    status = serializers.ChoiceField(choices=JobStatus.values)
    progress = serializers.IntegerField(help_text="percent")
    message = serializers.CharField(allow_blank=True, help_text="why it failed (in Indonesian when stored)")
    created_at = TimeField(help_text="when it was (last) queued")
    finished_at = TimeField(allow_null=True)


class BookSerializer(JobSerializer):
    docx = serializers.CharField(allow_null=True, help_text="download path, once built")
    pdf = serializers.CharField(
        allow_null=True, help_text="download path, once built with LibreOffice (null without it)"
    )


class LettersJobSerializer(JobSerializer):
    prepared = serializers.IntegerField(help_text="letters whose PDF is kept")
    total = serializers.IntegerField(help_text="letters in all (one per region with a published result)")
    pdf_unavailable = serializers.BooleanField(
        help_text="LibreOffice is missing: the PDFs cannot be made, the DOCX can be downloaded"
    )


class CycleStatusSerializer(serializers.Serializer[Any]):
    cycle = CycleSerializer()
    published = serializers.BooleanField()
    publishing = JobSerializer(allow_null=True, help_text="the latest publication job; null before any")
    results_book = BookSerializer(allow_null=True, help_text="null until one is requested")
    letters = LettersJobSerializer(
        allow_null=True, help_text="preparing the result letters' PDFs; null before publication"
    )


class LetterSerializer(serializers.Serializer[Any]):
    year = serializers.IntegerField()
    region_code = serializers.CharField()
    docx = serializers.CharField(help_text="download path of the DOCX (always ready)")
    pdf = serializers.CharField(help_text="download path of the PDF; when not ready it queues the job")
    pdf_ready = serializers.BooleanField(
        help_text="the PDF of exactly this letter is kept: downloads at once"
    )
    job = LettersJobSerializer(
        allow_null=True, help_text="the job preparing the cycle's letters' PDFs, null when none was queued"
    )


def job_json(job: PublishJob | ResultsBook | LetterJob) -> dict[str, Any]:
    return {
        "status": job.status,
        "progress": job.progress,
        "message": job.message,
        "created_at": job.created_at,
        "finished_at": job.finished_at,
    }


def letters_json(job: LetterJob | None) -> dict[str, Any] | None:
    if job is None:
        return None
    return job_json(job) | {
        "prepared": job.prepared,
        "total": job.total,
        "pdf_unavailable": job.pdf_unavailable,
    }


def book_json(book: ResultsBook | None) -> dict[str, Any] | None:
    if book is None:
        return None
    done = book.status == ResultsBook.Status.DONE
    cycle = [book.publication.cycle_id]
    return job_json(book) | {
        "docx": reverse("evaluation:book_docx", args=cycle) if done else None,
        "pdf": reverse("evaluation:book_pdf", args=cycle) if done and kept_pdf(book) else None,
    }


class CycleStatus(APIView):
    permission_classes = [IsNationalAdmin]

    @extend_schema(
        summary="Where a cycle's background work stands: publication, results book, letters' PDFs",
        description="The national admin's, as the cycle's page shows it; 404 for anyone else.",
        responses=CycleStatusSerializer,
    )
    def get(self, request: Request, version: str, year: int) -> Response:
        cycle = get_cycle_by_year_for_user(request.user, year)
        work = cycle_work(cycle)
        data = {
            "cycle": cycle_json(cycle),
            "published": work.publication is not None,
            "publishing": job_json(work.job) if work.job else None,
            "results_book": book_json(work.book),
            "letters": letters_json(work.letters),
        }
        return Response(CycleStatusSerializer(data).data)


class RegionLetter(APIView):
    @extend_schema(
        summary="A region's result letter of a published year: whether its PDF is ready, and where",
        description="For whoever may open the region; 404 for a year without the region's published "
        "result. Reading this queues nothing: downloading the PDF while it is not ready does.",
        responses=LetterSerializer,
    )
    def get(self, request: Request, version: str, code: str, year: int) -> Response:
        region = get_region_for_user(request.user, code)
        publication = get_published_result(region, year)
        kept = kept_pdf_name(publication, letter_data(publication, region))
        data = {
            "year": year,
            "region_code": region.code,
            "docx": reverse("evaluation:letter_docx", args=[region.code, year]),
            "pdf": reverse("evaluation:letter_pdf", args=[region.code, year]),
            "pdf_ready": default_storage.exists(kept),
            "job": letters_json(letters_job(publication)),
        }
        return Response(LetterSerializer(data).data)

"""Where a cycle's background work stands — the publication job, the national results book, the job
preparing the result letters' PDFs — read once for the cycle's page and the status API, so the two never
pick a different job or judge a PDF differently. A job whose worker died is swept to "failed" first, not
shown "running" for ever."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models.functions import Length

from kotacerdas.evaluation.models import Cycle, LetterJob, Publication, PublishJob, ResultsBook
from kotacerdas.jobs.liveness import sweep


@dataclass(frozen=True)
class CycleWork:
    job: PublishJob | None  # the latest publication job
    publication: Publication | None
    book: ResultsBook | None  # its files deferred; ``pdf_size`` says whether a PDF is kept
    letters: LetterJob | None

    @property
    def publishing(self) -> bool:
        return self.job is not None and self.job.status in (
            PublishJob.Status.QUEUED,
            PublishJob.Status.RUNNING,
        )


def cycle_work(cycle: Cycle) -> CycleWork:
    sweep(PublishJob, cycle=cycle)
    job = PublishJob.objects.filter(cycle=cycle).order_by("-created_at", "-pk").first()
    publication = Publication.objects.filter(cycle=cycle).first()
    if publication is None:
        return CycleWork(job, None, None, None)
    return CycleWork(job, publication, results_book(publication), letters_job(publication))


def results_book(publication: Publication) -> ResultsBook | None:
    sweep(ResultsBook, publication=publication)
    books = ResultsBook.objects.filter(publication=publication).defer("docx", "pdf")
    return books.annotate(pdf_size=Length("pdf")).first()


def kept_pdf(book: ResultsBook) -> bool:
    """Whether a PDF of the book is kept (LibreOffice made one), read from ``results_book``'s size."""
    return bool(getattr(book, "pdf_size", 0))


def letters_job(publication: Publication) -> LetterJob | None:
    sweep(LetterJob, publication=publication)
    return LetterJob.objects.filter(publication=publication).first()

"""Background work of the evaluation context (Django tasks API): publishing a cycle.

A publication job has a heartbeat (kotacerdas/jobs/liveness.py); its progress is shown on the
cycle's page. The work itself is ``actions.publish`` — the same whether run here or directly.
"""

from __future__ import annotations

import logging

from django_tasks import task

from kotacerdas.evaluation.models import PublishJob
from kotacerdas.evaluation.publishing import publish
from kotacerdas.jobs.liveness import JobLost, keep_alive

logger = logging.getLogger(__name__)


@task()
def publish_cycle(job_id: int) -> str:
    from django.core.exceptions import ValidationError
    from django.utils import timezone

    try:
        with keep_alive(PublishJob, job_id) as job:
            record = PublishJob.objects.select_related("cycle", "requested_by").get(pk=job_id)
            job.beat(progress=10)
            try:
                publish(record.requested_by, record.cycle, on_progress=lambda share: job.beat(progress=share))
            except ValidationError as refused:
                job.fail(" ".join(refused.messages))
                return PublishJob.Status.FAILED
            done = job.finish(status=PublishJob.Status.DONE, progress=100, finished_at=timezone.now())
            return PublishJob.Status.DONE if done else PublishJob.Status.FAILED
    except JobLost:
        logger.warning("publication job %s was swept as abandoned; stopped", job_id)
    except Exception:  # keep_alive has failed the job with the error
        logger.exception("publication job %s failed", job_id)
    return PublishJob.Status.FAILED


@task()
def build_results_book(book_id: int) -> str:
    """Build the national results book of a publication (DOCX, and PDF when LibreOffice is there)."""
    from django.utils import timezone

    from kotacerdas.evaluation.models import ResultsBook
    from kotacerdas.evaluation.results_book import build_files

    try:
        with keep_alive(ResultsBook, book_id) as job:
            book = ResultsBook.objects.select_related("publication__cycle").get(pk=book_id)
            job.beat(progress=10)
            docx, pdf, no_pdf = build_files(book.publication)
            done = job.finish(
                status=ResultsBook.Status.DONE,
                progress=100,
                finished_at=timezone.now(),
                docx=docx,
                pdf=pdf,
                message=no_pdf,
            )
            return ResultsBook.Status.DONE if done else ResultsBook.Status.FAILED
    except JobLost:
        logger.warning("results book %s was swept as abandoned; stopped", book_id)
    except Exception:  # keep_alive has failed the job with the error
        logger.exception("results book %s failed", book_id)
    return ResultsBook.Status.FAILED

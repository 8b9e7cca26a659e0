"""Background work of the books context: generating a version's files (Django tasks API).

The generation is a job with a heartbeat (kotacerdas/jobs/liveness.py): if its worker dies the
version is marked failed by the next sweep. Everything it writes on the way lives in one
``owned_tempdir``, removed however the task ends (what a killed worker leaves, the next worker or
``sweep_jobs`` removes); LibreOffice runs under ``BOOKS_CONVERT_TIMEOUT_SECONDS``.
"""

from __future__ import annotations

import logging
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django_tasks import task

from kotacerdas.core.books.names import book_filename
from kotacerdas.core.books.outline import Book
from kotacerdas.core.books.pdf import ConversionTimeout, PdfUnavailable
from kotacerdas.core.processes import owned_tempdir
from kotacerdas.documents.generate import write_books
from kotacerdas.documents.models import BookChapter, BookFile, BookVersion
from kotacerdas.jobs.liveness import JobLost, LiveJob, keep_alive

logger = logging.getLogger(__name__)


@task()
def generate_books(version_id: int) -> str:
    """Render the version's books, store them under MEDIA_ROOT and record the recipe."""
    try:
        with keep_alive(BookVersion, version_id, progress=5) as job:
            return _generate(job, BookVersion.objects.select_related("region").get(pk=version_id))
    except JobLost:
        logger.warning("book generation %s was swept as abandoned; stopped", version_id)
    except Exception:  # keep_alive has failed the version with the error
        logger.exception("book generation %s failed", version_id)
    return BookVersion.Status.FAILED


def timeout_message(seconds: float) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return _(
            "The step “%(step)s” did not finish within %(seconds)s seconds and was stopped. "
            "Please try again, or generate the DOCX only."
        ) % {"step": _("PDF conversion (LibreOffice)"), "seconds": f"{seconds:g}"}


def _generate(job: LiveJob, version: BookVersion) -> str:
    formats = tuple(f for f in version.formats.split(",") if f)
    with owned_tempdir("books") as tmp:
        try:
            generated = write_books(
                version.region,
                version.programme_year,
                Path(tmp),
                formats,
                progress=lambda percent, key: job.beat(progress=percent, message=key),
            )
            warning = ""
        except PdfUnavailable as error:  # keep the DOCX, say why there is no PDF
            generated = write_books(version.region, version.programme_year, Path(tmp), ("docx",))
            warning = str(error)
        except ConversionTimeout as error:
            job.fail(timeout_message(error.seconds))
            return BookVersion.Status.FAILED
        job.beat(progress=95, message="")  # still ours? (JobLost if it was swept meanwhile)
        _store(version, generated.files)
        _chapters(version, generated.books)
    finished = job.finish(
        status=BookVersion.Status.DONE,
        progress=100,
        message=warning,
        data=generated.data.to_dict(),
        data_hash=generated.data.data_hash(),
        recipe=generated.recipe,
        missing=[p.sentence for p in generated.placeholders],  # texts and data, with where to fill them
        finished_at=timezone.now(),
    )
    return BookVersion.Status.DONE if finished else BookVersion.Status.FAILED


def _store(version: BookVersion, files: list[tuple[Book, str, Path]]) -> None:
    folder = f"documents/{version.region.code}/v{version.number}"
    rows = []
    for order, (book, fmt, path) in enumerate(files):
        with path.open("rb") as handle:
            name = book_filename(book, fmt, version.region.name, version.number)
            stored = default_storage.save(f"{folder}/{name}", handle)
        rows.append(
            BookFile(
                version=version,
                book_key=book.key,
                title=book.full_title,
                format=fmt,
                stored_name=stored,
                size=path.stat().st_size,
                order=order,
            )
        )
    with transaction.atomic():
        version.files.all().delete()
        BookFile.objects.bulk_create(rows)


def _chapters(version: BookVersion, books: list[Book]) -> None:
    rows: list[BookChapter] = []
    for book in books:
        for chapter in book.chapters + book.appendices:
            rows.append(
                BookChapter(
                    version=version,
                    region=version.region,
                    book_key=book.key,
                    book_title=book.full_title,
                    chapter_key=chapter.key,
                    title=chapter.title,
                    order=len(rows),
                )
            )
    with transaction.atomic():
        version.chapters.all().delete()
        BookChapter.objects.bulk_create(rows)

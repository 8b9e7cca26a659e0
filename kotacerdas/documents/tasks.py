"""Background work of the books context: generating a version's files (Django tasks API)."""

from __future__ import annotations

import logging
import tempfile
from pathlib import Path

from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django_tasks import task

from kotacerdas.core.books.outline import Book
from kotacerdas.core.books.pdf import PdfUnavailable
from kotacerdas.documents.generate import write_books
from kotacerdas.documents.models import BookChapter, BookFile, BookVersion

logger = logging.getLogger(__name__)


def _progress(version_id: int, percent: int, message: str = "") -> None:
    BookVersion.objects.filter(pk=version_id).update(progress=percent, message=message)


@task()
def generate_books(version_id: int) -> str:
    """Render the version's books, store them under MEDIA_ROOT and record the recipe."""
    version = BookVersion.objects.select_related("region").get(pk=version_id)
    BookVersion.objects.filter(pk=version_id).update(status=BookVersion.Status.RUNNING, progress=5)
    formats = tuple(f for f in version.formats.split(",") if f)
    try:
        with tempfile.TemporaryDirectory(prefix="kc-books-") as tmp:
            try:
                generated = write_books(
                    version.region,
                    version.programme_year,
                    Path(tmp),
                    formats,
                    progress=lambda percent, key: _progress(version_id, percent, key),
                )
                warning = ""
            except PdfUnavailable as error:  # keep the DOCX, say why there is no PDF
                generated = write_books(version.region, version.programme_year, Path(tmp), ("docx",))
                warning = str(error)
            _store(version, generated.files)
            _chapters(version, generated.books)
        BookVersion.objects.filter(pk=version_id).update(
            status=BookVersion.Status.DONE,
            progress=100,
            message=warning,
            data=generated.data.to_dict(),
            data_hash=generated.data.data_hash(),
            recipe=generated.recipe,
            missing=generated.data.missing(),
            finished_at=timezone.now(),
        )
        return BookVersion.Status.DONE
    except Exception as error:
        logger.exception("book generation %s failed", version_id)
        BookVersion.objects.filter(pk=version_id).update(
            status=BookVersion.Status.FAILED,
            message=f"{type(error).__name__}: {error}",
            finished_at=timezone.now(),
        )
        return BookVersion.Status.FAILED


def _store(version: BookVersion, files: list[tuple[Book, str, Path]]) -> None:
    folder = f"documents/{version.region.code}/v{version.number}"
    rows = []
    for order, (book, fmt, path) in enumerate(files):
        with path.open("rb") as handle:
            stored = default_storage.save(f"{folder}/{path.name}", handle)
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

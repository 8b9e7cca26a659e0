"""Validated uploads shared by the apps: the type is read from the content, the size is limited, the
stored name is ours, and files are served only through access-checked views (no MEDIA_URL route).

An app reads an upload with ``read_upload`` (bytes and detected kind, or a ValidationError on the form
field), stores the bytes with ``store`` under ``MEDIA_ROOT/<folder>/`` and serves them with ``serve``.
An action stores inside ``with atomic_with_files():`` (its ``transaction.atomic()``): when the write
fails — a check after the file was written, a database error, the commit itself — the files stored in
the block are deleted again, so no file is left that no record names.
The counterpart: an action that replaces or clears a stored file calls ``discard_on_commit(old, ...)``
inside its block; the old file is deleted only once the write commits (never when it fails, so the
record keeps naming a file that exists) and only if no row in the listed fields still names it.
Files kept on purpose as evidence (answers, versioned books, approved reports) are not discarded.
Assessment evidence keeps its own module (a wider list of office formats, its own size setting).
"""

from __future__ import annotations

import hashlib
import io
import logging
import uuid
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models, transaction
from django.http import FileResponse
from django.utils.translation import gettext as _

logger = logging.getLogger(__name__)

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}
# the part every Office Open XML file of that kind must contain
OFFICE_PARTS = {"word/document.xml": "docx", "xl/workbook.xml": "xlsx"}


# Spreadsheets to import (XLSX, CSV) are parsed in the request: their size is checked first, and an
# XLSX (a zip) also by what its parts expand to, which the file size does not bound (a "zip bomb" of a
# few hundred KB can expand to gigabytes of rows). 50 MB of sheet XML is some 200,000 filled rows.
MAX_SHEET_BYTES = 5 * 1024 * 1024
MAX_SHEET_UNPACKED = 50 * 1024 * 1024
MAX_SHEET_PARTS = 1000


def check_spreadsheet(upload: Any) -> None:
    """Refuse, before anything parses it, a spreadsheet upload that is too large or expands too far."""
    if upload.size > MAX_SHEET_BYTES:
        raise ValidationError(_("The file is larger than %(mb)d MB.") % {"mb": MAX_SHEET_BYTES // 2**20})
    upload.seek(0)
    if upload.read(4) != b"PK\x03\x04":  # not a zip: a CSV, or what the import itself refuses
        upload.seek(0)
        return
    upload.seek(0)
    try:
        parts = zipfile.ZipFile(upload).infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        parts = []  # the import says the workbook cannot be read
    finally:
        upload.seek(0)
    if len(parts) > MAX_SHEET_PARTS or sum(part.file_size for part in parts) > MAX_SHEET_UNPACKED:
        raise ValidationError(
            _("The workbook holds more than %(mb)d MB of data once unpacked. Split it into smaller files.")
            % {"mb": MAX_SHEET_UNPACKED // 2**20}
        )


def sniff(content: bytes) -> str | None:
    """The file kind from its bytes (and, for Office files, the parts inside the zip), or None."""
    if content.startswith(b"%PDF-"):
        return "pdf"
    if content.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if content.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if content.startswith(b"PK\x03\x04"):
        try:
            names = set(zipfile.ZipFile(io.BytesIO(content)).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        return next((kind for part, kind in OFFICE_PARTS.items() if part in names), None)
    return None


def read_upload(upload: Any, field: str, allowed: tuple[str, ...]) -> tuple[bytes, str]:
    """The file's bytes and detected kind, or a ValidationError on ``field`` saying what is accepted."""
    if upload.size > MAX_BYTES:
        raise ValidationError({field: _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20}})
    upload.seek(0)
    content = upload.read()
    kind = sniff(content)
    if kind not in allowed:
        raise ValidationError(
            {
                field: _("This file type is not accepted. Upload one of: %(types)s.")
                % {"types": ", ".join(allowed).upper()}
            }
        )
    return content, kind


# the names stored inside the innermost atomic_with_files block of this thread (None outside one)
_stored_in_block: ContextVar[list[str] | None] = ContextVar("stored_in_block", default=None)


def store(content: bytes, folder: str, kind: str) -> str:
    """Save under MEDIA_ROOT/<folder>/ with a random name; returns the stored name."""
    name = f"{folder}/{uuid.uuid4().hex}.{kind}"
    stored = default_storage.save(name, ContentFile(content, name=name))
    pending = _stored_in_block.get()
    if pending is not None:
        pending.append(stored)
    return stored


@contextmanager
def atomic_with_files() -> Iterator[None]:
    """``transaction.atomic()`` whose stored files go with it: a file :func:`store` saved inside is
    deleted when the block ends by an exception (raised inside it, or by its commit). Nested in another
    such block, its files are handed to the outer one, which decides."""
    outer = _stored_in_block.get()
    names: list[str] = []
    token = _stored_in_block.set(names)
    try:
        with transaction.atomic():
            yield
    except BaseException:
        delete_stored(names)
        raise
    finally:
        _stored_in_block.reset(token)
    if outer is not None:
        outer.extend(names)


def delete_stored(names: list[str]) -> None:
    """Delete stored files, each on its own: one that cannot be removed is logged, the rest go."""
    for name in names:
        try:
            default_storage.delete(name)
        except OSError:
            logger.warning("could not delete the stored file %s", name)


def discard_on_commit(name: str, references: Iterable[tuple[type[models.Model], str]]) -> None:
    """Delete the stored file ``name`` once the current transaction commits, unless a row still names
    it in one of ``references`` (model, field) checked then. Nothing happens when the write rolls back.
    Call it inside the write's ``atomic_with_files()`` block, after the record points elsewhere."""
    if not name:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("discard_on_commit() belongs inside the write's transaction")
    checks = list(references)

    def discard() -> None:
        if any(model._default_manager.filter(**{field: name}).exists() for model, field in checks):
            return
        delete_stored([name])

    transaction.on_commit(discard, robust=True)


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def serve(stored_name: str, download_name: str, kind: str) -> FileResponse:
    """The stored file as an attachment that the browser may neither sniff nor run."""
    response = FileResponse(
        default_storage.open(stored_name, "rb"),
        as_attachment=True,
        filename=download_name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response

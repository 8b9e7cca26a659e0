"""Validated uploads shared by the apps: the type is read from the content, the size is limited, the
stored name is ours, and files are served only through access-checked views (no MEDIA_URL route).

An app reads an upload with ``read_upload`` (bytes and detected kind, or a ValidationError on the form
field), stores the bytes with ``store`` under ``MEDIA_ROOT/<folder>/`` and serves them with ``serve``.
Assessment evidence keeps its own module (a wider list of office formats, its own size setting).
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.utils.translation import gettext as _

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


def store(content: bytes, folder: str, kind: str) -> str:
    """Save under MEDIA_ROOT/<folder>/ with a random name; returns the stored name."""
    name = f"{folder}/{uuid.uuid4().hex}.{kind}"
    return default_storage.save(name, ContentFile(content, name=name))


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

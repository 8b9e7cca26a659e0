"""Validated uploads of the books context: the type comes from the content, the size is limited.

Files are stored under MEDIA_ROOT/documents/... with names we choose and are served
only through access-checked views.
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

from kotacerdas.core.books.render import check_template

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def sniff(content: bytes) -> str | None:
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
        return "docx" if "word/document.xml" in names else None
    return None


def read_upload(upload: Any, field: str, allowed: tuple[str, ...]) -> tuple[bytes, str]:
    """The file's bytes and detected type, or a ValidationError on ``field``."""
    if upload.size > MAX_BYTES:
        raise ValidationError({field: _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // 2**20}})
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


def validate_template(content: bytes, field: str = "template") -> None:
    problems = check_template(io.BytesIO(content))
    if problems:
        raise ValidationError(
            {field: _("This template cannot be used: %(problems)s.") % {"problems": "; ".join(problems)}}
        )


def store(content: bytes, folder: str, kind: str) -> str:
    name = f"documents/{folder}/{uuid.uuid4().hex}.{kind}"
    return default_storage.save(name, ContentFile(content, name=name))


def sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def serve(stored_name: str, download_name: str, kind: str) -> FileResponse:
    response = FileResponse(
        default_storage.open(stored_name, "rb"),
        as_attachment=True,
        filename=download_name,
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response

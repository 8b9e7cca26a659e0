"""Validated uploads: the type is read from the content, the size is limited, the name is ours.

Files are stored under ``settings.MEDIA_ROOT / programme / <kind>`` with a random name and
served only through access-checked views (there is no MEDIA_URL route).
"""

from __future__ import annotations

import uuid
import zipfile
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import default_storage
from django.http import FileResponse
from django.http.response import HttpResponseBase
from django.utils.translation import gettext as _

MAX_BYTES = 10 * 1024 * 1024
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "png": "image/png",
    "jpg": "image/jpeg",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def sniff(head: bytes, upload: Any) -> str | None:
    """The file type from its first bytes (and, for Office files, the zip's contents)."""
    if head.startswith(b"%PDF-"):
        return "pdf"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if head.startswith(b"\xff\xd8\xff"):
        return "jpg"
    if head.startswith(b"PK\x03\x04"):
        try:
            upload.seek(0)
            names = set(zipfile.ZipFile(upload).namelist())
        except (zipfile.BadZipFile, OSError, ValueError):
            return None
        finally:
            upload.seek(0)
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
    return None


def validate_upload(upload: Any, field: str, allowed: tuple[str, ...] = ("pdf", "png", "jpg")) -> str:
    """The detected type, or a ValidationError on ``field`` saying what is accepted."""
    if upload.size > MAX_BYTES:
        raise ValidationError(
            {field: _("The file is larger than %(mb)d MB.") % {"mb": MAX_BYTES // (1024 * 1024)}}
        )
    upload.seek(0)
    head = upload.read(16)
    kind = sniff(head, upload)
    upload.seek(0)
    if kind not in allowed:
        raise ValidationError(
            {
                field: _("This file type is not accepted. Upload one of: %(types)s.")
                % {"types": ", ".join(allowed).upper()}
            }
        )
    return kind


def store(upload: Any, folder: str, kind: str) -> str:
    """Save under MEDIA_ROOT/programme/<folder>/ with a random name; returns the stored name."""
    name = f"programme/{folder}/{uuid.uuid4().hex}.{kind}"
    upload.seek(0)
    return default_storage.save(name, File(upload, name=name))


def serve(stored_name: str, kind: str, download_name: str) -> HttpResponseBase:
    handle = default_storage.open(stored_name, "rb")
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=f"{download_name}.{kind}",
        content_type=CONTENT_TYPES.get(kind, "application/octet-stream"),
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'"
    return response

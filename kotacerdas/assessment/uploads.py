"""Evidence files: type checked by content (magic bytes), size-limited, stored under
MEDIA_ROOT with a generated name. The original name is only shown, never used as a path."""

from __future__ import annotations

import unicodedata
import uuid
from pathlib import Path
from typing import IO

import filetype
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kotacerdas.web.templatetags.numbers import filesize

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
ALLOWED_TYPES = {
    "application/pdf": "pdf",
    "image/png": "png",
    "image/jpeg": "jpg",
    "image/gif": "gif",
    "image/webp": "webp",
    "application/msword": "doc",
    "application/vnd.ms-excel": "xls",
    "application/vnd.ms-powerpoint": "ppt",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "xlsx",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation": "pptx",
    "application/vnd.oasis.opendocument.text": "odt",
    "application/vnd.oasis.opendocument.spreadsheet": "ods",
    "application/vnd.oasis.opendocument.presentation": "odp",
}


def max_bytes() -> int:
    return int(getattr(settings, "ASSESSMENT_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def evidence_dir() -> Path:
    return Path(settings.MEDIA_ROOT) / "assessment-evidence"


def clean_name(name: str) -> str:
    """The display name, or a ValidationError for names that try to be paths."""
    name = unicodedata.normalize("NFC", name or "").strip()
    if not name:
        raise ValidationError(_("The file has no name."))
    is_path = "/" in name or "\\" in name or ".." in name or name.startswith(".")
    has_control = any(unicodedata.category(char).startswith("C") for char in name)
    if is_path or has_control:
        raise ValidationError(
            _("The file name “%(name)s” is not allowed: use a plain name without folders.")
            % {"name": name[:80]}
        )
    if len(name) > 200:
        raise ValidationError(_("The file name is too long (at most 200 characters)."))
    return name


def check_content(head: bytes, size: int) -> str:
    """The file's MIME type from its content; ValidationError when it is too big or not allowed."""
    if size == 0:
        raise ValidationError(_("The file is empty."))
    if size > max_bytes():
        raise ValidationError(
            _("The file is too large (%(size)s); the limit is %(limit)s.")
            % {"size": filesize(size), "limit": filesize(max_bytes())}
        )
    kind = filetype.guess(head)
    if kind is None or kind.mime not in ALLOWED_TYPES:
        raise ValidationError(
            _(
                "This kind of file is not accepted. "
                "Upload a PDF, an image (PNG, JPEG, GIF, WebP) or an office document."
            )
        )
    return str(kind.mime)


def store(source: IO[bytes], mime: str) -> str:
    """Copies the upload to a new generated name and returns that name."""
    folder = evidence_dir()
    folder.mkdir(parents=True, exist_ok=True)
    stored = f"{uuid.uuid4().hex}.{ALLOWED_TYPES[mime]}"
    source.seek(0)
    with open(folder / stored, "xb") as target:
        while chunk := source.read(64 * 1024):
            target.write(chunk)
    return stored


def download_name(indicator: str, evidence_id: int, original_name: str, mime: str) -> str:
    """The name a download is saved under: from the record, with the extension of the sniffed type.

    The uploader's own name is only a hint (its stem, as an ASCII slug): "laporan.exe" that is really
    a PDF downloads as ``bukti-...-laporan.pdf``, so the saved file opens as what it is."""
    stem = slugify(Path(original_name).stem)[:60].strip("-")
    parts = ["bukti", slugify(indicator.replace(".", "-")), str(evidence_id), stem]
    return "-".join(part for part in parts if part) + "." + ALLOWED_TYPES.get(mime, "bin")


def path_of(stored_name: str) -> Path:
    return evidence_dir() / Path(stored_name).name

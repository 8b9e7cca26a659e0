from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from docx import Document


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def docx_text(content: bytes) -> str:
    doc = Document(io.BytesIO(content))
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def response_bytes(response) -> bytes:  # type: ignore[no-untyped-def]
    return b"".join(response.streaming_content)


def all_docx_text(folder: Path) -> str:
    return "\n".join(docx_text(p.read_bytes()) for p in sorted(folder.glob("*.docx")))


def is_docx(content: bytes) -> bool:
    return "word/document.xml" in zipfile.ZipFile(io.BytesIO(content)).namelist()

"""A write that fails after its file was stored leaves no file behind (uploads.atomic_with_files)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from docx import Document

from kotacerdas.assessment.tests.conftest import PNG
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookSettings, BookVersion

pytestmark = pytest.mark.django_db


def stored_files() -> list[str]:
    root = Path(settings.MEDIA_ROOT)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())


def word_template() -> bytes:
    buffer = io.BytesIO()
    Document().save(buffer)
    return buffer.getvalue()


def test_a_ratification_refused_after_its_scan_was_stored_keeps_no_scan(budi, rina, region_a) -> None:
    """Two ratifications of the same approved version (two tabs): the second is refused by the state
    lock, after its scan was written; only the first one's scan stays."""
    version = actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    actions.do_approve(rina, version, exception_reason="Uji alur pengesahan")
    other_tab = BookVersion.objects.get(pk=version.pk)
    books = stored_files()
    actions.do_ratify(
        budi,
        version,
        number="1/2026",
        ratified_on=version.created_at.date(),
        scan=SimpleUploadedFile("s.png", PNG),
    )
    (first_scan,) = sorted(set(stored_files()) - set(books))
    with pytest.raises(ValidationError):
        actions.do_ratify(
            budi,
            other_tab,
            number="2/2026",
            ratified_on=version.created_at.date(),
            scan=SimpleUploadedFile("s.png", PNG),
        )
    assert stored_files() == sorted([*books, first_scan])
    version.refresh_from_db()
    assert (version.perkada_number, version.signed_scan) == ("1/2026", first_scan)


def test_book_settings_with_a_good_template_and_a_bad_logo_store_neither(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        actions.do_save_settings(
            budi,
            region_a,
            extra_books=[],
            template=SimpleUploadedFile("templat.docx", word_template()),
            logo=SimpleUploadedFile("logo.png", b"not an image"),
        )
    assert "logo" in error.value.message_dict
    assert stored_files() == []
    assert not BookSettings.objects.filter(region=region_a).exclude(template="").exists()

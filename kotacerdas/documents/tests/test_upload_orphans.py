"""A write that fails after its file was stored leaves no file behind (uploads.atomic_with_files); a
file a committed write replaced or removed goes (uploads.discard_on_commit)."""

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
from kotacerdas.web import uploads
from tests.reference_data import restore_reference_data

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


@pytest.fixture
def committed_world(django_db_serialized_rollback: None) -> None:
    restore_reference_data()  # the flush after a committing test empties every table


class Failed(Exception):
    """A later step of the same write fails after the new files were stored."""


def save_settings(budi, region, **files: bytes) -> BookSettings:  # type: ignore[no-untyped-def]
    uploaded = {
        "template": SimpleUploadedFile("templat.docx", files["template"]) if "template" in files else None,
        "logo": SimpleUploadedFile("logo.png", files["logo"]) if "logo" in files else None,
    }
    return actions.do_save_settings(budi, region, extra_books=[], **uploaded)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_replaced_template_and_logo_are_deleted_once_committed(committed_world, budi, region_a) -> None:
    first = save_settings(budi, region_a, template=word_template(), logo=PNG)
    old = [first.template, first.logo]
    second = save_settings(budi, region_a, template=word_template(), logo=PNG)
    assert stored_files() == sorted([second.template, second.logo])
    assert not set(old) & set(stored_files())
    third = save_settings(budi, region_a)  # no new files: both kept
    assert stored_files() == sorted([third.template, third.logo])
    fourth = actions.do_save_settings(budi, region_a, extra_books=[], remove_template=True)
    assert fourth.template == ""
    assert stored_files() == [second.logo]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_failed_settings_replacement_keeps_the_old_files(committed_world, budi, region_a) -> None:
    first = save_settings(budi, region_a, template=word_template(), logo=PNG)
    with pytest.raises(Failed), uploads.atomic_with_files():
        save_settings(budi, region_a, template=word_template(), logo=PNG)
        raise Failed
    assert stored_files() == sorted([first.template, first.logo])
    settings_now = BookSettings.objects.get(region=region_a)
    assert (settings_now.template, settings_now.logo) == (first.template, first.logo)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_books_rendering_while_their_template_is_replaced_keep_the_template_they_started_with(
    committed_world, budi, region_a, tmp_path
) -> None:
    """Generation reads the template once: the save that replaces it deletes the old file at its
    commit, which used to be opened again for every book of a generation still running."""
    from kotacerdas.core.books.outline import load_outline
    from kotacerdas.core.books.render import render_book
    from kotacerdas.core.books.sample import sample_book_data
    from kotacerdas.documents.generate import assets_for, settings_for

    styled = Document()
    styled.styles["Normal"].font.name = "DejaVu Serif"
    buffer = io.BytesIO()
    styled.save(buffer)
    first = save_settings(budi, region_a, template=buffer.getvalue())
    assets = assets_for(settings_for(region_a))  # a generation starts
    save_settings(budi, region_a, template=word_template())  # Budi replaces the template
    assert first.template not in stored_files()
    book = render_book(
        sample_book_data(initiatives=2, kpis=2), load_outline().book("ringkasan"), tmp_path / "r.docx", assets
    )
    assert Document(str(book)).styles["Normal"].font.name == "DejaVu Serif"

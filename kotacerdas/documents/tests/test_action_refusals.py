"""The books' actions refuse with a specific message and change nothing; getters answer 404 out of scope."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.http import Http404
from django.utils import timezone

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.assessment.tests.conftest import PNG
from kotacerdas.documents import access, actions
from kotacerdas.documents.models import BookSettings, BookText, BookVersion, OutlineOverride

pytestmark = pytest.mark.django_db
WRITERS_ONLY = "Hanya koordinator wilayah ini yang boleh melakukan ini pada bukunya"


@pytest.fixture
def draft(budi, region_a) -> BookVersion:
    version = actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    assert version.status == BookVersion.Status.DONE
    return version


def test_only_the_coordinator_writes_the_books(sari, region_a) -> None:
    with pytest.raises(ActionNotAllowed, match=WRITERS_ONLY):
        actions.do_request_books(sari, region_a, programme_year=2026, formats=["docx"])
    with pytest.raises(ActionNotAllowed, match=WRITERS_ONLY):
        actions.do_save_texts(sari, region_a, {"kata_pengantar": "Halo"}, 2026)
    assert not BookVersion.objects.exists() and not BookText.objects.exists()


@pytest.mark.parametrize(
    ("year", "formats", "errors"),
    [
        (2016, ["docx"], {"programme_year": ["Masukkan tahun program antara 2017 dan 2100."]}),
        (2026, ["docx", "epub"], {"formats": ["Pilih DOCX, PDF, atau keduanya."]}),
        (2026, [], {"formats": ["Pilih DOCX, PDF, atau keduanya."]}),
    ],
)
def test_a_request_needs_a_year_in_range_and_known_formats(budi, region_a, year, formats, errors) -> None:
    with pytest.raises(ValidationError) as error:
        actions.do_request_books(budi, region_a, programme_year=year, formats=formats)
    assert error.value.message_dict == errors
    assert not BookVersion.objects.exists()


def test_texts_must_be_known_sections_of_bounded_length(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        actions.do_save_texts(budi, region_a, {"kata_pengantar": "Halo", "zz": "x", "aa": "y"}, 2026)
    assert error.value.messages == ["Bagian teks tidak dikenal: aa, zz."]
    with pytest.raises(ValidationError) as error:
        actions.do_save_texts(budi, region_a, {"kata_pengantar": "x" * (actions.MAX_TEXT + 1)}, 2026)
    assert error.value.message_dict == {"kata_pengantar": ["Satu bagian paling banyak 20000 karakter."]}
    assert not BookText.objects.exists()


def test_settings_take_optional_books_a_logo_and_drop_the_template(budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        actions.do_save_settings(budi, region_a, extra_books=["masterplan"])  # a default book
    assert error.value.message_dict == {"extra_books": ["Pilih di antara buku opsional."]}
    assert not BookSettings.objects.exists()
    BookSettings.objects.create(region=region_a, template="documents/x.docx", template_name="x.docx")
    logo = SimpleUploadedFile("logo.png", PNG)
    saved = actions.do_save_settings(budi, region_a, extra_books=[], logo=logo, remove_template=True)
    saved.refresh_from_db()
    assert (saved.template, saved.template_name, saved.template_sha256) == ("", "", "")
    assert saved.logo.startswith("documents/33.73/logo/") and saved.logo.endswith(".png")


def test_the_outline_is_the_national_admins_for_a_year_in_range(ayu, budi) -> None:
    with pytest.raises(
        ActionNotAllowed, match="Hanya admin program nasional yang boleh mengubah kerangka buku"
    ):
        actions.do_save_outline_override(budi, year=2026, yaml_text="")
    with pytest.raises(ValidationError) as error:
        actions.do_save_outline_override(ayu, year=2101, yaml_text="")
    assert error.value.message_dict == {"year": ["Masukkan tahun program antara 2017 dan 2100."]}
    assert not OutlineOverride.objects.exists()


def test_a_failed_version_cannot_be_approved_and_only_a_mentor_approves(budi, rina, sari, region_a) -> None:
    BookSettings.objects.create(
        region=region_a, template="documents/hilang.docx", template_name="hilang.docx"
    )
    failed = actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    with pytest.raises(ActionNotAllowed, match="Hanya mentor wilayah ini yang boleh menyetujui bukunya"):
        actions.do_approve(sari, failed, exception_reason="Uji")
    with pytest.raises(ValidationError) as error:
        actions.do_approve(rina, failed, exception_reason="Uji")
    assert error.value.messages == ["Versi ini belum memiliki buku yang selesai dibuat."]
    failed.refresh_from_db()
    assert failed.review == BookVersion.Review.DRAFT


def test_a_ratification_needs_a_number_a_past_date_and_the_scan(budi, rina, draft) -> None:
    actions.do_approve(rina, draft, exception_reason="Uji alur pengesahan")
    with pytest.raises(ValidationError) as error:
        actions.do_ratify(budi, draft, number=" ", ratified_on=None, scan=None)
    assert error.value.message_dict == {
        "number": ["Masukkan nomor Perkada."],
        "ratified_on": ["Masukkan tanggal Perkada."],
        "scan": ["Unggah pindaian yang sudah ditandatangani (PDF, PNG, atau JPG)."],
    }
    tomorrow = timezone.localdate() + timedelta(days=1)
    with pytest.raises(ValidationError) as error:
        actions.do_ratify(
            budi, draft, number="1", ratified_on=tomorrow, scan=SimpleUploadedFile("s.png", PNG)
        )
    assert error.value.message_dict == {"ratified_on": ["Tanggal Perkada tidak boleh di masa depan."]}
    draft.refresh_from_db()
    assert (draft.review, draft.perkada_number) == (BookVersion.Review.APPROVED, "")


def test_reviewers_are_the_regions_mentor_and_ayu_never_a_visitor(ayu, rina, dewi, region_a) -> None:
    assert access.can_review_books(ayu, region_a)
    assert access.can_review_books(rina, region_a)
    assert not access.can_review_books(dewi, region_a)
    assert not access.can_review_books(AnonymousUser(), region_a)


def test_a_version_or_file_outside_the_region_is_a_404(draft, region_b) -> None:
    assert access.get_version_in_region(draft.region, 1) == draft
    with pytest.raises(Http404):
        access.get_version_in_region(region_b, 1)
    with pytest.raises(Http404):
        access.get_version_in_region(draft.region, 2)
    book = draft.files.first()
    assert access.get_file_in_version(draft, book.pk) == book
    with pytest.raises(Http404):
        access.get_file_in_version(draft, book.pk + 1000)

"""The MoU record: validated upload stored under MEDIA_ROOT, served only through an access-checked view."""

from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.models import Deliverable, Mou
from kotacerdas.programme.tests.conftest import PDF, pdf
from kotacerdas.web import uploads

pytestmark = pytest.mark.django_db


@pytest.fixture
def chosen(ayu, cohort, candidates):  # type: ignore[no-untyped-def]
    from kotacerdas.programme.actions.selection import do_select

    do_select(ayu, cohort)
    for c in candidates.values():
        c.refresh_from_db()
    return candidates


def mou_url(cohort, code="33.73"):  # type: ignore[no-untyped-def]
    return reverse("programme:mou", args=[code, cohort.pk])


def test_ayu_records_an_mou_and_the_checklist_starts(as_ayu, cohort, chosen) -> None:
    response = as_ayu.post(
        mou_url(cohort),
        {"number": "NK-17/2026", "signed_on": "2026-05-20", "file": pdf("Nota asli (final).pdf")},
    )
    assert response.status_code == 302
    mou = Mou.objects.get(candidacy=chosen["33.73"])
    assert (mou.number, mou.signed_on, mou.file_type) == ("NK-17/2026", date(2026, 5, 20), "pdf")
    assert mou.file.name.startswith("programme/mou/") and "asli" not in mou.file.name
    assert Path(settings.MEDIA_ROOT, mou.file.name).read_bytes() == PDF
    assert Deliverable.objects.filter(candidacy=chosen["33.73"]).count() == 9
    assert AuditEntry.objects.get(action="mou.record").after["file"] == mou.file.name


def test_a_file_that_is_not_a_pdf_or_image_is_refused_whatever_its_name(as_ayu, cohort, chosen) -> None:
    fake = SimpleUploadedFile("nota.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    response = as_ayu.post(mou_url(cohort), {"number": "NK-1", "signed_on": "2026-05-20", "file": fake})
    assert response.status_code == 400
    assert (
        "Jenis berkas ini tidak diterima. Unggah salah satu dari: PDF, PNG, JPG." in response.content.decode()
    )
    assert not Mou.objects.exists()
    assert not Path(settings.MEDIA_ROOT).exists() or not any(Path(settings.MEDIA_ROOT).rglob("*.*"))


def test_a_too_large_file_is_refused(as_ayu, cohort, chosen, monkeypatch) -> None:
    monkeypatch.setattr(uploads, "MAX_BYTES", 10)
    response = as_ayu.post(mou_url(cohort), {"number": "NK-1", "signed_on": "2026-05-20", "file": pdf()})
    assert response.status_code == 400
    assert "Berkas lebih besar dari 0 MB." in response.content.decode()
    assert not Mou.objects.exists()


def test_an_mou_needs_number_date_and_file(as_ayu, cohort, chosen) -> None:
    response = as_ayu.post(mou_url(cohort), {"number": "NK-1", "signed_on": "2026-05-20"})
    assert response.status_code == 400
    assert "Unggah Nota Kesepakatan yang sudah ditandatangani." in response.content.decode()
    response = as_ayu.post(mou_url(cohort), {"number": "", "signed_on": "", "file": pdf()})
    assert response.status_code == 400
    assert not Mou.objects.exists()


def test_no_mou_for_a_region_that_was_not_selected(as_ayu, cohort, chosen) -> None:
    assert chosen["34.04"].status == "not_selected"
    response = as_ayu.post(
        mou_url(cohort, "34.04"), {"number": "NK-1", "signed_on": "2026-05-20", "file": pdf()}
    )
    assert response.status_code == 400
    assert "Nota Kesepakatan hanya dicatat untuk wilayah terpilih." in response.content.decode()
    assert not Mou.objects.exists()


def test_the_signed_file_is_served_to_the_region_and_to_nobody_else(
    cohort, selected, budi, dewi, rina
) -> None:
    url = reverse("programme:mou_file", args=["33.73", cohort.pk])
    response = logged_in(budi).get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" in response["Content-Disposition"]
    assert logged_in(dewi).get(url).status_code == 404
    assert logged_in(rina).get(url).status_code == 200
    assert logged_in(rina).get(reverse("programme:mou_file", args=["34.04", cohort.pk])).status_code == 404


def test_budi_cannot_record_an_mou(cohort, selected, budi) -> None:
    response = logged_in(budi).post(
        mou_url(cohort), {"number": "NK-x", "signed_on": "2026-05-20", "file": pdf()}
    )
    assert response.status_code == 403  # he may open his candidacy, not record its MoU
    assert Mou.objects.get(candidacy=selected["33.73"]).number == "NK-33.73/2026"

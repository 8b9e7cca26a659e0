"""Evidence: type by content, size limit, no path names; downloads only for the region and its assessor."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import logged_in, make_person
from kotacerdas.assessment import uploads
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import Evidence
from kotacerdas.assessment.tests.conftest import PDF, PNG, STRUKTUR
from kotacerdas.assessment.tests.test_pages import url

pytestmark = pytest.mark.django_db


def upload(client, assessment, name: str, content: bytes, indicator: str = STRUKTUR[0]):  # type: ignore[no-untyped-def]
    return client.post(
        url("evidence_upload", assessment, indicator=indicator), {"file": SimpleUploadedFile(name, content)}
    )


def test_a_pdf_is_accepted_and_stored_under_a_generated_name(as_sari, assessment, settings) -> None:
    response = upload(as_sari, assessment, "SK Wali Kota.pdf", PDF)
    assert response.status_code == 302
    evidence = Evidence.objects.get()
    assert evidence.original_name == "SK Wali Kota.pdf"
    assert evidence.content_type == "application/pdf"
    assert evidence.stored_name.endswith(".pdf") and "SK" not in evidence.stored_name
    stored = uploads.path_of(evidence.stored_name)
    assert stored.read_bytes() == PDF
    assert str(stored).startswith(str(settings.MEDIA_ROOT))


def test_an_image_is_accepted(as_sari, assessment) -> None:
    assert upload(as_sari, assessment, "foto.png", PNG).status_code == 302
    assert Evidence.objects.get().content_type == "image/png"


def test_the_type_comes_from_the_content_not_the_name(as_sari, assessment) -> None:
    response = upload(as_sari, assessment, "laporan.pdf", b"#!/bin/sh\nrm -rf /\n" * 20)
    assert response.status_code == 400
    assert "Jenis berkas ini tidak diterima" in response.content.decode()
    assert not Evidence.objects.exists()
    assert not uploads.evidence_dir().exists() or not any(uploads.evidence_dir().iterdir())


def test_an_oversized_file_is_refused(as_sari, assessment, settings) -> None:
    settings.ASSESSMENT_EVIDENCE_MAX_BYTES = 100
    response = upload(as_sari, assessment, "besar.pdf", PDF + b"0" * 200)
    assert response.status_code == 400
    assert "terlalu besar" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.mark.parametrize(
    "name", ["../../settings.pdf", "..\\..\\win.pdf", ".htaccess", "a/../b.pdf", "x\x00.pdf"]
)
def test_path_names_are_refused_by_the_action(assessment, sari, name) -> None:
    from io import BytesIO

    with pytest.raises(ValidationError) as error:
        answering.do_upload_evidence(sari, assessment, STRUKTUR[0], BytesIO(PDF), name=name, size=len(PDF))
    assert error.value.messages
    assert not Evidence.objects.exists()


def raw_upload(client, assessment, filename: str, content: bytes):  # type: ignore[no-untyped-def]
    """A multipart body written by hand, so the file name reaches the server exactly as given."""
    boundary = "kotacerdasBOUNDARY"
    body = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/pdf\r\n\r\n"
        ).encode()
        + content
        + f"\r\n--{boundary}--\r\n".encode()
    )
    return client.generic(
        "POST",
        url("evidence_upload", assessment, indicator=STRUKTUR[0]),
        body,
        content_type=f"multipart/form-data; boundary={boundary}",
    )


def test_a_path_name_over_http_never_becomes_a_path(as_sari, assessment, settings) -> None:
    response = raw_upload(as_sari, assessment, "..", PDF)
    assert response.status_code == 400  # the name is refused outright: no file arrives
    assert "Pilih berkas untuk diunggah" in response.content.decode()
    response = raw_upload(as_sari, assessment, ".profile", PDF)
    assert response.status_code == 400
    assert "tidak diizinkan" in response.content.decode()
    assert not Evidence.objects.exists()
    response = raw_upload(as_sari, assessment, "../../../../tmp/evil.pdf", PDF)
    assert response.status_code == 302  # the folders are stripped; the content is a real PDF
    evidence = Evidence.objects.get()
    assert evidence.original_name == "evil.pdf"
    stored = uploads.path_of(evidence.stored_name).resolve()
    assert stored.parent == (settings.MEDIA_ROOT / "assessment-evidence").resolve()


def test_sari_cannot_attach_to_another_opds_indicator(as_sari, assessment) -> None:
    from kotacerdas.assessment.tests.conftest import OTHERS

    assert upload(as_sari, assessment, "a.pdf", PDF, indicator=OTHERS[0]).status_code == 403
    assert not Evidence.objects.exists()


@pytest.fixture
def evidence(as_sari, assessment):
    upload(as_sari, assessment, "SK.pdf", PDF)
    return Evidence.objects.get()


def test_region_users_and_the_assigned_assessor_download(evidence, assessment, budi, sari, tono, ayu) -> None:
    answering.do_assign_assessor(ayu, assessment, tono)
    for person in (budi, sari, tono, ayu):
        response = logged_in(person).get(url("evidence_download", assessment, evidence_id=evidence.pk))
        assert response.status_code == 200, person
        assert b"".join(response.streaming_content) == PDF
        assert response["Content-Disposition"].startswith("attachment")


def test_a_download_is_named_from_the_record_with_the_sniffed_extension(as_sari, assessment) -> None:
    """A PDF uploaded as "laporan.exe" is saved by the browser as a .pdf, never as an .exe."""
    assert upload(as_sari, assessment, "laporan akhir.exe", PDF).status_code == 302
    evidence = Evidence.objects.get()
    response = as_sari.get(url("evidence_download", assessment, evidence_id=evidence.pk))
    disposition = response["Content-Disposition"]
    slug = STRUKTUR[0].replace(".", "-")
    assert f'filename="bukti-{slug}-{evidence.pk}-laporan-akhir.pdf"' in disposition
    assert ".exe" not in disposition
    assert response["Content-Type"] == "application/pdf"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_other_regions_get_404(evidence, assessment, dewi, ayu, region_b) -> None:
    outsider = make_person(ayu, "wati", "assessor", region_b)
    for person in (dewi, outsider):
        response = logged_in(person).get(url("evidence_download", assessment, evidence_id=evidence.pk))
        assert response.status_code == 404


def test_anonymous_visitors_go_to_login(evidence, assessment, client) -> None:
    response = client.get(url("evidence_download", assessment, evidence_id=evidence.pk))
    assert response.status_code == 302
    assert "/masuk/" in response.url


def test_evidence_is_locked_with_its_answer(evidence, assessment, budi, sari, as_sari) -> None:
    from kotacerdas.assessment.tests.conftest import answer_all

    answer_all(budi, sari, assessment)
    reviewing.do_submit(budi, assessment)
    response = as_sari.post(url("evidence_delete", assessment, evidence_id=evidence.pk))
    assert response.status_code == 400
    assert Evidence.objects.filter(pk=evidence.pk).exists()
    assert upload(as_sari, assessment, "lagi.pdf", PDF).status_code == 400


@pytest.mark.parametrize("language", ["id", "en"])
def test_sizes_are_written_with_a_decimal_comma_in_either_language(as_sari, assessment, language) -> None:
    """The limit, an uploaded file's size and the refusal: 10,0 MB, as every number (English read 10.0 MB)."""
    as_sari.cookies["django_language"] = language
    assert upload(as_sari, assessment, "SK.pdf", PDF + b"0" * 2000).status_code == 302
    page = as_sari.get(url("answer", assessment, indicator=STRUKTUR[0])).content.decode()
    assert "10,0 MB" in page and "2,0 KB" in page
    assert "10.0 MB" not in page and "2.0 KB" not in page
    with pytest.raises(ValidationError) as refused:
        uploads.check_content(PDF, 11 * 2**20)
    assert "11,0 MB" in str(refused.value) and "10,0 MB" in str(refused.value)

"""Dewan Smart City and Tim Pelaksana: members and the SK decree, kept by the region's coordinator."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.models import Institution, InstitutionMember
from kotacerdas.programme.tests.conftest import PDF, pdf

pytestmark = pytest.mark.django_db


def test_budi_records_the_decree_and_members(as_budi, budi, region_a) -> None:
    url = reverse("programme:institutions", args=["33.73"])
    response = as_budi.post(
        url,
        {
            "kind": "dewan",
            "decree_number": "188.45/123/2026",
            "decree_date": "2026-04-01",
            "decree_file": pdf(),
        },
    )
    assert response.status_code == 302
    body = Institution.objects.get(region=region_a, kind="dewan")
    assert body.decree_file.name.startswith("programme/decrees/")
    add = reverse("programme:institution_member_add", args=["33.73", "tim_pelaksana"])
    data = {"name": "Dr. Ani", "position": "Dosen", "agency": "UKSW", "role": "member"}
    assert as_budi.post(add, data).status_code == 302
    member = InstitutionMember.objects.get(name="Dr. Ani")
    assert member.institution.kind == "tim_pelaksana"
    page = as_budi.get(url).content.decode()
    assert "188.45/123/2026" in page and "UKSW" in page
    assert '<th scope="col">Instansi</th>' in page  # a member's agency, not Kelembagaan
    file_response = as_budi.get(reverse("programme:institution_file", args=["33.73", "dewan"]))
    assert b"".join(file_response.streaming_content) == PDF
    assert AuditEntry.objects.filter(action="institution.add_member", actor=budi).exists()
    remove = reverse("programme:institution_member_remove", args=["33.73", member.pk])
    assert as_budi.post(remove).status_code == 302
    assert not InstitutionMember.objects.exists()


def test_a_decree_without_its_date_or_with_a_bad_file_is_refused(as_budi, region_a) -> None:
    url = reverse("programme:institutions", args=["33.73"])
    response = as_budi.post(url, {"kind": "dewan", "decree_number": "188/1", "decree_date": ""})
    assert response.status_code == 400
    assert "Isi tanggal SK." in response.content.decode()
    bad = SimpleUploadedFile("sk.pdf", b"<html>not a pdf</html>")
    response = as_budi.post(
        url, {"kind": "dewan", "decree_number": "1", "decree_date": "2026-04-01", "decree_file": bad}
    )
    assert response.status_code == 400
    assert not Institution.objects.exists()


def test_a_member_needs_a_name(as_budi, region_a) -> None:
    add = reverse("programme:institution_member_add", args=["33.73", "dewan"])
    response = as_budi.post(add, {"name": "", "role": "member"})
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert not InstitutionMember.objects.exists()


def test_sari_sees_the_bodies_but_may_not_change_them(sari, region_a) -> None:
    client = logged_in(sari)
    assert client.get(reverse("programme:institutions", args=["33.73"])).status_code == 200
    add = reverse("programme:institution_member_add", args=["33.73", "dewan"])
    # she may open the region's bodies, so a change without the right is the shared 403
    assert client.post(add, {"name": "X", "role": "member"}).status_code == 403
    decree = {"kind": "dewan", "decree_number": "SK 1", "decree_date": "2026-03-02"}
    assert client.post(reverse("programme:institutions", args=["33.73"]), decree).status_code == 403
    assert not InstitutionMember.objects.exists()
    assert not Institution.objects.exists()

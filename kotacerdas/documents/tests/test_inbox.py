"""The books' part of each person's inbox: the version waiting for the mentor, the coordinator's next step."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import logged_in, make_person
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookSettings

pytestmark = pytest.mark.django_db


def inbox_page(user) -> str:
    return logged_in(user).get(reverse("inbox")).content.decode()


def test_rina_sees_the_newest_version_waiting_for_her_approval(ayu, budi, rina, region_a, region_b) -> None:
    actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    sleman_mentor = make_person(ayu, "yoga", "mentor", region_b)
    body = logged_in(rina).get("/").content.decode()
    assert "Untuk ditinjau atau disetujui" in body
    assert "Setujui buku masterplan versi 2" in body
    assert "versi 1" not in body  # superseded by version 2
    assert reverse("documents:version", args=["33.73", 2]) in body
    assert "Setujui buku" not in inbox_page(sleman_mentor)  # another region's mentor
    assert "Setujui buku" not in inbox_page(budi)  # approving is the mentor's step


def test_after_approval_budi_is_asked_to_ratify_and_rina_no_longer_to_approve(budi, rina, region_a) -> None:
    version = actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    version.refresh_from_db()
    actions.do_approve(rina, version, exception_reason="Draf untuk uji kotak tugas; teks menyusul.")
    assert "Sahkan buku versi 1 dengan Perkada" in inbox_page(budi)
    assert "Setujui buku" not in inbox_page(rina)


def test_a_failed_generation_returns_to_the_coordinator_who_asked(budi, rina, region_a) -> None:
    missing = "documents/hilang.docx"
    BookSettings.objects.create(region=region_a, template=missing, template_name="hilang.docx")
    actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    body = inbox_page(budi)
    assert "Buku versi 1 gagal dibuat: buat ulang" in body
    assert "gagal dibuat" not in inbox_page(rina)


def test_the_inbox_and_the_books_page_leave_the_book_data_unread(budi, rina, region_a) -> None:
    """A version's data is the whole masterplan's snapshot; their lines need none of it."""
    for _ in range(2):
        version = actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    version.refresh_from_db()
    assert version.data  # the generation stored its snapshot
    actions.do_approve(rina, version, exception_reason="Draf untuk uji kotak tugas; teks menyusul.")
    books = reverse("documents:index", args=[region_a.code])
    for person, url, line in ((budi, "/", "Sahkan buku versi 2"), (rina, "/", None), (budi, books, "2")):
        with CaptureQueriesContext(connection) as captured:
            body = logged_in(person).get(url).content.decode()
        assert line is None or line in body
        versions = [q["sql"] for q in captured if 'FROM "documents_bookversion"' in q["sql"]]
        assert versions, url
        assert [sql for sql in versions if '"documents_bookversion"."data"' in sql] == [], (person, url)

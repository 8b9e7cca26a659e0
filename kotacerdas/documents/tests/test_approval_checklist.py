"""The approval checklist names each unwritten text once, by name and chapter, linking to the texts page."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.urls import reverse

from conftest import logged_in
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookVersion

if apps.is_installed("kotacerdas.planning"):  # the masterplan fixtures of the planning tests
    from kotacerdas.planning.conftest import kominfo_a, masterplan_a, plan_a  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("kotacerdas.planning"), reason="planning is not installed"),
]


@pytest.fixture
def version(budi, region_a, plan_a) -> BookVersion:
    """Books of an adopted plan, without any free text written."""
    from kotacerdas.planning.roadmap import actions as roadmap

    roadmap.do_confirm_schedule(budi, region_a)
    actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    return BookVersion.objects.get(region=region_a)


def test_a_chapters_own_text_is_named_with_its_chapter(version) -> None:
    from kotacerdas.documents.approval import approval_blockers

    messages = [b.message for b in approval_blockers(version)]
    assert "Teks “Ringkasan eksekutif” (bab Ringkasan) masih berupa isian sementara." in messages
    assert "Teks “Penutup” (bab Penutup) masih berupa isian sementara." in messages
    assert "Teks “Latar Belakang” (bab Pendahuluan) masih berupa isian sementara." in messages
    assert "Teks “Kata Pengantar” masih berupa isian sementara." in messages
    assert not [m for m in messages if "“”" in m]


def test_each_text_is_listed_once_and_links_to_the_texts_page(version, region_a) -> None:
    from kotacerdas.documents.approval import approval_blockers

    blockers = approval_blockers(version)
    texts_url = reverse("documents:texts", args=[region_a.code])
    about_texts = [b for b in blockers if "Teks" in b.message]
    assert about_texts and all(b.url == texts_url for b in about_texts)
    assert not [b.message for b in blockers if ".." in b.message]
    # the data gaps are still listed, each once, as the books say them
    assert any(b.message.startswith("Data “matriks SWOT” belum diisi") for b in blockers)
    assert len({b.message for b in blockers}) == len(blockers)


def test_rinas_checklist_page_points_each_text_to_the_texts_page(version, rina, region_a) -> None:
    page = logged_in(rina).get(reverse("documents:version", args=[region_a.code, version.number]))
    checklist = page.content.decode().split('id="approval-blockers"')[1].split("</div>")[0]
    assert "Teks “”" not in checklist
    assert "Teks bebas.." not in checklist
    assert checklist.count("Ringkasan eksekutif") == 1


def test_a_missing_plan_is_said_once(budi, region_a, plan_a) -> None:
    from kotacerdas.documents.approval import approval_blockers

    actions.do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    messages = [b.message for b in approval_blockers(BookVersion.objects.get(region=region_a))]
    assert messages[0] == "Belum ada jadwal yang diadopsi sebagai rencana yang ditetapkan."
    assert not [m for m in messages if "rencana yang ditetapkan (jadwal" in m]

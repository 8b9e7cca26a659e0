"""Blocking checks before a book version is approved; the mentor's exception with a written reason."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.documents import actions
from kotacerdas.documents.models import BookText, BookVersion

if apps.is_installed("kotacerdas.planning"):  # the masterplan fixtures of the planning tests
    from kotacerdas.planning.conftest import kominfo_a, masterplan_a, plan_a  # noqa: F401

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not apps.is_installed("kotacerdas.planning"), reason="planning is not installed"),
]


@pytest.fixture
def over_pagu(budi, region_a, plan_a):
    """The entered schedule adopted as it is: 400 juta in 2026 against a pagu of 350 juta."""
    from kotacerdas.planning.roadmap import actions as roadmap

    roadmap.do_set_roadmap_constraints(
        budi, region_a, budget_ceilings={2026: Decimal(350_000_000)}, source_ceilings={}, opd_capacity=3
    )
    roadmap.do_confirm_schedule(budi, region_a)
    return plan_a


def version_of(budi, region) -> BookVersion:
    actions.do_request_books(budi, region, programme_year=2026, formats=["docx"])
    return BookVersion.objects.get(region=region)


def test_rina_sees_each_blocking_check_in_indonesian_with_a_link(budi, rina, region_a, over_pagu) -> None:
    version = version_of(budi, region_a)
    as_rina = logged_in(rina)
    url = reverse("documents:version", args=[region_a.code, version.number])
    page = as_rina.get(url).content.decode()
    assert 'id="approval-blockers"' in page
    assert "Rencana membelanjakan Rp400.000.000 pada 2026, melebihi pagu Rp350.000.000." in page
    assert reverse("planning:roadmap", args=[region_a.code]) in page
    assert "masih berupa isian sementara" in page  # no free text written
    assert reverse("documents:texts", args=[region_a.code]) in page
    response = as_rina.post(reverse("documents:approve", args=[region_a.code, version.number]))
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.review == BookVersion.Review.DRAFT


def test_a_successor_before_its_predecessor_ends_and_a_plan_past_the_period_block(
    budi, rina, region_a, over_pagu
) -> None:
    from kotacerdas.planning.models import AdoptedItem

    # the adopted snapshot as a hand-edit could leave it: KS-01 moved before SD-01 ends and past the period
    AdoptedItem.objects.filter(code="KS-01").update(start_year=2027)
    AdoptedItem.objects.filter(code="PL-01").update(start_year=2030, duration=2)
    from kotacerdas.documents.approval import approval_blockers

    messages = [b.message for b in approval_blockers(version_of(budi, region_a))]
    assert "KS-01 mulai pada 2027, sebelum pendahulunya SD-01 selesai (2027)." in messages
    assert "PL-01 berjalan sampai 2031, melewati periode masterplan (2030)." in messages


def test_without_an_adopted_plan_approval_is_blocked(budi, region_a, plan_a) -> None:
    from kotacerdas.documents.approval import approval_blockers

    messages = [b.message for b in approval_blockers(version_of(budi, region_a))]
    assert messages[0] == "Belum ada jadwal yang diadopsi sebagai rencana yang ditetapkan."


def test_rina_approves_with_an_exception_shown_in_the_history(budi, rina, region_a, over_pagu) -> None:
    version = version_of(budi, region_a)
    as_rina = logged_in(rina)
    reason = "Pagu 2026 akan dinaikkan dalam APBD Perubahan; disetujui dengan catatan."
    response = as_rina.post(
        reverse("documents:approve", args=[region_a.code, version.number]), {"exception_reason": reason}
    )
    assert response.status_code == 302
    version.refresh_from_db()
    assert version.review == BookVersion.Review.APPROVED
    entry = AuditEntry.objects.get(action="books.approve_exception")
    assert entry.after["reason"] == reason and entry.actor == rina
    page = as_rina.get(reverse("documents:version", args=[region_a.code, version.number])).content.decode()
    assert 'id="approval-exceptions"' in page and reason in page
    assert "Disetujui dengan pengecualian oleh Rina" in page


def test_a_clean_version_is_approved_without_an_exception(budi, rina, region_a, plan_a) -> None:
    from kotacerdas.documents import approval
    from kotacerdas.planning.roadmap import actions as roadmap

    roadmap.do_confirm_schedule(budi, region_a)
    version = version_of(budi, region_a)
    for key in approval._text_sections(version):
        BookText.objects.create(region=region_a, key=key, text="Teks.")
    version.missing, version.data = (
        [],
        {**version.data, "texts": dict.fromkeys(approval._text_sections(version), "Teks.")},
    )
    version.save()
    assert approval.approval_blockers(version) == []
    actions.do_approve(rina, version)
    assert not AuditEntry.objects.filter(action="books.approve_exception").exists()


def test_the_books_own_missing_notes_are_marked_indonesian_on_an_english_page(budi, rina, region_a) -> None:
    """The draft's notes are the books' sentences (Indonesian, stored with the version): a screen reader
    reading the English page must read them as Indonesian."""
    version = version_of(budi, region_a)
    assert version.missing
    as_rina = logged_in(rina)
    as_rina.cookies["django_language"] = "en"
    page = as_rina.get(reverse("documents:version", args=[region_a.code, version.number])).content.decode()
    notes = page.split("<h2>Still to fill in</h2>", 1)[1].split("</section>", 1)[0]
    assert '<ul lang="id">' in notes and "belum diisi" in notes

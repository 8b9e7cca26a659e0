"""Sari's home lists the indicators assigned to her OPD; Rina's home shows the book version waiting."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def no_horizontal_scroll(page) -> bool:  # type: ignore[no-untyped-def]
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_sari_and_rina_find_their_work_on_the_home_page(page, budi, sari, rina, region_a, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.assessment.actions import answering
    from kotacerdas.documents.actions import do_request_books

    spbe = answering.do_start_assessment(
        budi,
        region_a,
        instrument_id="spbe-2020",
        title="Indeks SPBE 2026",
        deadline=datetime.date(2026, 12, 31),
        target=Decimal(3),
    )
    answering.do_assign(budi, spbe, code="D1", opd=dinkes_a)
    for indicator in ("1", "2", "3", "4", "5", "6"):
        answering.do_save_answer(sari, spbe, indicator, value="3", explanation="Ada SK.")
    do_request_books(budi, region_a, programme_year=2026, formats=["docx"])

    log_in(page, "sari")
    tasks = page.locator("section.inbox")
    expect(tasks.get_by_role("heading", name=re.compile("^Tugas saya"))).to_be_visible()
    links = tasks.get_by_role("link", name=re.compile("^Jawab “"))
    expect(links).to_have_count(4)
    expect(page.get_by_role("link", name=re.compile("^Kotak tugas 4"))).to_be_visible()
    assert no_horizontal_scroll(page)
    save_screenshot(page, "inbox-sari")
    links.first.click()
    assert f"/r/33.73/asesmen/{spbe.pk}/jawaban/7/" in page.url
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + "/")
    assert no_horizontal_scroll(page)

    page.context.clear_cookies()
    page.set_viewport_size({"width": 1366, "height": 768})
    log_in(page, "rina")
    waiting = page.locator("section.inbox").get_by_role("link", name="Setujui buku masterplan versi 1")
    expect(waiting).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("^Untuk ditinjau atau disetujui"))).to_be_visible()
    save_screenshot(page, "inbox-rina")
    waiting.click()
    # the draft has unfilled texts: the blocking checks are listed and Rina approves with an exception
    page.get_by_label("Setujui dengan pengecualian: alasannya (disimpan dalam riwayat versi)").fill(
        "Versi uji; teks menyusul."
    )
    page.get_by_role("button", name="Setujui dengan pengecualian").click()
    expect(page.get_by_text("Versi 1 disetujui.")).to_be_visible()
    page.goto(page.base_url + "/")
    expect(page.get_by_text("Tidak ada tugas yang menunggu Anda.")).to_be_visible()

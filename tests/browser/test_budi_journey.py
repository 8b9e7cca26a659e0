"""Budi logs in, sees his region, switches language and logs out — in a real browser."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_budi_journey(page, budi, sari, dewi, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/")
    expect(
        page.get_by_role("heading", name="Satu catatan untuk seluruh masterplan Smart City")
    ).to_be_visible()
    save_screenshot(page, "landing")

    log_in(page, "budi")
    expect(page.get_by_role("heading", name="Selamat datang, Budi")).to_be_visible()
    expect(page.get_by_role("link", name="Kota Salatiga")).to_be_visible()
    expect(page.get_by_text("Kabupaten Sleman")).to_have_count(0)
    save_screenshot(page, "home-coordinator")

    page.get_by_role("link", name="Kota Salatiga").click()
    expect(page.get_by_role("heading", name="Kota Salatiga", level=1)).to_be_visible()
    expect(page.get_by_role("cell", name="Sari")).to_be_visible()
    save_screenshot(page, "region-workspace")

    page.get_by_role("link", name="Kelola OPD").click()
    page.locator("#id_name").fill("Dinas Perhubungan")
    page.get_by_label("Nama singkat").fill("Dishub")
    page.get_by_role("button", name="Tambah OPD").click()
    expect(page.get_by_text("OPD “Dinas Perhubungan” ditambahkan.")).to_be_visible()
    save_screenshot(page, "opd-list")

    page.get_by_role("button", name="English").click()
    expect(page.get_by_role("heading", name="OPDs of Kota Salatiga")).to_be_visible()
    assert page.locator("html").get_attribute("lang") == "en"

    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("heading", name="One record for the whole Smart City masterplan")).to_be_visible()
    page.goto(page.base_url + "/r/33.73/")
    assert "/masuk/" in page.url


def test_budi_cannot_open_another_region(page, budi, dewi) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "budi")
    response = page.goto(page.base_url + "/r/34.04/")
    assert response.status == 404
    expect(page.get_by_role("heading", name="Halaman tidak ditemukan")).to_be_visible()


def test_ayu_manages_people_on_a_phone(browser, live_server, ayu, budi) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 390, "height": 844}, locale="id-ID")
    page = context.new_page()
    page.base_url = live_server.url
    log_in(page, "ayu")
    expect(page.get_by_role("heading", name="Ikhtisar nasional")).to_be_visible()
    save_screenshot(page, "home-national-phone")
    page.get_by_role("link", name="Pengguna", exact=True).click()
    page.get_by_role("link", name="budi").click()
    page.locator("#id_role").select_option("mentor")
    page.get_by_label("Wilayah").select_option("34.04")
    page.get_by_role("button", name="Tambah peran").click()
    expect(page.get_by_text("Peran ditambahkan.")).to_be_visible()
    page.get_by_role("link", name="Log audit").click()
    expect(page.get_by_text("memberi peran:").first).to_be_visible()  # a sentence, not the action name
    save_screenshot(page, "audit-log-phone")
    # no horizontal scrolling of the whole page on a phone
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1] + 1, width
    context.close()

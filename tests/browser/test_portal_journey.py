"""The public portal in a real browser: Budi adds a socialisation event and publishes the portal; an
anonymous visitor opens the national page, Salatiga's page (with its KPI chart) and downloads a CSV.

The plan (initiatives, KPIs, an approved KPI actual) is built through the actions
(kotacerdas/portal/tests/builders.py); the journey itself goes through the pages. Every page is also
measured at 390 px wide and under the Content-Security-Policy (tests/browser/conftest.py).
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_budi_publishes_and_a_visitor_reads_and_downloads(page, budi, sari, region_a, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.portal.tests.builders import approved_plan

    approved_plan(budi, sari, region_a, dinkes_a)
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/sosialisasi/")
    page.get_by_label("Judul").fill("Sosialisasi Buku II kepada UMKM")
    page.get_by_label("Tanggal").fill("2026-11-12")
    page.get_by_label("Tempat").fill("Aula Bappeda")
    page.get_by_label("Dunia usaha (UMKM, perusahaan)").fill("35")
    page.get_by_label("Masyarakat").fill("20")
    page.get_by_label("Jumlah peserta").fill("60")
    page.get_by_role("button", name="Tambah acara").click()
    expect(page.get_by_text("Acara ditambahkan.")).to_be_visible()
    page.goto(page.base_url + "/r/33.73/portal/")
    page.get_by_role("button", name="Terbitkan portal").click()
    expect(page.get_by_text("Portal diterbitkan")).to_be_visible()

    page.context.clear_cookies()  # a visitor without an account
    page.goto(page.base_url + "/publik/")
    page.get_by_role("link", name="Kota Salatiga").click()
    expect(page.get_by_role("heading", name="Kota Salatiga", level=1)).to_be_visible()
    expect(page.get_by_text("Sosialisasi Buku II kepada UMKM")).to_be_visible()
    expect(page.locator("svg.kpi-chart").first).to_be_visible()
    save_screenshot(page, "portal-region")
    page.get_by_role("link", name="Data terbuka").last.click()
    with page.expect_download() as download:
        page.locator("#kpi").get_by_role("link", name="CSV").click()
    with open(download.value.path(), encoding="utf-8") as csv_file:
        text = csv_file.read()
    assert text.startswith("region_code,initiative_code,kpi,") and "Kemiskinan" in text and "11.25" in text

"""Monitoring in a real browser: Budi opens 2027; Sari reports two KPIs with evidence and one
initiative's progress and realised budget; Budi returns one with a reason; Sari fixes it; Budi
approves; Ayu locks; the monitoring page shows the approved values.

The plan itself (initiatives, KPIs, KPI rules) is built through the planning and monitoring actions
(kotacerdas/monitoring/tests/journey.py); everything of the journey is done through the pages.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PDF_FILE = {
    "name": "rekap.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


def switch_user(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    log_in(page, username)


def submit_kpi(page, period_url: str, name: str, fields: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    page.goto(period_url)
    page.get_by_role("link", name=name).click()
    for label, value in fields.items():
        page.get_by_label(label, exact=True).fill(value)
    page.get_by_label("Berkas bukti (PDF, gambar, DOCX, XLSX)").set_input_files(PDF_FILE)
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(page.get_by_text("Laporan dikirim untuk ditinjau.")).to_be_visible()


def review(page, name: str, decision: str, reason: str = "") -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/r/33.73/monitoring/antrean/")
    page.get_by_role("link", name=name).click()
    page.get_by_label(decision).check()
    if reason:
        page.get_by_label("Alasan").fill(reason)
    page.get_by_role("button", name="Simpan tinjauan").click()


def test_a_year_of_monitoring_from_opening_to_lock(page, ayu, budi, sari, region_a, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.monitoring.models import Period
    from kotacerdas.monitoring.tests.journey import build_plan

    telemed, _portal, visits, coverage, _poverty, _milestone = build_plan(budi, region_a, dinkes_a)

    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/monitoring/periode/")
    page.get_by_label("Tahun").fill("2027")
    page.get_by_label("Tanggal penutupan").fill("2028-01-31")
    page.get_by_role("button", name="Buka periode").click()
    expect(page.get_by_text("Periode pelaporan dibuka.")).to_be_visible()
    period_url = page.url
    period = Period.objects.get(region=region_a, year=2027)

    switch_user(page, "sari")
    submit_kpi(page, period_url, "Kunjungan telemedis", {"Nilai realisasi": "4200"})
    submit_kpi(page, period_url, "Puskesmas terhubung", {"Pembilang": "12", "Penyebut": "16"})
    page.goto(period_url)
    page.get_by_role("link", name=telemed.name).click()
    page.get_by_label("Status pelaksanaan").select_option("running")
    page.get_by_label("Progres (%)").fill("60")
    page.get_by_label("Realisasi APBD (Rp)").fill("250000000")
    page.get_by_label("Aplikasi telemedis rilis").check()
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(page.get_by_text("Laporan dikirim untuk ditinjau.")).to_be_visible()

    switch_user(page, "budi")
    review(page, "Kunjungan telemedis", "Kembalikan untuk revisi", "Lampirkan rekap bulanan Puskesmas.")
    expect(page.get_by_text("Laporan dikembalikan dengan alasan Anda.")).to_be_visible()
    review(page, "Puskesmas terhubung", "Setujui")
    review(page, f"{telemed.code} {telemed.name}", "Setujui")

    switch_user(page, "sari")
    page.goto(period_url)
    assert page.get_by_test_id(f"kpi-status-{visits.pk}").inner_text() == "dikembalikan untuk revisi"
    page.get_by_role("link", name="Kunjungan telemedis").click()
    expect(page.get_by_text("Lampirkan rekap bulanan Puskesmas.")).to_be_visible()
    page.get_by_label("Nilai realisasi", exact=True).fill("4400")
    page.get_by_role("button", name="Kirim untuk ditinjau").click()
    expect(page.get_by_text("Laporan dikirim untuk ditinjau.")).to_be_visible()

    switch_user(page, "budi")
    review(page, "Kunjungan telemedis", "Setujui")
    expect(page.get_by_text("Laporan disetujui.")).to_be_visible()
    expect(page.get_by_text("Tidak ada yang menunggu tinjauan.")).to_be_visible()

    switch_user(page, "ayu")
    page.goto(period_url)
    page.get_by_role("button", name="Kunci periode").click()
    expect(page.get_by_text("Periode pelaporan dikunci.")).to_be_visible()
    # expect, not inner_text(): the rest of the page may still be arriving after the message above
    expect(page.get_by_test_id("period-state")).to_have_text("terkunci", use_inner_text=True)
    period.refresh_from_db()
    assert period.locked

    page.goto(page.base_url + "/r/33.73/monitoring/")
    assert page.get_by_test_id(f"actual-{visits.pk}-2027").inner_text() == "4.400"
    assert page.get_by_test_id(f"actual-{coverage.pk}-2027").inner_text() == "75"
    assert page.get_by_test_id("progress-KS-01").inner_text() == "60,0%"
    assert page.get_by_test_id("realised-2027-APBD").inner_text() == "Rp250.000.000"
    expect(page.locator("svg.kpi-chart")).to_have_count(3)
    # one approved year for visits and coverage: a line through one point draws nothing, so each gets
    # a visible mark
    approved = page.locator('svg.kpi-chart circle[fill="#1f5f8b"]')
    expect(approved).to_have_count(2)
    assert all(box and box["width"] > 0 for box in (mark.bounding_box() for mark in approved.all()))
    save_screenshot(page, "monitoring-region")

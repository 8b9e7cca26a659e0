"""Ayu opens the 2027 evaluation for the demo cohort; Budi's self-assessment shows Outcome pre-filled
from monitoring; Tono verifies; Ayu publishes; Budi sees his rank band and downloads the letter PDF."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kotacerdas.core.books.pdf import find_soffice
from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Salatiga and Sleman are the demo cohort's selected regions (kotacerdas/programme/demo.py)


@pytest.fixture
def demo_cohort(ayu):  # type: ignore[no-untyped-def]
    from kotacerdas.programme.demo import load_demo
    from kotacerdas.programme.models import Cohort

    load_demo(ayu)
    return Cohort.objects.get()


@pytest.fixture
def salatiga_monitoring(budi, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    """Salatiga's 2027 monitoring: of its two masterplan programmes, the approved reports say one runs."""
    from datetime import date

    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
    from kotacerdas.monitoring.tests.journey import build_plan

    telemed, portal, *_rest = build_plan(budi, region_a, dinkes_a)
    period = do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31))
    for initiative, status in ((telemed, "running"), (portal, "not_started")):
        report = do_save_initiative_report(budi, period, initiative, implementation=status, submit=True)
        do_review_report(budi, report, decision="approved")


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()


def test_evaluation_journey(page, ayu, budi, tono, demo_cohort, salatiga_monitoring) -> None:  # type: ignore[no-untyped-def]
    # Ayu opens the 2027 cycle for the demo cohort: each region gets its pre-filled self-assessment
    log_in(page, "ayu")
    page.goto(page.base_url + "/evaluasi/baru/")
    page.locator("input[name=year]").fill("2027")
    page.locator("select[name=cohort]").select_option(str(demo_cohort.pk))
    page.locator("input[name=self_assessment_until]").fill("2027-08-31")
    page.locator("input[name=verification_until]").fill("2027-10-31")
    page.locator("input[name=publication_on]").fill("2027-12-05")
    page.get_by_role("button", name="Buka siklus").click()
    expect(page.get_by_text("Siklus evaluasi 2027 dibuka.")).to_be_visible()
    cycle_url = page.url
    log_out(page)

    # Budi's form shows Outcome pre-filled from monitoring, with its source
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/")
    page.get_by_test_id("self-assessment").first.click()
    detail_url = page.url
    page.goto(detail_url + "jawaban/outcome/")
    explanation = page.locator("#id_explanation").input_value()
    assert "1 dari 1 program masterplan berjalan" in explanation  # living: telemedicine runs
    assert "0 dari 1 program masterplan berjalan" in explanation  # governance: the portal has not started
    assert page.locator("#id_value").input_value() == "2,5"  # 5 × 1/2, written as the pages write it
    save_screenshot(page, "evaluation-prefilled-outcome")
    for part, value in (("baseline", "3"), ("impact", "3.2")):  # no record for these (base year)
        page.goto(detail_url + f"jawaban/{part}/")
        page.locator("#id_value").fill(value)
        page.get_by_role("button", name="Simpan draf").click()
        expect(page.get_by_text("Jawaban disimpan.")).to_be_visible()
    page.goto(detail_url)
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    page.get_by_text("Diajukan untuk verifikasi.", exact=False).wait_for()
    log_out(page)

    # Ayu assigns Tono; Tono verifies with one reasoned adjustment
    log_in(page, "ayu")
    page.goto(detail_url)
    page.get_by_label("Asesor").select_option(label="Tono")
    page.get_by_role("button", name="Tugaskan asesor").click()
    log_out(page)
    log_in(page, "tono")
    page.goto(detail_url)
    page.get_by_role("button", name="Mulai tinjauan").click()
    page.get_by_role("link", name="Sesuaikan atau kembalikan outcome").click()
    page.get_by_label("Sesuaikan nilai").check()
    page.locator("#id_value").fill("2")
    page.get_by_label("Alasan").fill("Telemedis baru berjalan di dua puskesmas")
    page.get_by_role("button", name="Catat keputusan").click()
    accept = page.get_by_role("button", name=re.compile(r"^Terima "))
    # count() does not wait: only the whole queue page is counted (a page still arriving has fewer rows),
    # and each accept is seen to take one button away
    page.wait_for_load_state()
    while left := accept.count():
        accept.first.click()
        expect(accept).to_have_count(left - 1)
        page.wait_for_load_state()
    page.goto(detail_url)
    page.get_by_role("button", name="Selesaikan tinjauan").click()
    page.get_by_text(re.compile(r"Terverifikasi\. Nilai: ")).wait_for()
    log_out(page)

    # Ayu takes the verified scores and publishes
    log_in(page, "ayu")
    page.goto(cycle_url)
    page.get_by_role("button", name="Ambil swanilai yang terverifikasi").click()
    expect(
        page.get_by_text("Nilai per bagian dari swanilai yang terverifikasi sudah diambil.")
    ).to_be_visible()
    page.get_by_role("button", name="Terbitkan hasil").click()
    # the job runs at once here (immediate task backend); the page shows the publication
    page.get_by_role("heading", name="Hasil yang diterbitkan").wait_for()
    expect(page.get_by_role("link", name="Unduh tabel hasil (XLSX)")).to_be_visible()
    save_screenshot(page, "evaluation-published")
    log_out(page)

    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/")
    rank = page.get_by_test_id("rank-in-class").first
    assert "rentang" in rank.inner_text()
    # the PDF when LibreOffice is installed (as on this machine and in CI), else the DOCX
    extension = "pdf" if find_soffice() else "docx"
    with page.expect_download(timeout=120_000) as downloaded:
        page.get_by_test_id(f"letter-{extension}").first.click(timeout=120_000)  # LibreOffice under load
    download = downloaded.value
    assert download.suggested_filename == f"Surat-Hasil-Evaluasi-2027-Kota-Salatiga.{extension}"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF" if extension == "pdf" else b"PK")

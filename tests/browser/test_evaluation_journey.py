"""Ayu opens the 2027 evaluation for the demo cohort, enters the verified scores and publishes;
Budi sees his rank band on his region's page and downloads his result letter."""

from __future__ import annotations

from pathlib import Path

import pytest

from kotacerdas.core.books.pdf import find_soffice
from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Salatiga and Sleman are the demo cohort's selected regions (kotacerdas/programme/demo.py)
SCORES = b"""region_code,baseline,output,outcome,impact,quick_win,previous_total,verified
33.73,3.5,3.2,3.4,3.1,3.6,3.12,true
34.04,3.6,3.4,3.3,3.2,3.4,3.2,true
"""


@pytest.fixture
def demo_cohort(ayu):  # type: ignore[no-untyped-def]
    from kotacerdas.programme.demo import load_demo
    from kotacerdas.programme.models import Cohort

    load_demo(ayu)
    return Cohort.objects.get()


def test_evaluation_journey(page, ayu, budi, demo_cohort) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "ayu")
    page.goto(page.base_url + "/evaluasi/baru/")
    page.locator("input[name=year]").fill("2027")
    page.locator("select[name=cohort]").select_option(str(demo_cohort.pk))
    page.locator("input[name=self_assessment_until]").fill("2027-08-31")
    page.locator("input[name=verification_until]").fill("2027-10-31")
    page.locator("input[name=publication_on]").fill("2027-12-05")
    page.get_by_role("button", name="Buka siklus").click()
    assert page.get_by_text("Siklus evaluasi 2027 dibuka.").is_visible()

    page.locator("input[name=upload]").set_input_files(
        files=[{"name": "hasil-2027.csv", "mimeType": "text/csv", "buffer": SCORES}]
    )
    page.get_by_role("button", name="Simpan nilai").click()
    assert page.get_by_text("2 hasil disimpan.").is_visible()
    page.get_by_role("button", name="Terbitkan hasil").click()
    # the job runs at once here (immediate task backend); the page shows the publication
    page.get_by_role("heading", name="Hasil yang diterbitkan").wait_for()
    assert page.get_by_role("link", name="Unduh tabel hasil (XLSX)").is_visible()
    save_screenshot(page, "evaluation-published")

    page.context.clear_cookies()
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/")
    rank = page.get_by_test_id("rank-in-class").first
    assert "rentang" in rank.inner_text()
    # the PDF when LibreOffice is installed (as on this machine and in CI), else the DOCX
    extension = "pdf" if find_soffice() else "docx"
    with page.expect_download(timeout=120_000) as downloaded:
        page.get_by_test_id(f"letter-{extension}").first.click()
    download = downloaded.value
    assert download.suggested_filename == f"Surat-Hasil-Evaluasi-2027-Kota-Salatiga.{extension}"
    content = Path(download.path()).read_bytes()
    assert content.startswith(b"%PDF" if extension == "pdf" else b"PK")

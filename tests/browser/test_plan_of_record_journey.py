"""Budi's plan of record in a browser (issue 12, acceptance 2): Durasi 0 is refused in Indonesian, an
initiative without scores is reported with the real reason, the roadmap run is adopted, and Buku II's
schedule table and yearly totals equal the adopted plan and stay within the pagu."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest
from playwright.sync_api import expect

from kotacerdas.documents.tests.book_tables import budget_totals, document_schedule, document_totals, schedule
from kotacerdas.planning.conftest import kominfo_a, masterplan_a, plan_a  # noqa: F401
from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
CRITERIA = ["impact", "urgency", "readiness", "cost", "rpjmd_alignment", "spbe_relevance"]
PAGU = {"2026": "400000000", "2027": "200000000", "2028": "400000000", "2029": "0", "2030": "0"}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def scored(budi, region_a, plan_a):  # type: ignore[no-untyped-def]  # noqa: F811
    from kotacerdas.planning.prioritisation import actions

    actions.do_set_direct_weights(budi, region_a, {c: Decimal(1) for c in CRITERIA})
    actions.do_set_scores(budi, region_a, {i.pk: dict.fromkeys(CRITERIA, 3) for i in plan_a.values()})
    return plan_a


def test_budi_adopts_the_roadmap_and_buku_ii_prints_it(page, budi, region_a, scored, tmp_path) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/masterplan/inisiatif/baru/")
    page.locator("#id_code").fill("T-04")
    page.locator("#id_name").fill("Papan informasi kota")
    page.locator("#id_element").select_option("governance.service")
    page.locator("#id_type").select_option("application")
    page.locator("#id_owner").select_option(index=1)
    page.locator("#id_horizon").select_option("short")
    page.locator("#id_start_year").fill("2026")
    page.locator("#id_duration").fill("0")
    page.locator("#id_b_2026_APBD").fill("100000000")
    page.get_by_role("button", name="Simpan inisiatif").click()
    expect(page.get_by_text("Durasi paling singkat 1 tahun.").first).to_be_visible()
    page.locator("#id_duration").fill("1")
    page.get_by_role("button", name="Simpan inisiatif").click()
    expect(page.get_by_text("Inisiatif “T-04” disimpan.")).to_be_visible()

    page.goto(page.base_url + "/r/33.73/masterplan/roadmap/")
    for year, amount in PAGU.items():
        page.locator(f"#id_c_{year}").fill(amount)
    page.locator("#id_opd_capacity").fill("3")
    page.get_by_role("button", name="Simpan batasan").click()
    expect(page.get_by_text("Batasan peta jalan disimpan.")).to_be_visible()
    page.get_by_role("button", name="Optimasi peta jalan").click()
    row = page.get_by_role("row").filter(has_text="T-04")
    expect(row.get_by_text("belum memiliki skor prioritas")).to_be_visible()
    assert "sudah habis" not in row.inner_text()

    page.get_by_role("button", name="Adopsi jadwal ini sebagai rencana").click()
    expect(page.get_by_text("diadopsi sebagai rencana yang ditetapkan").first).to_be_visible()
    expect(page.locator("#plan-schedule")).to_be_visible()
    save_screenshot(page, "roadmap-plan-of-record")

    page.goto(page.base_url + "/r/33.73/buku/")
    pdf = page.locator("input[name=formats][value=pdf]")
    if pdf.is_checked():
        pdf.uncheck()
    page.get_by_role("button", name="Buat", exact=True).click()
    with page.expect_download() as download:
        page.get_by_role("link", name="Buku II Masterplan Smart City (DOCX)").click()
    book = Path(tmp_path) / "buku-ii.docx"
    download.value.save_as(str(book))

    from kotacerdas.planning.roadmap.plan import plan_of_record

    plan = plan_of_record(region_a)
    assert plan is not None and "T-04" not in {i.code for i in plan.initiatives}
    document = plan.as_document()
    totals = budget_totals(book)
    assert {y: t for y, t in totals.items() if t} == document_totals(document)
    assert all(totals.get(int(y), 0) <= c for y, c in document["ceilings"].items())
    assert schedule(book) == document_schedule(document)

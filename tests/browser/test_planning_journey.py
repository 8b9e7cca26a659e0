"""Budi builds a masterplan in a browser: problems, SWOT, initiatives, priorities, roadmap, pin, rerun."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def add_initiative(page, code: str, name: str, element: str, owner: str, amount: str) -> None:  # type: ignore[no-untyped-def]
    page.get_by_role("link", name="Inisiatif", exact=True).click()
    page.get_by_role("link", name="Inisiatif baru").click()
    page.locator("#id_code").fill(code)
    page.locator("#id_name").fill(name)
    page.locator("#id_element").select_option(element)
    page.locator("#id_type").select_option("application")
    page.locator("#id_owner").select_option(index=1)
    page.locator("#id_horizon").select_option("short")
    page.locator("#id_start_year").fill("2026")
    page.locator("#id_duration").fill("1")
    page.locator("#id_b_2026_APBD").fill(amount)
    page.get_by_role("button", name="Simpan inisiatif").click()
    expect(page.get_by_text(f"Inisiatif “{code}” disimpan.")).to_be_visible()


def test_budi_plans_and_optimises_the_roadmap(page, budi, rina, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "budi")
    page.get_by_role("link", name="Kota Salatiga").first.click()
    page.get_by_role("link", name="Masterplan Smart City").click()
    page.get_by_role("link", name="Isi profil").click()
    page.locator("#id_period_start").fill("2026")
    page.locator("#id_period_end").fill("2030")
    page.locator("#id_vision").fill("Salatiga Hati Beriman Cerdas")
    page.get_by_role("button", name="Simpan profil").click()
    expect(page.get_by_text("Profil disimpan.")).to_be_visible()

    page.get_by_role("link", name="Masalah", exact=True).click()
    page.locator("#id_code").fill("M-01")
    page.locator("#id_title").fill("Antrean puskesmas panjang")
    page.locator("#id_element").select_option("living.health")
    page.get_by_role("button", name="Catat masalah").click()
    expect(page.get_by_text("Masalah “M-01” dicatat.")).to_be_visible()

    page.get_by_role("link", name="SWOT", exact=True).click()
    page.locator("#id_scope").select_option("infrastruktur")
    page.locator("#id_kind").select_option("W")
    page.locator("#id_text").fill("Jaringan puskesmas belum stabil")
    page.get_by_role("button", name="Tambah butir SWOT").click()
    expect(page.get_by_text("Butir SWOT ditambahkan.")).to_be_visible()

    add_initiative(
        page, "KS-01", "Pendaftaran puskesmas daring", "living.health", "Dinas Kesehatan", "300000000"
    )
    # Rupiah as people write it, with thousand separators; the predecessors are a group of checkboxes
    add_initiative(page, "KS-02", "Telemedisin", "living.health", "Dinas Kesehatan", "200.000.000")
    page.get_by_role("link", name="Inisiatif", exact=True).click()
    page.get_by_role("link", name="Inisiatif baru").click()
    predecessors = page.get_by_role("group", name="Pendahulu")
    expect(predecessors.get_by_role("checkbox")).to_have_count(2)
    predecessors.get_by_label("KS-01", exact=False).check()
    page.locator("#id_b_2026_APBD").fill("1.500.000.000")
    page.locator("#id_b_2026_APBD").scroll_into_view_if_needed()
    save_screenshot(page, "initiative-form")

    page.get_by_role("link", name="Prioritas", exact=True).click()
    page.get_by_role("link", name="Bobot dengan perbandingan berpasangan (AHP)").click()
    page.locator("#id_impact__urgency").select_option("3")
    page.get_by_role("button", name="Hitung bobot").click()
    expect(page.get_by_text("CR").first).to_be_visible()
    page.get_by_role("link", name="Beri skor inisiatif").click()
    inputs = page.locator("input[name^='s_']")
    expect(inputs.first).to_be_visible()
    page.wait_for_load_state()  # count() does not wait: counted only once the whole scoring page is there
    for index in range(inputs.count()):
        inputs.nth(index).fill("4" if index < 5 else "2")
    page.get_by_role("button", name="Simpan skor").click()
    expect(page.get_by_role("cell", name="KS-01 Pendaftaran puskesmas daring")).to_be_visible()

    page.get_by_role("link", name="Peta jalan", exact=True).click()
    page.locator("#id_c_2026").fill("400000000")
    page.locator("#id_opd_capacity").fill("2")
    page.get_by_role("button", name="Simpan batasan").click()
    expect(page.get_by_text("Batasan peta jalan disimpan.")).to_be_visible()
    page.get_by_role("button", name="Optimasi peta jalan").click()
    expect(page.get_by_role("heading", name="Inisiatif yang ditunda dan tidak dijadwalkan")).to_be_visible()
    expect(page.get_by_text("ditunda ke 2027")).to_be_visible()
    expect(page.get_by_text("Pagu anggaran tahun 2026 sudah habis.").first).to_be_visible()
    page.wait_for_load_state()  # count() below does not wait for the rest of the page
    deferred_first = "KS-02" if page.get_by_role("cell", name="KS-02 Telemedisin").count() else "KS-01"

    # Budi pins the deferred initiative to 2026 and reruns: now the other one waits
    page.get_by_role("link", name="Peta jalan", exact=True).click()
    page.get_by_label(f"Tahun mulai yang ditetapkan untuk {deferred_first}").select_option("2026")
    page.get_by_role("button", name=f"Tetapkan {deferred_first}").click()
    expect(page.get_by_text(f"{deferred_first} ditetapkan mulai pada 2026.")).to_be_visible()
    page.get_by_role("button", name="Optimasi peta jalan").click()
    other = "KS-01" if deferred_first == "KS-02" else "KS-02"
    expect(page.get_by_role("cell", name=other, exact=False).first).to_be_visible()
    expect(page.get_by_text("Pagu anggaran tahun 2026 sudah habis.").first).to_be_visible()
    chart = page.locator("#roadmap-chart[data-drawn='1']")  # the combined roadmap chart, drawn
    chart.scroll_into_view_if_needed()
    assert "Smart Living" in " ".join(chart.locator(".annotation-text").all_text_contents())
    save_screenshot(page, "roadmap-run")

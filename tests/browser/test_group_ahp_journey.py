"""Group AHP in a browser: Rina pastes her matrix, Budi picks his judgements, Budi adopts the group
weights; the group page fits a laptop and a phone without scrolling sideways."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kotacerdas.planning.analysis.actions import do_save_profile
from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

# Rina: impact twice as important as everything else, the rest equal (consistent, CR 0).
RINA = "\n".join(["1\t2\t2\t2\t2\t2"] + ["0,5" + "\t1" * 5] * 5)


def fits(page) -> None:  # type: ignore[no-untyped-def]
    scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert scroll <= inner, (scroll, inner)


def test_two_experts_and_budi_adopts_the_group_weights(page, budi, rina, region_a) -> None:  # type: ignore[no-untyped-def]
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    base = f"{page.base_url}/r/{region_a.code}/masterplan/prioritas/"

    log_in(page, "rina")
    page.goto(base + "pakar/")
    page.locator("#id_matrix").fill(RINA)
    page.get_by_role("button", name="Simpan penilaian saya").click()
    expect(page.get_by_text("Penilaian Anda disimpan (CR 0,000).")).to_be_visible()
    page.context.clear_cookies()

    log_in(page, "budi")
    page.goto(base + "pakar/")
    page.locator("#id_impact__urgency").select_option("9")
    page.locator("#id_urgency__readiness").select_option("9")
    page.locator("#id_impact__readiness").select_option("1/9")
    page.get_by_role("button", name="Simpan penilaian saya").click()
    expect(page.get_by_text("tidak di bawah 0,10").first).to_be_visible()
    expect(page.get_by_role("rowheader", name="Rina")).to_be_visible()
    expect(
        page.get_by_text("Dampak bagi warga dibandingkan dengan Urgensi: diberi nilai 9,00")
    ).to_be_visible()
    fits(page)
    page.get_by_role("button", name="Pakai bobot kelompok untuk masterplan").click()
    expect(page.get_by_text("Masterplan kini memakai bobot kelompok dari 2 pakar.")).to_be_visible()
    expect(page.get_by_text("Bobot kelompok ini dipakai masterplan.")).to_be_visible()
    save_screenshot(page, "group-ahp")
    page.set_viewport_size({"width": 390, "height": 844})
    fits(page)
    page.goto(base)
    expect(page.get_by_text("Metode: AHP kelompok")).to_be_visible()
    fits(page)

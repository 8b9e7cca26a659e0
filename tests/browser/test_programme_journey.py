"""The national programme in a real browser: Ayu opens a cohort, ranks and selects, records MoUs;
Rina reviews deliverables and Budi answers a return.

The selection assessments are completed and verified through the assessment app's actions
(kotacerdas.assessment.actions: start, answer, submit, Tono reviews and finishes), not clicked
through its pages: that journey is the assessment app's own browser test. Everything of the
programme is done through its pages.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import make_person
from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]
PDF_FILE = {
    "name": "nota-kesepakatan.pdf",
    "mimeType": "application/pdf",
    "buffer": b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n",
}


def switch_user(page, username: str) -> None:  # type: ignore[no-untyped-def]
    page.context.clear_cookies()
    log_in(page, username)


def test_ayu_selects_two_regions_and_records_their_mous(page, ayu, budi, dewi, tono) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.programme.models import Candidacy, Cohort
    from kotacerdas.programme.tests.journey import verified_assessment
    from kotacerdas.regions.models import Region

    wawan = make_person(ayu, "wawan", "coordinator", Region.objects.get(code="33.72"))
    log_in(page, "ayu")
    page.goto(page.base_url + "/program/kohort/baru/")
    page.get_by_label("Tahun").fill("2026")
    page.locator("#id_name").fill("Gerakan Smart City 2026")
    page.get_by_label("Kuota").fill("2")
    page.get_by_label("Instrumen seleksi (versi)").select_option("readiness-2019")
    for n, (start, end) in enumerate(
        [
            ("2026-06-01", "2026-06-02"),
            ("2026-07-06", "2026-07-07"),
            ("2026-08-03", "2026-08-04"),
            ("2026-09-07", "2026-09-08"),
        ],
        start=1,
    ):
        page.locator(f"#id_stage{n}_starts_on").fill(start)
        page.locator(f"#id_stage{n}_ends_on").fill(end)
    page.get_by_role("button", name="Buka kohort").click()
    expect(page.get_by_text("Kohort “Gerakan Smart City 2026” dibuka.")).to_be_visible()
    cohort = Cohort.objects.get(year=2026)

    page.get_by_label("Wilayah yang diundang").fill("33.73 34.04 33.72")
    page.get_by_role("button", name="Undang", exact=True).click()
    expect(page.get_by_text("3 wilayah diundang.")).to_be_visible()
    for code in ("33.73", "34.04", "33.72"):
        page.get_by_label("Kode wilayah").fill(code)
        page.get_by_label("Nama pengguna").fill("tono")
        page.get_by_role("button", name="Tugaskan asesor").click()
        expect(page.get_by_text("Asesor ditugaskan.")).to_be_visible()
    save_screenshot(page, "programme-cohort")

    # The three regions complete the selection assessment; Tono verifies (assessment app's actions).
    scores = {"33.73": (budi, 12), "34.04": (dewi, 6), "33.72": (wawan, 9)}
    assessments = {
        code: verified_assessment(ayu, who, tono, Region.objects.get(code=code), yes=k)
        for code, (who, k) in scores.items()
    }

    # Budi sees the invitation and links his region's verified assessment.
    switch_user(page, "budi")
    page.goto(page.base_url + f"/r/33.73/program/{cohort.pk}/")
    expect(page.get_by_text("wilayah ini diundang")).to_be_visible()
    page.get_by_label("Asesmen seleksi").select_option(str(assessments["33.73"].pk))
    page.get_by_role("button", name="Tautkan asesmen").click()
    expect(page.get_by_text("Asesmen seleksi ditautkan.")).to_be_visible()
    from kotacerdas.programme.actions.selection import do_link_assessment

    for code in ("34.04", "33.72"):
        do_link_assessment(ayu, Candidacy.objects.get(cohort=cohort, region__code=code), assessments[code].pk)

    switch_user(page, "ayu")
    page.goto(page.base_url + f"/program/kohort/{cohort.pk}/seleksi/")
    ranking = page.locator("#ranking tbody tr")
    assert [ranking.nth(i).locator("td").nth(1).inner_text() for i in range(3)] == ["33.73", "33.72", "34.04"]
    page.get_by_label("Kode wilayah").fill("34.04")
    page.get_by_label("Keputusan").select_option("include")
    page.get_by_label("Alasan").fill("Pemerataan wilayah: belum ada peserta dari DIY")
    page.get_by_role("button", name="Catat pengecualian").click()
    expect(page.get_by_text("Pengecualian dicatat untuk Kabupaten Sleman.")).to_be_visible()
    page.get_by_role("button", name="Pilih hingga kuota").click()
    expect(page.get_by_text("Seleksi ditetapkan: 2 wilayah terpilih.")).to_be_visible()
    sleman = page.locator("#ranking tbody tr", has_text="Kabupaten Sleman")
    # expect, not inner_text(): the rest of the page may still be arriving after the message above
    expect(sleman).to_contain_text("dimasukkan lewat pengecualian", use_inner_text=True)
    expect(sleman).to_contain_text("belum ada peserta dari DIY", use_inner_text=True)
    save_screenshot(page, "programme-selection")

    for code in ("33.73", "34.04"):
        page.goto(page.base_url + f"/r/{code}/program/{cohort.pk}/")
        page.get_by_label("Nomor Nota Kesepakatan").fill(f"NK-{code}/DJAI/2026")
        page.get_by_label("Tanggal tanda tangan").fill("2026-05-20")
        page.locator("#id_file").set_input_files(PDF_FILE)
        page.get_by_role("button", name="Catat Nota Kesepakatan").click()
        expect(page.get_by_text("Nota Kesepakatan dicatat.")).to_be_visible()

    page.goto(page.base_url + f"/program/kohort/{cohort.pk}/papan/")
    rows = page.locator("#stage-matrix tbody tr")
    assert rows.count() == 2
    for i in range(2):
        assert rows.nth(i).get_by_test_id("current-stage").inner_text() == "Bimtek I"
    assert sorted(rows.nth(i).locator("td").nth(1).inner_text() for i in range(2)) == [
        "Kabupaten Sleman",
        "Kota Salatiga",
    ]
    save_screenshot(page, "programme-stage-board")


def test_rina_approves_one_returns_another_and_budi_resubmits(page, ayu, budi, dewi, tono, rina) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.programme.tests.journey import selected_programme

    world = selected_programme(ayu, tono, rina, {"33.73": budi, "34.04": dewi})
    base = page.base_url + f"/r/33.73/program/{world['cohort'].pk}/"

    log_in(page, "budi")
    for title in ("SWOT per elemen", "Analisis kesiapan dan kesenjangan"):
        page.goto(base)
        page.get_by_role("link", name=title).click()
        page.get_by_label("Apa ini").fill(f"{title} (draf)")
        page.get_by_label("Tautan").fill("/r/33.73/")
        page.get_by_role("button", name="Tambah butir").click()
        expect(page.get_by_text("Butir ditambahkan.")).to_be_visible()
        page.get_by_role("button", name="Kirim untuk ditinjau").last.click()
        expect(page.get_by_text("Dikirim untuk ditinjau.")).to_be_visible()

    switch_user(page, "rina")
    page.goto(page.base_url + "/notifikasi/")
    expect(page.get_by_text("Kota Salatiga mengirim “SWOT per elemen” untuk ditinjau.")).to_be_visible()
    page.goto(base)
    page.get_by_role("link", name="SWOT per elemen").click()
    page.get_by_label("Keputusan").select_option("approved")
    page.get_by_role("button", name="Simpan tinjauan").click()
    expect(page.get_by_text("Luaran disetujui.")).to_be_visible()
    page.goto(base)
    page.get_by_role("link", name="Analisis kesiapan dan kesenjangan").click()
    page.get_by_label("Keputusan").select_option("returned")
    page.locator("#id_reason").fill("Lengkapi kesiapan infrastruktur digital")
    page.get_by_role("button", name="Simpan tinjauan").click()
    expect(page.get_by_text("Luaran dikembalikan untuk revisi.")).to_be_visible()

    switch_user(page, "budi")
    page.goto(page.base_url + "/notifikasi/")
    expect(
        page.get_by_text(re.compile("dikembalikan untuk revisi: Lengkapi kesiapan infrastruktur digital"))
    ).to_be_visible()
    page.goto(page.base_url + "/r/33.73/")  # the region's page gathers the programme card
    card = page.locator("#section-programme")
    assert card.get_by_test_id("region-current-stage").inner_text() == "Bimtek I"
    assert "Lengkapi kesiapan infrastruktur digital" in card.inner_text()
    save_screenshot(page, "region-programme-card")
    page.goto(base)
    returned = page.locator("#deliverables tbody tr", has_text="Analisis kesiapan dan kesenjangan")
    assert "Lengkapi kesiapan infrastruktur digital" in returned.inner_text()
    assert "dikembalikan untuk revisi" in returned.inner_text()
    returned.get_by_role("link").click()
    page.get_by_label("Apa ini").fill("Revisi kesiapan")
    page.get_by_label("Tautan").fill("/r/33.73/opd/")
    page.get_by_role("button", name="Tambah butir").click()
    page.get_by_label("Catatan untuk mentor").fill("Sudah dilengkapi")
    page.get_by_role("button", name="Kirim untuk ditinjau").last.click()
    # the page before the click had the status and the history too (one row fewer): expect waits for the
    # answer's page instead of reading whichever is there
    expect(page.get_by_test_id("deliverable-status")).to_have_text(
        "dikirim, menunggu tinjauan", use_inner_text=True
    )
    history = page.locator("#history tbody tr")
    expect(history).to_have_count(3)
    steps = [[history.nth(i).locator("td").nth(c).inner_text() for c in (1, 3, 4)] for i in range(3)]
    assert steps == [
        ["Budi", "dikirim, menunggu tinjauan", ""],
        ["Rina", "dikembalikan untuk revisi", "Lengkapi kesiapan infrastruktur digital"],
        ["Budi", "dikirim, menunggu tinjauan", "Sudah dilengkapi"],
    ]
    assert all(history.nth(i).locator("td").nth(0).inner_text() for i in range(3))  # when
    save_screenshot(page, "programme-deliverable-history")

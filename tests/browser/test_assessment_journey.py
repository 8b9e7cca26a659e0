"""Budi → Sari → Ayu → Tono take one readiness assessment to a verified result, in a real browser."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_pages_fit, log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

STRUKTUR = [
    "struktur.sdm.1",
    "struktur.sdm.2",
    "struktur.anggaran.1",
    "struktur.anggaran.2",
    "struktur.tata_kelola.1",
    "struktur.tata_kelola.2",
]
OTHERS = [
    "infrastruktur.fisik.1",
    "infrastruktur.digital.1",
    "infrastruktur.digital.2",
    "infrastruktur.sosial.1",
    "suprastruktur.regulasi.1",
    "suprastruktur.regulasi.2",
    "suprastruktur.kelembagaan.1",
    "suprastruktur.prosedur.1",
]
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def log_out(page) -> None:  # type: ignore[no-untyped-def]
    assert_pages_fit(page)  # while this person's session still holds
    page.get_by_role("button", name="Keluar").click()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def test_one_assessment_from_start_to_verified(page, tmp_path, ayu, budi, sari, tono, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.assessment.instruments import get_instrument
    from kotacerdas.assessment.models import Assessment
    from kotacerdas.assessment.presenters import export_values
    from kotacerdas.core.instruments import answer_text, export_answers_xlsx, import_answers_xlsx

    # Budi starts the assessment, assigns the struktur group to Dinkes and imports the rest
    log_in(page, "budi")
    page.get_by_role("link", name="Asesmen").first.click()
    page.get_by_label("Instrumen").select_option("readiness-2019")
    page.get_by_label("Judul").fill("Kesiapan Smart City 2026")
    page.get_by_label("Tenggat").fill("2026-12-31")
    page.get_by_label("Level target").fill("80")
    page.get_by_role("button", name="Mulai asesmen").click()
    expect(page.get_by_role("heading", name="Kesiapan Smart City 2026")).to_be_visible()
    page.get_by_role("link", name="Tugaskan indikator ke OPD").click()
    page.get_by_label("Kelompok atau indikator").select_option("struktur")
    page.get_by_label("OPD").select_option(label="Dinas Kesehatan")
    page.get_by_role("button", name="Tugaskan", exact=True).click()
    expect(page.get_by_text("6 indikator ditugaskan ke Dinas Kesehatan.")).to_be_visible()
    page.get_by_role("link", name="Kesiapan Smart City 2026").click()
    page.get_by_role("link", name="Impor jawaban (XLSX)").click()
    workbook = tmp_path / "jawaban.xlsx"
    workbook.write_bytes(
        export_answers_xlsx(get_instrument("readiness-2019"), {None: dict.fromkeys(OTHERS, "yes")})
    )
    page.get_by_label("Buku kerja jawaban (XLSX)").set_input_files(str(workbook))
    page.get_by_role("button", name="Impor", exact=True).click()
    expect(page.get_by_text("8 jawaban diimpor.")).to_be_visible()
    detail_url = page.url
    log_out(page)

    # Sari answers her six indicators, with an evidence file on the first
    log_in(page, "sari")
    page.goto(detail_url)
    expect(page.locator("text=milik Anda")).to_have_count(6)
    page.get_by_role("link", name=STRUKTUR[0]).click()
    page.locator("#id_value").select_option("yes")
    page.get_by_label("Penjelasan").fill("SK Wali Kota tentang tim smart city")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Jawaban disimpan.")).to_be_visible()
    evidence = tmp_path / "SK tim smart city.pdf"
    evidence.write_bytes(PDF)
    page.get_by_label("Berkas bukti").set_input_files(str(evidence))
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.get_by_text("Bukti “SK tim smart city.pdf” diunggah.")).to_be_visible()
    fake = tmp_path / "bukan-pdf.pdf"
    fake.write_bytes(b"MZ this is an executable" * 10)
    page.get_by_label("Berkas bukti").set_input_files(str(fake))
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.get_by_text("Jenis berkas ini tidak diterima")).to_be_visible()
    for code in STRUKTUR[1:]:
        page.goto(detail_url + f"jawaban/{code}/")
        page.locator("#id_value").select_option("yes")
        page.get_by_role("button", name="Simpan draf").click()
        expect(page.get_by_text("Jawaban disimpan.")).to_be_visible()
    log_out(page)

    # Budi submits
    log_in(page, "budi")
    page.goto(detail_url)
    page.get_by_role("button", name="Ajukan untuk verifikasi").click()
    expect(page.get_by_text("Diajukan untuk verifikasi. Nilai penilaian mandiri: 100,00.")).to_be_visible()
    log_out(page)

    # Ayu assigns Tono
    log_in(page, "ayu")
    page.goto(detail_url)
    page.get_by_label("Asesor").select_option(label="Tono")
    page.get_by_role("button", name="Tugaskan asesor").click()
    expect(page.get_by_text("Asesor ditugaskan.")).to_be_visible()
    log_out(page)

    # Tono reviews: one adjustment with a reason, a note, the rest accepted
    log_in(page, "tono")
    page.goto(detail_url)
    page.get_by_role("button", name="Mulai tinjauan").click()
    expect(page.get_by_role("heading", name="Antrean tinjauan")).to_be_visible()
    page.get_by_role("link", name=f"Sesuaikan atau kembalikan {OTHERS[5]}").click()
    page.get_by_label("Sesuaikan nilai").check()
    page.locator("#id_value").select_option("no")
    page.get_by_role("button", name="Catat keputusan").click()
    expect(page.get_by_text("Wajib diisi", exact=False).first).to_be_visible()  # no reason: refused
    page.get_by_label("Sesuaikan nilai").check()
    page.locator("#id_value").select_option("no")
    page.get_by_label("Alasan").fill("Smart city belum tercantum dalam RPJMD")
    page.get_by_role("button", name="Catat keputusan").click()
    expect(page.get_by_text(f"Keputusan untuk {OTHERS[5]} dicatat.")).to_be_visible()
    accept = page.get_by_role("button", name=re.compile(r"^Terima "))
    # count() does not wait: only the whole queue page is counted (a page still arriving has fewer rows),
    # and each accept is seen to take one button away
    page.wait_for_load_state()
    while left := accept.count():
        accept.first.click()
        expect(accept).to_have_count(left - 1)
        page.wait_for_load_state()
    save_screenshot(page, "assessment-queue")
    page.get_by_role("link", name="Kesiapan Smart City 2026").click()
    page.get_by_label("Catatan wawancara").fill("Wawancara dengan Kepala Diskominfo")
    page.get_by_role("button", name="Simpan catatan").click()
    page.get_by_role("button", name="Selesaikan tinjauan").click()

    # The verified result: radar chart, self-assessed beside verified
    expect(page.get_by_text(re.compile(r"Terverifikasi\. Nilai: "))).to_be_visible()
    expect(page.locator("svg.radar polygon.radar-series.verified")).to_have_count(1)
    expect(page.locator("svg.radar polygon.radar-series.self")).to_have_count(1)
    expect(page.get_by_role("cell", name="Struktur", exact=True)).to_be_visible()
    save_screenshot(page, "assessment-results")

    # The XLSX export re-imports to the same answers
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Ekspor XLSX").click()
    exported = Path(download_info.value.path()).read_bytes()
    assessment = Assessment.objects.get()
    imported = import_answers_xlsx(exported, get_instrument("readiness-2019"))[None]
    assert {code: answer_text(value) for code, value in imported.items()} == export_values(assessment)
    assert answer_text(imported[OTHERS[5]]) == "no"
    assert assessment.state == "verified"


def test_what_sari_types_survives_leaving_the_page(page, budi, sari, dinkes_a, region_a) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.assessment.actions import answering
    from kotacerdas.assessment.models import Answer

    assessment = answering.do_start_assessment(
        budi, region_a, instrument_id="readiness-2019", title="Kesiapan"
    )
    answering.do_assign(budi, assessment, code="struktur", opd=dinkes_a)
    address = f"{page.base_url}/r/{region_a.code}/asesmen/{assessment.pk}/jawaban/{STRUKTUR[0]}/"
    log_in(page, "sari")
    page.goto(address)
    page.get_by_label("Penjelasan").fill("Penjelasan panjang yang belum disimpan")
    page.goto(f"{page.base_url}/r/{region_a.code}/asesmen/{assessment.pk}/")
    page.goto(address)
    assert page.get_by_label("Penjelasan").input_value() == "Penjelasan panjang yang belum disimpan"
    expect(page.get_by_text("Draf dipulihkan dari peramban ini")).to_be_visible()
    page.locator("#id_value").select_option("no")
    page.get_by_role("button", name="Simpan draf").click()
    expect(page.get_by_text("Jawaban disimpan.")).to_be_visible()
    assert Answer.objects.get().explanation == "Penjelasan panjang yang belum disimpan"
    page.reload()
    expect(page.get_by_text("Draf dipulihkan dari peramban ini")).to_have_count(0)

"""Budi generates the books, Rina comments on a chapter and approves, Budi ratifies and publishes."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SCAN = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"


def generate_docx(page) -> None:  # type: ignore[no-untyped-def]
    page.goto(page.base_url + "/r/33.73/buku/")
    pdf = page.locator("input[name=formats][value=pdf]")
    if pdf.is_checked():
        pdf.uncheck()  # DOCX only keeps the journey fast; PDF is tested in kotacerdas/documents
    page.get_by_role("button", name="Buat", exact=True).click()


def test_books_journey(page, budi, rina, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    log_in(page, "budi")
    generate_docx(page)
    expect(page.get_by_role("heading", name="Buku, versi 1")).to_be_visible()
    expect(page.get_by_text("Masih perlu diisi")).to_be_visible()
    expect(page.get_by_role("link", name="Buku II Masterplan Smart City (DOCX)")).to_be_visible()

    # the record changes, then a second version
    page.goto(page.base_url + "/r/33.73/opd/")
    page.locator("#id_name").fill("Dinas Perhubungan")
    page.get_by_label("Nama singkat").fill("Dishub")
    page.get_by_role("button", name="Tambah OPD").click()
    generate_docx(page)
    expect(page.get_by_role("heading", name="Buku, versi 2")).to_be_visible()
    save_screenshot(page, "books-version")

    # Rina comments on a chapter and approves
    page.context.clear_cookies()
    log_in(page, "rina")
    page.goto(page.base_url + "/r/33.73/buku/v/2/")
    page.get_by_text("Buku II Masterplan Smart City · Rencana Anggaran").click()
    chapter = page.locator("details[open]")
    chapter.get_by_label("Komentar baru").fill("Mohon rincian anggaran per sumber pendanaan.")
    chapter.get_by_role("button", name="Kirim komentar").click()
    expect(page.get_by_text("Komentar terkirim.")).to_be_visible()
    # no plan adopted, texts not written: the blocking checks are listed; Rina approves with an exception
    expect(
        page.get_by_text("Belum ada jadwal yang diadopsi sebagai rencana yang ditetapkan.")
    ).to_be_visible()
    page.get_by_label("Setujui dengan pengecualian: alasannya (disimpan dalam riwayat versi)").fill(
        "Versi uji; kekurangan akan dilengkapi pada versi berikutnya."
    )
    page.get_by_role("button", name="Setujui dengan pengecualian").click()
    expect(page.get_by_text("Versi 2 disetujui.")).to_be_visible()
    expect(page.get_by_text("Versi uji; kekurangan akan dilengkapi pada versi berikutnya.")).to_be_visible()

    # Budi ratifies with the Perkada and publishes
    page.context.clear_cookies()
    log_in(page, "budi")
    page.goto(page.base_url + "/r/33.73/buku/v/2/")
    page.get_by_label("Nomor Perkada").fill("Peraturan Wali Kota Salatiga Nomor 12 Tahun 2026")
    page.get_by_label("Tanggal Perkada").fill("2026-11-20")
    page.get_by_label("Pindaian bertanda tangan (PDF, PNG, atau JPG)").set_input_files(
        files=[{"name": "perkada.pdf", "mimeType": "application/pdf", "buffer": SCAN}]
    )
    page.get_by_role("button", name="Catat pengesahan").click()
    expect(page.get_by_text("Pengesahan dicatat.")).to_be_visible()
    page.get_by_role("button", name="Publikasikan").click()
    expect(page.get_by_text("Versi 2 telah diterbitkan.")).to_be_visible()

    # the version history shows both versions and what changed in the data
    page.goto(page.base_url + "/r/33.73/buku/")
    expect(page.get_by_role("link", name="v1", exact=True)).to_be_visible()
    expect(page.get_by_role("link", name="v2", exact=True)).to_be_visible()
    save_screenshot(page, "books-history")
    page.get_by_role("link", name="Apa yang berubah").click()
    expect(page.get_by_role("cell", name="Perangkat daerah Dinas Perhubungan")).to_be_visible()
    expect(page.get_by_role("cell", name="ditambahkan").first).to_be_visible()

    # anyone reads the published books
    page.context.clear_cookies()
    page.goto(page.base_url + "/publik/r/33.73/buku/")
    expect(page.get_by_text("Peraturan Wali Kota Salatiga Nomor 12 Tahun 2026")).to_be_visible()
    expect(page.get_by_role("link", name="Buku I Analisis Strategis (DOCX)")).to_be_visible()

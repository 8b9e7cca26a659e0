"""Citizen participation in a real browser (issue 16, acceptance 4): Warga registers and verifies her
e-mail from the mail outbox, posts an idea in Budi's open consultation, a second citizen supports it,
Budi closes the phase and a third citizen is offered no support, Budi promotes the idea to problem M-05
and links initiative LIV-01, and Warga follows the chain to the KPI's approved value.

The plan (initiative LIV-01, its KPI and an approved 2026 value) is built through the actions."""

from __future__ import annotations

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.conftest import assert_pages_fit, save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def citizen_log_in(page, email: str) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.participation.conftest import CITIZEN_PASSWORD

    assert_pages_fit(page)
    page.context.clear_cookies()
    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill(email)
    page.get_by_label("Kata sandi").fill(CITIZEN_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_an_idea_from_sign_up_to_the_approved_kpi(page, budi, sari, region_a, dinkes_a) -> None:  # type: ignore[no-untyped-def]
    from conftest import PASSWORD
    from kotacerdas.participation.actions.setup import do_add_phase, do_create_consultation
    from kotacerdas.participation.conftest import CITIZEN_PASSWORD, make_citizen
    from kotacerdas.participation.tests.test_moderation import _initiative_with_approved_kpi

    consultation = do_create_consultation(budi, region_a, title="Masalah kota Salatiga")
    today = timezone.localdate()
    do_add_phase(
        budi,
        consultation,
        name="Pengumpulan masalah — Bimtek I",
        starts_on=today,
        ends_on=today + timedelta(days=14),
    )
    _initiative_with_approved_kpi(budi, sari, region_a, dinkes_a, None)
    make_citizen("Citra Warga", "citra@example.org")
    make_citizen("Dodi Warga", "dodi@example.org")

    # Warga registers and verifies her e-mail
    page.goto(page.base_url + "/partisipasi/daftar/")
    # the form and the privacy note sit in two columns; the form is never cut between them
    name, register = (
        page.locator("#id_name").bounding_box(),
        page.get_by_role("button", name="Daftar").bounding_box(),
    )
    privacy = page.get_by_role("heading", name="Data pribadi Anda").bounding_box()
    assert name and register and privacy and abs(register["x"] - name["x"]) < 2 < privacy["x"] - register["x"]
    page.locator("#id_name").fill("Andi Warga")
    page.locator("#id_email").fill("andi@example.org")
    page.locator("#id_password").fill(CITIZEN_PASSWORD)
    page.locator("#id_consent").check()
    page.locator("#id_captcha_1").fill("PASSED")
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("Kami mengirim tautan verifikasi")).to_be_visible()
    link = re.search(r"https?://\S+/partisipasi/verifikasi/\S+/", mail.outbox[-1].body).group(0)
    page.goto(link)
    expect(page.get_by_test_id("verified")).to_be_visible()

    # … and posts an idea in Budi's open consultation
    citizen_log_in(page, "andi@example.org")
    page.goto(page.base_url + consultation.get_absolute_url())
    page.get_by_role("link", name="Kirim masalah atau ide").click()
    page.locator("#id_kind_1").check()
    page.locator("#id_title").fill("Lampu jalan pintar di Sidorejo")
    page.locator("#id_text").fill("Banyak lampu jalan mati; lampu pintar bisa melapor sendiri saat rusak.")
    page.locator("#id_element").select_option("environment.protection")
    page.locator("#id_kecamatan").fill("Sidorejo")
    page.locator("#id_captcha_1").fill("PASSED")
    page.get_by_role("button", name="Kirim", exact=True).click()
    expect(page.get_by_text("Terima kasih, ide Anda sudah dikirim.")).to_be_visible()
    idea_url = page.url

    # a second citizen supports it
    citizen_log_in(page, "citra@example.org")
    page.goto(idea_url)
    page.get_by_role("button", name="Dukung ide ini").click()
    # the page before the click showed the count too (0): expect waits for the answer's page
    expect(page.get_by_test_id("support-count")).to_have_text("1", use_inner_text=True)

    # Budi closes the phase; a third citizen is offered no support any more
    page.context.clear_cookies()
    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill("budi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(page.base_url + f"/r/33.73/partisipasi/{consultation.pk}/")
    page.get_by_role("button", name="Tutup sekarang").click()
    expect(page.get_by_text("Tahap ditutup.")).to_be_visible()
    citizen_log_in(page, "dodi@example.org")
    page.goto(idea_url)
    expect(page.get_by_test_id("support-count")).to_be_visible()
    expect(page.get_by_role("button", name="Dukung ide ini")).to_have_count(0)  # a closed phase offers none
    assert page.get_by_test_id("support-count").inner_text() == "1"

    # Budi promotes it to problem M-05 and links initiative LIV-01
    page.context.clear_cookies()
    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill("budi")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(idea_url)
    page.get_by_role("link", name="Moderasi").click()
    page.locator("#id_promote-code").fill("M-05")
    page.locator("#id_promote-title").fill("Penerangan jalan sering mati")
    page.get_by_role("button", name="Angkat", exact=True).click()
    expect(page.get_by_text("Diangkat ke daftar masalah.")).to_be_visible()
    page.locator("#id_link-initiative").select_option(label="LIV-01 Lampu jalan pintar")
    page.get_by_role("button", name="Tautkan inisiatif", exact=True).click()
    expect(page.get_by_text("Inisiatif ditautkan.")).to_be_visible()
    # the public sees only published figures: Budi publishes the portal with the approved value
    page.goto(page.base_url + "/r/33.73/portal/")
    page.get_by_role("button", name="Terbitkan portal").click()
    expect(page.get_by_text("Portal diterbitkan")).to_be_visible()

    # Warga follows the chain to the approved KPI value, as the portal published it
    citizen_log_in(page, "andi@example.org")
    page.goto(idea_url)
    assert page.get_by_test_id("problem-code").inner_text() == "M-05"
    assert page.get_by_test_id("initiative-code").inner_text() == "LIV-01"
    assert page.get_by_test_id("kpi-actual").inner_text() == "75"
    save_screenshot(page, "participation-idea")

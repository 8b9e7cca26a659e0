"""Each person lands on a home page that fits their role."""

import pytest
from django.test import Client
from django.urls import reverse

from conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_the_public_landing_page() -> None:
    body = Client().get("/").content.decode()
    assert "Satu catatan untuk seluruh masterplan Smart City" in body
    assert ">416<" in body and ">98<" in body and ">38<" in body
    assert 'href="/masuk/"' in body


def test_a_citizen_finds_the_published_plans_participation_and_open_data_from_the_landing() -> None:
    body = Client().get("/").content.decode()
    assert f'href="{reverse("portal:national")}">Baca masterplan yang diterbitkan</a>' in body
    participation = reverse("participation:index")
    assert f'<a href="{participation}">Partisipasi warga</a></strong> — kirim masalah' in body
    assert f'<a href="{reverse("portal:data_index")}">Data terbuka</a></strong>' in body
    nav = body[body.index('class="mainnav"') : body.index("</nav>")]
    assert f'<a href="{reverse("portal:national")}">Portal publik</a>' in nav


def test_ayu_sees_all_regions_and_the_admin_menu(as_ayu, budi, dewi) -> None:
    body = as_ayu.get("/").content.decode()
    assert "Ikhtisar nasional" in body
    assert ">514<" in body
    assert "Kota Salatiga" in body and "Kabupaten Sleman" in body
    assert reverse("accounts:user_list") in body
    assert reverse("audit:log") in body
    assert f'<a href="{reverse("monitoring:national")}">Kelengkapan monitoring</a>' in body


def test_the_size_class_cards_go_from_small_to_large(as_ayu) -> None:
    body = as_ayu.get("/").content.decode()
    cards = [body.index(f"<p>{size}</p>") for size in ("kecil", "sedang", "besar", "metropolitan")]
    assert cards == sorted(cards)
    schemes = as_ayu.get(reverse("regions:size_schemes")).content.decode()
    counts = schemes[schemes.rindex("<ul>") :]
    listed = [counts.index(f"<li>{size}:") for size in ("kecil", "sedang", "besar", "metropolitan")]
    assert listed == sorted(listed)


def test_budi_sees_his_region_and_not_the_others(as_budi, dewi) -> None:
    body = as_budi.get("/").content.decode()
    assert "Kota Salatiga" in body
    assert "Kabupaten Sleman" not in body
    assert "Kelola OPD" in body
    assert reverse("accounts:user_list") not in body


def test_budi_sees_his_team_in_the_workspace(as_budi, sari, tono, rina) -> None:
    body = as_budi.get(reverse("regions:workspace", args=["33.73"])).content.decode()
    for name, role in [("Sari", "Kontributor OPD"), ("Tono", "Asesor"), ("Rina", "Mentor")]:
        assert name in body and role in body


def test_sari_sees_her_opd(as_sari) -> None:
    body = as_sari.get("/").content.decode()
    assert "OPD saya" in body
    assert "Dinas Kesehatan" in body


def test_a_person_without_a_role_is_told_what_to_do(ayu) -> None:
    from kotacerdas.accounts.actions import do_create_user

    nobody = do_create_user(ayu, username="warga", password="warga-kota-2026")
    body = logged_in(nobody).get("/").content.decode()
    assert "Anda belum memiliki peran" in body


def test_the_language_switches_to_english_and_back(as_budi) -> None:
    response = as_budi.post(reverse("set_language"), {"language": "en", "next": "/"}, follow=True)
    body = response.content.decode()
    assert '<html lang="en">' in body
    assert "Welcome, Budi" in body
    response = as_budi.post(reverse("set_language"), {"language": "id", "next": "/"}, follow=True)
    assert "Selamat datang, Budi" in response.content.decode()


def test_the_catalogue_filters_regions(db) -> None:
    body = Client().get(reverse("regions:catalogue"), {"province": "33", "kind": "kota"}).content.decode()
    assert "Kota Salatiga" in body
    assert "Kabupaten Sleman" not in body
    assert "6 wilayah" in body


def test_static_assets_are_local() -> None:
    body = Client().get("/").content.decode()
    assert "/static/kotacerdas/app.css" in body
    assert "http://" not in body.replace("http://www.w3.org", "")
    assert "https://" not in body


def test_indonesian_is_the_default_even_for_an_english_browser(db) -> None:
    body = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").get("/").content.decode()
    assert '<html lang="id">' in body
    assert "Satu catatan untuk seluruh masterplan Smart City" in body

"""Socialisation events: Budi adds, edits and deletes them; bad input is a 400 naming the field."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.portal.models import Event, EventFile
from kotacerdas.portal.tests.builders import PDF, event

FORM = {
    "title": "Sosialisasi Buku II",
    "held_on": "2026-11-12",
    "place": "Aula Bappeda",
    "from_government": "30",
    "from_business": "10",
    "from_academia": "8",
    "from_community": "12",
    "from_media": "2",
    "head_count": "65",
}


@pytest.mark.django_db
def test_budi_adds_an_event(budi, region_a) -> None:
    response = logged_in(budi).post(
        reverse("portal:events", kwargs={"code": region_a.code}), FORM, follow=True
    )
    assert "Acara ditambahkan." in response.content.decode()
    saved = Event.objects.get()
    assert (saved.region, saved.head_count, saved.from_media, saved.created_by) == (region_a, 65, 2, budi)


@pytest.mark.django_db
def test_a_head_count_below_the_groups_is_refused_on_its_field(budi, region_a) -> None:
    response = logged_in(budi).post(
        reverse("portal:events", kwargs={"code": region_a.code}), {**FORM, "head_count": "20"}
    )
    assert response.status_code == 400
    assert (
        "Jumlah peserta lebih kecil daripada jumlah kelompok pemangku kepentingan."
        in response.content.decode()
    )
    assert 'id="id_head_count_error"' in response.content.decode()
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_text_in_a_count_is_a_400_not_a_500(budi, region_a) -> None:
    response = logged_in(budi).post(
        reverse("portal:events", kwargs={"code": region_a.code}), {**FORM, "from_media": "banyak"}
    )
    assert response.status_code == 400 and not Event.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize("typo", ["0001-01-01", "9999-12-31", "0226-11-12"])
def test_a_date_far_in_the_past_or_future_is_refused_on_its_field(budi, region_a, typo) -> None:
    response = logged_in(budi).post(
        reverse("portal:events", kwargs={"code": region_a.code}), {**FORM, "held_on": typo}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "Masukkan tanggal antara tahun 1900 dan 2100." in page
    assert 'id="id_held_on_error"' in page and 'value="Sosialisasi Buku II"' in page
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_a_date_out_of_range_is_named_in_english_too(budi, region_a) -> None:
    client = logged_in(budi)
    client.cookies["django_language"] = "en"
    response = client.post(
        reverse("portal:events", kwargs={"code": region_a.code}), {**FORM, "held_on": "9999-12-31"}
    )
    assert response.status_code == 400
    assert "Enter a date between the years 1900 and 2100." in response.content.decode()


@pytest.mark.django_db
def test_budi_edits_an_event_and_a_stale_form_is_refused(budi, region_a) -> None:
    item = event(budi, region_a)
    url = reverse("portal:event", kwargs={"code": region_a.code, "event_id": item.pk})
    client = logged_in(budi)
    assert client.post(url, {**FORM, "place": "Gedung DPRD", "version": item.version}).status_code == 302
    item.refresh_from_db()
    assert item.place == "Gedung DPRD"
    stale = client.post(url, {**FORM, "place": "Balai Kota", "version": item.version - 1})
    assert stale.status_code == 400
    item.refresh_from_db()
    assert item.place == "Gedung DPRD"


@pytest.mark.django_db
def test_materials_follow_the_upload_rules(budi, region_a) -> None:
    item = event(budi, region_a)
    url = reverse("portal:event_file_add", kwargs={"code": region_a.code, "event_id": item.pk})
    client = logged_in(budi)
    fake = SimpleUploadedFile("foto.png", b"not an image", content_type="image/png")
    refused = client.post(url, {"kind": "photo", "upload": fake})
    assert refused.status_code == 400
    assert "Jenis berkas ini tidak diterima" in refused.content.decode()
    pdf = SimpleUploadedFile("paparan.pdf", PDF, content_type="application/pdf")
    assert client.post(url, {"kind": "material", "upload": pdf, "is_public": "on"}).status_code == 302
    added = EventFile.objects.get()
    assert (added.format, added.is_public, added.label) == ("pdf", True, "paparan.pdf")
    download = client.get(reverse("portal:event_file", kwargs={"code": region_a.code, "file_id": added.pk}))
    assert download.status_code == 200 and b"".join(download.streaming_content) == PDF


@pytest.mark.django_db
def test_budi_deletes_an_event_and_sari_may_not(budi, sari, region_a) -> None:
    item = event(budi, region_a)
    url = reverse("portal:event_delete", kwargs={"code": region_a.code, "event_id": item.pk})
    assert logged_in(sari).post(url).status_code == 403
    assert logged_in(budi).post(url).status_code == 302
    assert not Event.objects.exists()


@pytest.mark.django_db
def test_events_are_counted_on_ayus_dashboard(ayu, budi, dewi, region_a, region_b) -> None:
    event(budi, region_a)
    event(budi, region_a, head_count=100)
    event(dewi, region_b)
    page = logged_in(ayu).get(reverse("programme:dashboard")).content.decode()
    assert 'id="figures"' in page
    assert "Acara sosialisasi" in page and "Orang yang dijangkau sosialisasi" in page
    assert ">3<" in page and ">230<" in page


@pytest.mark.django_db
def test_the_public_page_dates_an_event_as_the_pages_do_not_as_stored(budi, region_a) -> None:
    from django.test import Client

    from kotacerdas.portal.actions import do_publish_portal

    event(budi, region_a)  # held on 12 November 2026; the snapshot keeps "2026-11-12"
    do_publish_portal(budi, region_a, parts=["events"])
    client = Client()
    page = client.get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    assert '<p class="muted">12 Nov 2026 · ' in page and "2026-11-12" not in page
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    page = client.get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    assert '<p class="muted">12 Nov 2026 · ' in page

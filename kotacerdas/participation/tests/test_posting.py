"""A verified citizen posts inside an open phase, within the limits; numbers are held for redaction."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from kotacerdas.audit.models import AuditEntry
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Idea

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64

FORM = {
    "kind": "idea",
    "title": "Aplikasi lapor sampah",
    "text": "Warga bisa melaporkan tumpukan sampah liar dengan foto dan lokasi.",
    "element": "environment.waste",
    "kecamatan": "Tingkir",
    "captcha_0": "x",
    "captcha_1": "PASSED",
}


def _post(client: Client, consultation, **changes):
    return client.post(reverse("participation:submit", args=[consultation.pk]), FORM | changes)


def test_it_posts_an_idea_with_a_photo(as_warga, consultation) -> None:
    photo = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    response = _post(as_warga, consultation, photo=photo)
    idea = Idea.objects.get()
    assert response.status_code == 302
    assert response.url == idea.get_absolute_url()
    assert (idea.dimension, idea.state, idea.author_name, idea.photo_type) == (
        "environment",
        "published",
        "Andi Warga",
        "png",
    )
    public = Client().get(idea.get_absolute_url()).content.decode()
    assert "Aplikasi lapor sampah" in public
    assert Client().get(reverse("participation:photo", args=[idea.pk])).status_code == 200


def test_a_photo_of_another_type_is_refused(as_warga, consultation) -> None:
    fake = SimpleUploadedFile("foto.png", b"MZ not an image", content_type="image/png")
    response = _post(as_warga, consultation, photo=fake)
    assert response.status_code == 400
    assert "Jenis berkas ini tidak diterima" in response.content.decode()
    assert not Idea.objects.exists()


def test_outside_an_open_phase_nothing_is_posted(as_warga, consultation, budi) -> None:
    from kotacerdas.participation.actions.setup import do_close_phase

    do_close_phase(budi, consultation.phases.get())
    response = _post(as_warga, consultation)
    assert response.status_code == 400
    assert "Konsultasi ini sedang tidak menerima ide" in response.content.decode()
    assert not Idea.objects.exists()


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("text", "Pendek", "Tulis paling sedikit 20 karakter."),
        ("text", "x" * 2001, "2000 karakter"),
        ("title", "y" * 121, "120 karakter"),
    ],
)
def test_length_limits(as_warga, consultation, field, value, message) -> None:
    response = _post(as_warga, consultation, **{field: value})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not Idea.objects.exists()


def test_it_suggests_similar_ideas_before_posting(as_warga, warga2, consultation) -> None:
    existing = post_idea(warga2, consultation, title="Aplikasi pelaporan sampah", text=FORM["text"])
    response = _post(as_warga, consultation)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ide serupa yang sudah dikirim" in page
    assert existing.get_absolute_url() in page
    assert Idea.objects.count() == 1
    assert _post(as_warga, consultation, confirm_new="on").status_code == 302
    assert Idea.objects.count() == 2


def test_a_nik_or_phone_number_holds_the_idea(as_warga, consultation) -> None:
    response = _post(as_warga, consultation, text="Hubungi saya di 0812-3456-7890 soal sampah di gang kami.")
    idea = Idea.objects.get()
    assert (response.status_code, idea.state) == (302, "held")
    assert Client().get(idea.get_absolute_url()).status_code == 404
    assert "Ditahan" in as_warga.get(idea.get_absolute_url()).content.decode()
    listing = Client().get(consultation.get_absolute_url()).content.decode()
    assert "Aplikasi lapor sampah" not in listing
    entry = AuditEntry.objects.get(action="participation.idea.submit")
    assert "0812" not in str(entry.after)  # the audit log keeps no personal number


def test_ideas_per_account_are_limited(as_warga, consultation, settings) -> None:
    settings.PARTICIPATION_RATE_LIMITS = {"idea": (2, 100)}
    for n in (1, 2):
        assert (
            _post(as_warga, consultation, title=f"Ide nomor {n} berbeda", confirm_new="on").status_code == 302
        )
    response = _post(as_warga, consultation, title="Ide nomor tiga", confirm_new="on")
    assert response.status_code == 400
    assert "batas 2 per jam" in response.content.decode()
    assert Idea.objects.count() == 2


def test_ideas_per_address_are_limited(warga, warga2, consultation, settings) -> None:
    from conftest import logged_in

    settings.PARTICIPATION_RATE_LIMITS = {"idea": (100, 1)}
    assert _post(logged_in(warga), consultation).status_code == 302
    response = _post(logged_in(warga2), consultation, title="Ide lain sama sekali", confirm_new="on")
    assert response.status_code == 400
    assert "Terlalu banyak kiriman dari jaringan Anda" in response.content.decode()


def test_comments(as_warga, warga2, idea, consultation) -> None:
    from conftest import logged_in

    url = reverse("participation:comment", args=[idea.pk])
    assert logged_in(warga2).post(url, {"text": "Setuju, di gang saya juga."}).status_code == 302
    assert logged_in(warga2).post(url, {"text": "NIK saya 3373010101010001"}).status_code == 302
    page = Client().get(idea.get_absolute_url()).content.decode()
    assert "Setuju, di gang saya juga." in page
    assert "3373010101010001" not in page
    consultation.phases.update(ends_on=timezone.localdate() - timedelta(days=1))
    response = as_warga.post(url, {"text": "Terlambat"})
    assert response.status_code == 400
    assert "Tahap sudah ditutup: komentar tidak diterima lagi." in response.content.decode()

"""A photo attached to an idea survives the form being shown again (similar ideas, a wrong captcha):
it is kept for the citizen who sent it and posted with the idea."""

from __future__ import annotations

import re

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from conftest import logged_in
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Idea
from kotacerdas.participation.tests.test_posting import FORM, PNG

pytestmark = pytest.mark.django_db
KEPT = "Foto Anda “lampu.png” disimpan dan akan dikirim bersama ide"


@pytest.fixture(autouse=True)
def _own_media(settings, tmp_path) -> None:
    settings.MEDIA_ROOT = tmp_path  # the kept folder holds only this test's photos


def _photo() -> SimpleUploadedFile:
    return SimpleUploadedFile("lampu.png", PNG, content_type="image/png")


def _token(page: str) -> str:
    found = re.search(r'<input type="hidden" name="kept_photo" value="([^"]+)">', page)
    assert found, "the page carries the kept photo"
    return found.group(1)


def _submit(client: Client, consultation, **changes):
    return client.post(reverse("participation:submit", args=[consultation.pk]), FORM | changes)


def test_the_photo_is_kept_across_the_similar_ideas_question(
    warga, warga2, consultation, django_capture_on_commit_callbacks
) -> None:
    post_idea(warga2, consultation, title="Aplikasi pelaporan sampah", text=FORM["text"])
    client = logged_in(warga)
    asked = _submit(client, consultation, photo=_photo())
    page = asked.content.decode()
    assert (asked.status_code, "Ide serupa yang sudah dikirim" in page, KEPT in page) == (200, True, True)
    with django_capture_on_commit_callbacks(execute=True):
        posted = _submit(client, consultation, confirm_new="on", kept_photo=_token(page))
    idea = Idea.objects.get(author=warga)
    assert (posted.status_code, posted.url, idea.photo_type) == (302, idea.get_absolute_url(), "png")
    photo = Client().get(reverse("participation:photo", args=[idea.pk]))
    assert b"".join(photo.streaming_content) == PNG  # type: ignore[attr-defined]
    assert default_storage.listdir("participation/kept")[1] == []  # the kept copy is gone


def test_the_photo_is_kept_when_the_captcha_is_wrong(as_warga, consultation) -> None:
    wrong = _submit(as_warga, consultation, photo=_photo(), captcha_1="SALAH")
    page = wrong.content.decode()
    assert wrong.status_code == 400 and KEPT in page
    assert _submit(as_warga, consultation, kept_photo=_token(page)).status_code == 302
    assert Idea.objects.get().photo_type == "png"


def test_someone_elses_kept_photo_is_refused(warga, warga2, consultation) -> None:
    post_idea(warga2, consultation, title="Aplikasi pelaporan sampah", text=FORM["text"])
    token = _token(_submit(logged_in(warga), consultation, photo=_photo()).content.decode())
    response = _submit(
        logged_in(warga2), consultation, title="Aplikasi lain", confirm_new="on", kept_photo=token
    )
    assert response.status_code == 400
    assert (
        "Foto yang Anda lampirkan sebelumnya sudah kedaluwarsa; lampirkan lagi." in response.content.decode()
    )
    assert not Idea.objects.filter(author=warga2, title="Aplikasi lain").exists()


def test_the_daily_chore_deletes_kept_photos_nobody_posted(warga, warga2, consultation) -> None:
    """A citizen who gave up after the similar-ideas question leaves a photo (personal data) on disk:
    the daily chore removes it once its reference has expired, even if nobody keeps another photo."""
    import os
    import time
    from datetime import date

    from kotacerdas.jobs import chores

    post_idea(warga2, consultation, title="Aplikasi pelaporan sampah", text=FORM["text"])
    _token(_submit(logged_in(warga), consultation, photo=_photo()).content.decode())
    [stored] = default_storage.listdir("participation/kept")[1]
    assert chores.run_due(date(2026, 12, 6))["participation.kept-photos"] == "done: 0"  # still fresh
    three_hours_ago = time.time() - 3 * 3600
    os.utime(default_storage.path(f"participation/kept/{stored}"), (three_hours_ago, three_hours_ago))
    assert chores.run_due(date(2026, 12, 7))["participation.kept-photos"] == "done: 1"
    assert default_storage.listdir("participation/kept")[1] == []

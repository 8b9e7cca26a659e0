"""What the pages offer is what the person may do now: staff are told why they cannot take part, a
closed phase offers nothing, a citizen does not support her own idea, a comment to correct stays at
the idea's address."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in
from kotacerdas.participation.actions.setup import do_add_phase, do_close_phase
from kotacerdas.participation.models import Comment, Support

pytestmark = pytest.mark.django_db
STAFF = "Akun Anda adalah akun petugas, bukan akun warga"
NOT_A_CITIZEN = "Daftar sebagai warga untuk berpartisipasi."
NOT_ACCEPTING = "Konsultasi ini sedang tidak menerima ide (tidak ada tahap yang terbuka)."


def _support_form(idea) -> str:
    return f'action="{reverse("participation:support", args=[idea.pk])}"'


def _phase_cells(page: str) -> list[list[str]]:
    rows = re.findall(
        r"<tr><td>[^<]*<span class=\"tag\"[^>]*>[^<]*</span></td><td>[^<]*</td>(.*?)</tr>", page, re.S
    )
    return [re.findall(r"<td>([^<]*)</td>", row) for row in rows]


def test_a_staff_member_is_told_why_she_cannot_take_part(sari, consultation, idea) -> None:
    client = logged_in(sari)
    listing = client.get(consultation.get_absolute_url()).content.decode()
    assert STAFF in listing
    assert "Daftar untuk berpartisipasi" not in listing and "?next=" not in listing
    page = client.get(idea.get_absolute_url()).content.decode()
    assert STAFF in page
    assert _support_form(idea) not in page and 'id="comment-form"' not in page
    submit = client.get(reverse("participation:submit", args=[consultation.pk])).content.decode()
    assert STAFF in submit and "captcha" not in submit


def test_a_staff_members_refusal_says_why_and_keeps_her_comment(sari, idea, caplog) -> None:
    client = logged_in(sari)
    with caplog.at_level(logging.WARNING):
        support = client.post(reverse("participation:support", args=[idea.pk]))
        comment = client.post(idea.get_absolute_url(), {"text": "Lampu di gang saya juga mati."})
    assert support.status_code == comment.status_code == 403
    assert NOT_A_CITIZEN in support.content.decode()
    body = comment.content.decode()
    assert NOT_A_CITIZEN in body
    assert ">\nLampu di gang saya juga mati.</textarea>" in body
    assert not Support.objects.exists() and not Comment.objects.exists()
    assert [r for r in caplog.records if r.exc_info] == []  # an answer, not a traceback in the log


def test_after_budi_closes_the_phase_nothing_is_offered(budi, warga, warga2, idea, consultation) -> None:
    do_close_phase(budi, consultation.phases.get())
    page = logged_in(warga2).get(idea.get_absolute_url()).content.decode()
    assert _support_form(idea) not in page and 'id="comment-form"' not in page
    submit = logged_in(warga).get(reverse("participation:submit", args=[consultation.pk]))
    body = submit.content.decode()
    assert NOT_ACCEPTING in body
    assert "captcha" not in body and 'name="title"' not in body
    listing = logged_in(warga).get(consultation.get_absolute_url()).content.decode()
    assert _phase_cells(listing) == [["tidak", "tidak", "tidak"]]


def test_the_phase_table_says_what_is_possible_now(budi, consultation) -> None:
    later = timezone.localdate() + timedelta(days=40)
    do_add_phase(
        budi,
        consultation,
        name="Tanggapan",
        starts_on=later,
        ends_on=later,
        ideas_open=False,
        comments_open=True,
    )
    page = logged_in(budi).get(consultation.get_absolute_url()).content.decode()
    assert _phase_cells(page) == [["ya", "ya", "ya"], ["tidak", "belum", "belum"]]


def test_a_citizen_does_not_support_her_own_idea(warga, idea) -> None:
    client = logged_in(warga)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert _support_form(idea) not in page
    assert "Ini ide Anda: warga lain dapat mendukungnya." in page
    response = client.post(reverse("participation:support", args=[idea.pk]))
    assert response.status_code == 400
    assert "Anda tidak dapat mendukung ide Anda sendiri; warga lain dapat." in response.content.decode()
    assert not Support.objects.exists()


def test_a_comment_to_correct_is_shown_at_the_ideas_address(warga2, idea) -> None:
    client = logged_in(warga2)
    page = client.get(idea.get_absolute_url()).content.decode()
    assert f'<form method="post" action="{idea.get_absolute_url()}" id="comment-form"' in page
    short = client.post(idea.get_absolute_url(), {"text": "x"})
    assert short.status_code == 400
    assert "Tulis paling sedikit 2 karakter." in short.content.decode()
    posted = client.post(idea.get_absolute_url(), {"text": "Setuju, segera diperbaiki."})
    assert (posted.status_code, posted.url) == (302, idea.get_absolute_url())
    assert Comment.objects.get().text == "Setuju, segera diperbaiki."

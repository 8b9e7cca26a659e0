"""Every field a citizen writes is checked at once and for personal numbers (the kecamatan is public
too); a moderator's reason is refused when too long, never cut short."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.participation.actions.moderation import do_decline_idea, do_hide
from kotacerdas.participation.conftest import post_idea
from kotacerdas.participation.models import Idea
from kotacerdas.participation.tests.test_posting import FORM

pytestmark = pytest.mark.django_db


def test_every_field_error_shows_at_once(as_warga, consultation) -> None:
    response = as_warga.post(
        reverse("participation:submit", args=[consultation.pk]), FORM | {"title": "Abc", "text": "Pendek"}
    )
    body = response.content.decode()
    assert response.status_code == 400
    assert '<p class="error" id="id_title_error">Tulis paling sedikit 5 karakter.</p>' in body
    assert '<p class="error" id="id_text_error">Tulis paling sedikit 20 karakter.</p>' in body
    assert not Idea.objects.exists()


def test_a_phone_number_in_the_kecamatan_holds_the_idea_until_redacted(warga, budi, consultation) -> None:
    from conftest import logged_in

    held = post_idea(warga, consultation, kecamatan="Sidorejo, hubungi 0812-3456-7890")
    assert held.state == "held"
    assert Client().get(held.get_absolute_url()).status_code == 404
    listing = Client().get(f"/api/v1/participation/consultations/{consultation.pk}/ideas").json()
    assert listing["count"] == 0
    entry = AuditEntry.objects.get(action="participation.idea.submit")
    assert "0812" not in str(entry.after)
    url = reverse("participation:idea_redact", args=[held.region.code, held.pk])
    sent = {"redact-title": held.title, "redact-text": held.text}
    still = logged_in(budi).post(url, sent | {"redact-kecamatan": held.kecamatan})
    assert still.status_code == 400
    assert "Teks masih memuat NIK atau nomor telepon." in still.content.decode()
    fixed = logged_in(budi).post(url, sent | {"redact-kecamatan": "Sidorejo, hubungi [disamarkan]"})
    assert fixed.status_code == 302
    held.refresh_from_db()
    assert (held.state, held.kecamatan) == ("published", "Sidorejo, hubungi [disamarkan]")


def test_a_hide_reason_longer_than_kept_is_refused_not_cut(as_budi, budi, idea) -> None:
    url = reverse("participation:idea_hide", args=[idea.region.code, idea.pk])
    response = as_budi.post(url, {"hide-reason": "x" * 301})
    assert response.status_code == 400
    assert "paling banyak 300 karakter" in response.content.decode()
    with pytest.raises(ValidationError) as refused:
        do_hide(budi, idea, reason="y" * 301)
    assert refused.value.message_dict == {"reason": ["Tulis paling banyak 300 karakter."]}
    idea.refresh_from_db()
    assert (idea.state, idea.hidden_reason) == ("published", "")
    do_hide(budi, idea, reason="z" * 300)
    assert Idea.objects.get(pk=idea.pk).hidden_reason == "z" * 300


def test_a_decline_reason_keeps_its_own_longer_limit(as_budi, budi, idea) -> None:
    with pytest.raises(ValidationError) as refused:
        do_decline_idea(budi, idea, reason="y" * 501)
    assert refused.value.message_dict == {"reason": ["Tulis paling banyak 500 karakter."]}
    url = reverse("participation:idea_decline", args=[idea.region.code, idea.pk])
    assert as_budi.post(url, {"decline-reason": "w" * 450}).status_code == 302
    assert Idea.objects.get(pk=idea.pk).outcome_reason == "w" * 450

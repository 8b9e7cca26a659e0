"""Consent per purpose: given by the person's own act, shown on the profile, withdrawn there (audited),
and what relies on it stops (the daily e-mail)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.accounts.consent import give_consent, has_consent
from kotacerdas.accounts.models import Consent, Purpose
from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.actions import digest_setting_of, do_set_digest

pytestmark = pytest.mark.django_db


def test_the_daily_email_switch_records_the_consent(budi) -> None:
    do_set_digest(budi, enabled=False)
    assert not has_consent(budi, Purpose.EMAIL_DIGEST)
    do_set_digest(budi, enabled=True)
    assert has_consent(budi, Purpose.EMAIL_DIGEST)
    assert AuditEntry.objects.filter(action="consent.give", actor=budi).count() == 1


def test_budi_sees_and_withdraws_a_consent_on_his_profile(budi, as_budi) -> None:
    do_set_digest(budi, enabled=False)
    do_set_digest(budi, enabled=True)
    consent = Consent.objects.get(user=budi, purpose=Purpose.EMAIL_DIGEST)
    profile = as_budi.get(reverse("notifications:profile")).content.decode()
    assert "Persetujuan saya" in profile and "Ringkasan harian tugas saya lewat e-mail" in profile

    response = as_budi.post(
        reverse("accounts:consent_withdraw", kwargs={"consent_id": consent.pk}), follow=True
    )

    assert "Persetujuan ditarik." in response.content.decode()
    consent.refresh_from_db()
    assert consent.withdrawn_at is not None
    assert not digest_setting_of(budi).enabled  # the e-mail it allowed stops
    assert AuditEntry.objects.filter(action="consent.withdraw", actor=budi).exists()


def test_a_withdrawn_consent_can_be_given_again_and_the_history_stays(budi) -> None:
    first = give_consent(budi, Purpose.PARTICIPATION)
    assert give_consent(budi, Purpose.PARTICIPATION) == first  # idempotent while active
    do_set_digest(budi, enabled=False)
    from kotacerdas.accounts.consent import do_withdraw_consent

    do_withdraw_consent(budi, first)
    give_consent(budi, Purpose.PARTICIPATION)
    assert Consent.objects.filter(user=budi, purpose=Purpose.PARTICIPATION).count() == 2
    assert has_consent(budi, Purpose.PARTICIPATION)


def test_nobody_withdraws_another_persons_consent(sari, as_budi) -> None:
    consent = give_consent(sari, Purpose.PARTICIPATION)
    response = as_budi.post(reverse("accounts:consent_withdraw", kwargs={"consent_id": consent.pk}))
    assert response.status_code == 404
    assert has_consent(sari, Purpose.PARTICIPATION)


def test_budi_asks_for_erasure_and_the_profile_says_so(budi, as_budi) -> None:
    response = as_budi.post(reverse("accounts:erasure_request"), follow=True)
    body = response.content.decode()
    assert "Permintaan Anda dicatat" in body
    assert "Anda meminta penghapusan pada" in body
    assert budi.erasure_requests.filter(handled_at=None).count() == 1


def test_ayu_sees_the_request_on_the_persons_page(budi, as_budi, as_ayu) -> None:
    as_budi.post(reverse("accounts:erasure_request"))
    page = as_ayu.get(reverse("accounts:user_detail", kwargs={"user_id": budi.pk})).content.decode()
    assert "Orang ini meminta penghapusan pada" in page
    assert reverse("accounts:person_erase", kwargs={"user_id": budi.pk}) in page

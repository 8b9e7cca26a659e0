"""One support per person, only while the phase accepts supports; the page and the API alike."""

from __future__ import annotations

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from rest_framework.authtoken.models import Token

from conftest import logged_in
from kotacerdas.participation.models import Support

CLOSED = "Tahap sudah ditutup: dukungan tidak diterima lagi."


def test_a_citizen_supports_once(warga2, idea) -> None:
    client = logged_in(warga2)
    url = reverse("participation:support", args=[idea.pk])
    assert client.post(url).status_code == 302
    again = client.post(url)
    assert again.status_code == 400
    assert "Anda sudah mendukung ide ini." in again.content.decode()
    assert Support.objects.filter(idea=idea).count() == 1
    assert '<dd data-testid="support-count">1</dd>' in Client().get(idea.get_absolute_url()).content.decode()


def test_a_support_after_the_phase_closes_is_refused(warga2, idea, consultation) -> None:
    consultation.phases.update(ends_on=timezone.localdate() - timedelta(days=1))
    response = logged_in(warga2).post(reverse("participation:support", args=[idea.pk]))
    assert response.status_code == 400
    assert CLOSED in response.content.decode()
    assert not Support.objects.exists()


def test_a_phase_without_supports_refuses_them(warga2, idea, consultation) -> None:
    consultation.phases.update(supports_open=False)
    response = logged_in(warga2).post(reverse("participation:support", args=[idea.pk]))
    assert response.status_code == 400
    assert not Support.objects.exists()


def test_staff_without_a_citizen_account_may_not_support(budi, idea) -> None:
    assert logged_in(budi).post(reverse("participation:support", args=[idea.pk])).status_code == 403


def test_the_api_lists_ideas_and_takes_a_support(warga2, idea, consultation) -> None:
    listing = Client().get(f"/api/v1/participation/consultations/{consultation.pk}/ideas").json()
    assert [(i["title"], i["support_count"]) for i in listing["results"]] == [(idea.title, 0)]
    token = Token.objects.create(user=warga2)
    client = Client(HTTP_AUTHORIZATION=f"Token {token.key}")
    url = f"/api/v1/participation/ideas/{idea.pk}/support"
    first = client.post(url)
    assert (first.status_code, first.json()) == (201, {"idea": idea.pk, "support_count": 1})
    second = client.post(url)
    assert second.status_code == 400
    assert second.json() == {"detail": ["Anda sudah mendukung ide ini."]}
    consultation.phases.update(ends_on=timezone.localdate() - timedelta(days=1))
    assert Client().post(url).status_code in (401, 403)


@pytest.mark.django_db(transaction=True)
def test_two_simultaneous_supports_by_one_person_make_one(region_a, ayu) -> None:
    """Real threads on PostgreSQL: the unique constraint decides, the loser gets the message."""
    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises writers; the race needs PostgreSQL")
    from conftest import make_person
    from kotacerdas.participation.actions.posting import do_support
    from kotacerdas.participation.actions.setup import do_add_phase, do_create_consultation
    from kotacerdas.participation.conftest import make_citizen, post_idea

    budi = make_person(ayu, "budi", "coordinator", region_a)
    found = do_create_consultation(budi, region_a, title="Konsultasi")
    today = timezone.localdate()
    do_add_phase(budi, found, name="Tahap", starts_on=today, ends_on=today)
    idea = post_idea(make_citizen("Andi", "andi@example.org"), found)
    citra = make_citizen("Citra", "citra@example.org")
    barrier, outcomes = threading.Barrier(2), []

    def support() -> None:
        try:
            barrier.wait()
            do_support(citra, idea, address_key="same")
            outcomes.append("ok")
        except Exception as error:
            outcomes.append(type(error).__name__)
        finally:
            connection.close()

    threads = [threading.Thread(target=support) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["ValidationError", "ok"]
    assert Support.objects.filter(idea=idea, user=citra).count() == 1

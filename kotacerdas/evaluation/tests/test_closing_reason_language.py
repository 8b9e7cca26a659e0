"""The reason publishing gives for closing a self-assessment reads in the reader's language.

Before: publication stored "Ditutup karena siklus evaluasi 2027 diterbitkan pada …" as text, so Dewi
reading kotacerdas in English saw it in Indonesian in the banner, the history, the refusal of every
write and Ayu's audit log. Now the facts (the cycle, the day) are stored and each page words them.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in
from kotacerdas.assessment.models import Assessment
from kotacerdas.core.formatting import tanggal
from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.tests.test_publication_closes import HEADER, open_cycle, self_assessment

pytestmark = pytest.mark.django_db

MONTHS = [
    *("January", "February", "March", "April", "May", "June"),
    *("July", "August", "September", "October", "November", "December"),
]


@pytest.fixture
def closed(ayu, region_a, region_b) -> tuple[Assessment, date]:
    """Dewi's self-assessment of 2027, still a draft when Ayu published the cycle."""
    cycle = open_cycle(ayu, 2027, [region_a, region_b])
    do_enter_results(ayu, cycle, HEADER + "33.73,3.5,3.0,3.5,3.0,3.5,,true\n")
    publication = do_publish(ayu, cycle)
    return self_assessment(cycle, region_b), timezone.localdate(publication.published_at)


def english_day(day: date) -> str:
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def client_in(user, language: str):  # type: ignore[no-untyped-def]
    client = logged_in(user)
    client.cookies["django_language"] = language
    return client


def detail(assessment: Assessment) -> str:
    return reverse("assessment:detail", args=[assessment.region.code, assessment.pk])


def submit(assessment: Assessment) -> str:
    return reverse("assessment:submit", args=[assessment.region.code, assessment.pk])


def test_in_english_the_banner_history_and_refusal_name_the_cycle_in_english(closed, dewi) -> None:
    assessment, day = closed
    reason = f"Closed because the evaluation cycle 2027 was published on {english_day(day)}."
    client = client_in(dewi, "en")
    page = client.get(detail(assessment)).content.decode()
    assert page.count(reason) == 2  # the banner and the history
    assert "Ditutup karena" not in page
    refused = client.post(submit(assessment))
    assert refused.status_code == 400
    assert f"This assessment is closed and can no longer be changed. {reason}" in refused.content.decode()
    assert "Ditutup karena" not in refused.content.decode()


def test_in_indonesian_they_name_it_in_indonesian(closed, dewi) -> None:
    assessment, day = closed
    reason = f"Ditutup karena siklus evaluasi 2027 diterbitkan pada {tanggal(day)}."
    client = client_in(dewi, "id")
    page = client.get(detail(assessment)).content.decode()
    assert page.count(reason) == 2
    assert "Closed because" not in page
    refused = client.post(submit(assessment))
    assert refused.status_code == 400
    assert f"Asesmen ini sudah ditutup dan tidak dapat diubah lagi. {reason}" in refused.content.decode()


def test_the_audit_log_gives_the_reason_in_the_readers_language(closed, ayu) -> None:
    _, day = closed
    english = f"Closed because the evaluation cycle 2027 was published on {english_day(day)}."
    url = reverse("audit:log") + "?action=assessment.close"
    assert english in client_in(ayu, "en").get(url).content.decode()
    indonesian = client_in(ayu, "id").get(url).content.decode()
    assert f"Ditutup karena siklus evaluasi 2027 diterbitkan pada {tanggal(day)}." in indonesian
    assert english not in indonesian

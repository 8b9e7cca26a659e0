"""The daily e-mail summary of the inbox: once a day, in Indonesian, and a person can turn it off."""

from __future__ import annotations

import datetime
from decimal import Decimal
from io import StringIO

import pytest
from django.core import mail
from django.core.management import call_command
from django.urls import reverse

from conftest import logged_in
from kotacerdas.assessment.actions import answering
from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.actions import do_send_digest, do_set_digest
from kotacerdas.notifications.models import DigestSetting
from kotacerdas.web.inbox import collect_inbox

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _mail(settings):  # type: ignore[no-untyped-def]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://kotacerdas.example"


@pytest.fixture
def work(budi, sari, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    """Ten SPBE indicators assigned to Sari's OPD, six answered; Sari and Budi have e-mail addresses."""
    assessment = answering.do_start_assessment(
        budi,
        region_a,
        instrument_id="spbe-2020",
        title="Indeks SPBE 2026",
        deadline=datetime.date(2026, 12, 31),
        target=Decimal(3),
    )
    answering.do_assign(budi, assessment, code="D1", opd=dinkes_a)
    for indicator in ("1", "2", "3", "4", "5", "6"):
        answering.do_save_answer(sari, assessment, indicator, value="3", explanation="")
    for person, address in ((sari, "sari@salatiga.example"), (budi, "budi@salatiga.example")):
        person.email = address
        person.save()
    return assessment


def send(day: str) -> str:
    out = StringIO()
    call_command("send_inbox_digest", "--today", day, stdout=out)
    return out.getvalue()


def test_each_person_gets_one_indonesian_summary_a_day(work, sari, budi, rina) -> None:
    rina.email = "rina@mentor.example"  # nothing waits for Rina: no e-mail
    rina.save()
    assert "2 inbox summary e-mail(s) sent for 2026-12-03" in send("2026-12-03")
    assert sorted(m.to[0] for m in mail.outbox) == ["budi@salatiga.example", "sari@salatiga.example"]
    message = next(m for m in mail.outbox if m.to == ["sari@salatiga.example"])
    assert message.subject == "[kotacerdas] 4 tugas menunggu Anda"
    assert message.body.startswith("Halo Sari,")
    assert "Berikut tugas yang menunggu Anda di kotacerdas per 3 Des 2026:" in message.body
    assert "Segera jatuh tempo" not in message.body and "Ditugaskan kepada saya (4)" in message.body
    assert "- Jawab “" in message.body and "Kota Salatiga · tenggat 31 Des 2026" in message.body
    assert f"https://kotacerdas.example/r/33.73/asesmen/{work.pk}/jawaban/7/" in message.body
    assert "https://kotacerdas.example/profil/" in message.body
    html, kind = message.alternatives[0]
    assert kind == "text/html" and '<html lang="id">' in html
    assert f'<a href="https://kotacerdas.example/r/33.73/asesmen/{work.pk}/jawaban/7/">Jawab “' in html

    assert "0 inbox summary e-mail(s) sent" in send("2026-12-03")  # not twice the same day
    assert len(mail.outbox) == 2
    assert DigestSetting.objects.get(user=sari).last_sent_on == datetime.date(2026, 12, 3)
    send("2026-12-04")
    assert len(mail.outbox) == 4


def test_sari_turns_the_summary_off_on_her_profile(work, sari) -> None:
    client = logged_in(sari)
    page = client.get(reverse("notifications:profile")).content.decode()
    assert "Kirimi saya ringkasan harian tugas saya lewat e-mail" in page
    assert 'id="id_enabled" checked>' in page
    response = client.post(reverse("notifications:profile"), {}, follow=True)
    assert "Ringkasan harian lewat e-mail dimatikan." in response.content.decode()
    entry = AuditEntry.objects.get(action="notification.digest")
    assert entry.actor == sari and entry.before["enabled"] is True and entry.after["enabled"] is False
    send("2026-12-03")
    assert [m.to for m in mail.outbox] == [["budi@salatiga.example"]]
    client.post(reverse("notifications:profile"), {"enabled": "on"})
    assert DigestSetting.objects.get(user=sari).enabled is True
    send("2026-12-04")
    assert ["sari@salatiga.example"] in [m.to for m in mail.outbox]


def test_a_person_without_an_address_gets_nothing(work, sari, budi) -> None:
    sari.email = ""
    sari.save()
    send("2026-12-03")
    assert [m.to for m in mail.outbox] == [["budi@salatiga.example"]]
    page = logged_in(sari).get(reverse("notifications:profile")).content.decode()
    assert "belum memiliki alamat e-mail" in page


def test_a_second_run_on_the_same_day_sends_nothing(work, sari) -> None:
    """Two runs that both found Sari before either sent: the row lock lets one of them send."""
    today = datetime.date(2026, 12, 3)
    inbox = collect_inbox(sari, today)
    assert do_send_digest(sari, inbox, site_url="https://kotacerdas.example") is True
    assert do_send_digest(sari, inbox, site_url="https://kotacerdas.example") is False
    assert [m.to for m in mail.outbox] == [["sari@salatiga.example"]]


def test_a_summary_turned_off_is_not_sent_even_when_asked_directly(work, sari) -> None:
    do_set_digest(sari, enabled=False)
    inbox = collect_inbox(sari, datetime.date(2026, 12, 3))
    assert inbox.count
    assert do_send_digest(sari, inbox, site_url="https://kotacerdas.example") is False
    assert mail.outbox == []

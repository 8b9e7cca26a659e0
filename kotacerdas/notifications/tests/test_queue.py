"""Each person sees their own notification queue, and only theirs."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.notifications.kinds import register
from kotacerdas.notifications.models import Notification
from kotacerdas.notifications.service import notify

pytestmark = pytest.mark.django_db

register("test.hello", "Hello %(name)s")


def test_budi_sees_his_queue_and_marks_one_read(budi, dewi) -> None:
    mine = notify([budi], "test.hello", {"name": "Budi"}, url="/r/33.73/")[0]
    notify([dewi], "test.hello", {"name": "Dewi"})
    client = logged_in(budi)
    body = client.get(reverse("notifications:queue")).content.decode()
    assert "Hello Budi" in body and "Hello Dewi" not in body
    assert "1 notifikasi belum dibaca." in body
    response = client.post(reverse("notifications:open", args=[mine.pk]))
    assert response.url == "/r/33.73/"
    mine.refresh_from_db()
    assert mine.read_at is not None


def test_another_persons_notification_is_a_404(budi, dewi) -> None:
    theirs = notify([dewi], "test.hello", {"name": "Dewi"})[0]
    assert logged_in(budi).post(reverse("notifications:open", args=[theirs.pk])).status_code == 404
    theirs.refresh_from_db()
    assert theirs.read_at is None


def test_mark_all_read_touches_only_mine(budi, dewi) -> None:
    notify([budi, dewi], "test.hello", {"name": "x"})
    logged_in(budi).post(reverse("notifications:read_all"))
    assert Notification.objects.get(recipient=budi).read_at is not None
    assert Notification.objects.get(recipient=dewi).read_at is None


def test_an_external_link_is_not_followed(budi) -> None:
    note = notify([budi], "test.hello", {"name": "x"}, url="https://evil.example/")[0]
    response = logged_in(budi).post(reverse("notifications:open", args=[note.pk]))
    assert response.url == reverse("notifications:queue")


def test_anonymous_visitors_log_in_first() -> None:
    from django.test import Client

    assert Client().get(reverse("notifications:queue")).status_code == 302

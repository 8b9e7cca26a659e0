"""Repeating a queue action changes nothing and writes no second audit entry."""

import pytest

from kotacerdas.audit.models import AuditEntry
from kotacerdas.notifications.actions import do_mark_all_read, do_mark_read, do_set_digest
from kotacerdas.notifications.kinds import register
from kotacerdas.notifications.models import DigestSetting
from kotacerdas.notifications.service import notify

pytestmark = pytest.mark.django_db

register("test.hello", "Hello %(name)s")


def test_opening_a_read_notification_again_keeps_its_first_reading(budi) -> None:
    mine = notify([budi], "test.hello", {"name": "Budi"})[0]
    do_mark_read(budi, mine)
    first = mine.read_at
    mine.refresh_from_db()
    assert do_mark_read(budi, mine).read_at == first
    mine.refresh_from_db()
    assert mine.read_at == first
    assert AuditEntry.objects.filter(action="notification.read").count() == 1


def test_mark_all_read_with_nothing_unread_is_not_audited(budi) -> None:
    assert do_mark_all_read(budi) == 0
    assert not AuditEntry.objects.filter(action="notification.read_all").exists()


def test_setting_the_digest_to_what_it_is_is_not_audited(sari) -> None:
    setting = do_set_digest(sari, enabled=True)  # on by default
    assert setting.enabled is True
    assert DigestSetting.objects.get(user=sari).enabled is True
    assert not AuditEntry.objects.filter(action="notification.digest").exists()

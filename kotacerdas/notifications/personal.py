"""What notifications keeps about a person (UU PDP): their notifications and the daily e-mail switch."""

from __future__ import annotations

from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.notifications.models import DigestSetting, Notification
from kotacerdas.web import personal_data, personal_records


def export(person: User) -> Any:
    return personal_records.export_linked("notifications", person)


def erase(person: User, pseudonym: str) -> int:
    """A person's own notifications and setting are only theirs: deleted. Others' mentions: pseudonym."""
    own, _counts = Notification.objects.filter(recipient=person).delete()
    setting, _counts = DigestSetting.objects.filter(user=person).delete()
    return own + setting + personal_records.scrub_app("notifications", person, pseudonym)


def stop_digest(person: User) -> None:
    """The e-mail consent was withdrawn: no more daily e-mail (the switch shows it off)."""
    from kotacerdas.notifications.actions import do_set_digest

    do_set_digest(person, enabled=False)


SOURCE = personal_data.PersonalDataSource("notifications", export, erase)

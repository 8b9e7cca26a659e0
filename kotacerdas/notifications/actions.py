"""Writes on a person's own notification queue."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from kotacerdas.accounts.consent import give_consent, withdraw_consent
from kotacerdas.accounts.models import Purpose, User
from kotacerdas.audit.log import record, save_audited
from kotacerdas.notifications.digest import digest_message
from kotacerdas.notifications.models import DigestSetting, Notification
from kotacerdas.web.inbox import Inbox


def do_mark_read(actor: User, notification: Notification) -> Notification:
    """Mark one of the actor's own notifications as read (the getter already checked ownership)."""
    if notification.read_at is not None:
        return notification
    save_audited(actor, "notification.read", notification, {"read_at": timezone.now()})
    return notification


def do_mark_all_read(actor: User) -> int:
    with transaction.atomic():
        count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(
            read_at=timezone.now()
        )
        if count:
            record(actor, "notification.read_all", actor, before=None, after={"count": count})
    return count


def digest_setting_of(user: User) -> DigestSetting:
    """The person's setting as stored, or the default (on, never sent) without writing it."""
    return DigestSetting.objects.filter(user=user).first() or DigestSetting(user=user)


def do_set_digest(actor: User, *, enabled: bool) -> DigestSetting:
    """Turn the actor's own daily e-mail summary on or off (audited)."""
    with transaction.atomic():
        # the switch is the person's consent to the e-mail purpose (UU PDP): recorded with it
        if enabled:
            give_consent(actor, Purpose.EMAIL_DIGEST)
        else:
            withdraw_consent(actor, Purpose.EMAIL_DIGEST)
        setting, _created = DigestSetting.objects.select_for_update().get_or_create(user=actor)
        if setting.enabled == enabled:
            return setting
        save_audited(actor, "notification.digest", setting, {"enabled": enabled})
    return setting


def do_send_digest(person: User, inbox: Inbox, *, site_url: str) -> bool:
    """E-mail the person their inbox, at most once per day (``inbox.today``); True when sent.

    Nothing is sent to a person who turned the summary off, has no address or nothing waiting.
    The row lock makes two runs on the same day send one e-mail."""
    if not inbox.count or not person.email or not person.is_active:
        return False
    with transaction.atomic():
        setting, _created = DigestSetting.objects.select_for_update().get_or_create(user=person)
        if not setting.enabled or setting.last_sent_on == inbox.today:
            return False
        message = digest_message(person, inbox, site_url)
        message.send()
        setting.last_sent_on = inbox.today
        setting.save(update_fields=["last_sent_on"])
    return True

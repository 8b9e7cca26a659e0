"""Sending notifications: one row per recipient in the in-app queue, plus an e-mail.

The text of each kind is registered in :mod:`kotacerdas.notifications.kinds`; it is rendered in
the reader's language when shown, and in Indonesian (the default language) for the e-mail.
E-mails go out after the transaction commits, so a rolled-back action sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation

from kotacerdas.accounts.access import Person
from kotacerdas.accounts.models import User
from kotacerdas.notifications.kinds import render_text
from kotacerdas.notifications.models import Notification


def notify(
    recipients: Iterable[User | None], kind: str, params: dict[str, Any], url: str = ""
) -> list[Notification]:
    """Queue one notification per distinct active recipient and e-mail those with an address."""
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    rows = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, params=params, url=url) for user in people.values()]
    )
    with_email = [user for user in people.values() if user.email]
    if with_email:
        transaction.on_commit(lambda: _send_emails(with_email, kind, params, url))
    return rows


def _send_emails(people: list[User], kind: str, params: dict[str, Any], url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_text(kind, params)
        subject = f"[kotacerdas] {text}"[:150]
    body = f"{text}\n\n{url}\n" if url else f"{text}\n"
    for user in people:
        send_mail(subject, body, None, [user.email], fail_silently=True)
    Notification.objects.filter(recipient__in=people, kind=kind, url=url, emailed=False).update(emailed=True)


def unread_count(user: Person) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

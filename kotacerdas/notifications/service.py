"""Sending notifications: one row per recipient in the in-app queue, plus an e-mail.

Apps register the text of each kind (an English msgid with %(name)s placeholders) with
:func:`register`; the text is rendered in the reader's language when shown, and in
Indonesian (the default language) for the e-mail. E-mails go out after the transaction
commits, so a rolled-back action sends nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext

from kotacerdas.notifications.models import Notification

KINDS: dict[str, str] = {}
# Parameters holding English source text (e.g. a checklist title) are translated when shown.
TRANSLATED_PARAMS = {"deliverable"}


def register(kind: str, text: str) -> None:
    """``text`` is a gettext_noop'd English msgid with %(name)s placeholders."""
    KINDS[kind] = text


def render_text(kind: str, params: dict[str, Any]) -> str:
    template = KINDS.get(kind)
    if template is None:
        return kind
    shown = {
        key: gettext(value) if key in TRANSLATED_PARAMS and value else value for key, value in params.items()
    }
    try:
        return gettext(template) % shown
    except (KeyError, TypeError, ValueError):
        return gettext(template)


def notify(recipients: Iterable[Any], kind: str, params: dict[str, Any], url: str = "") -> list[Notification]:
    """Queue one notification per distinct active recipient and e-mail those with an address."""
    people = {user.pk: user for user in recipients if user is not None and user.is_active}
    rows = Notification.objects.bulk_create(
        [Notification(recipient=user, kind=kind, params=params, url=url) for user in people.values()]
    )
    with_email = [user for user in people.values() if user.email]
    if with_email:
        transaction.on_commit(lambda: _send_emails(with_email, kind, params, url))
    return rows


def _send_emails(people: list[Any], kind: str, params: dict[str, Any], url: str) -> None:
    with translation.override(settings.LANGUAGE_CODE):
        text = render_text(kind, params)
        subject = f"[kotacerdas] {text}"[:150]
    body = f"{text}\n\n{url}\n" if url else f"{text}\n"
    for user in people:
        send_mail(subject, body, None, [user.email], fail_silently=True)
    Notification.objects.filter(recipient__in=people, kind=kind, url=url, emailed=False).update(emailed=True)


def unread_count(user: Any) -> int:
    if not user.is_authenticated:
        return 0
    return Notification.objects.filter(recipient=user, read_at__isnull=True).count()

"""The daily e-mail summary of a person's inbox (plain text and simple HTML, in Indonesian).

The items come from :func:`kotacerdas.web.inbox.collect_inbox`; the caller collects them in the
e-mail's language (``send_inbox_digest`` does so in Indonesian, the default language).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import ngettext

from kotacerdas.accounts.models import User
from kotacerdas.web.inbox import Inbox


def digest_context(person: User, inbox: Inbox, site_url: str) -> dict[str, Any]:
    groups = [
        (label, [(item, site_url + item.url) for item in items]) for _key, label, items in inbox.groups()
    ]
    return {
        "person": person,
        "inbox": inbox,
        "groups": groups,
        "inbox_url": site_url + reverse("inbox"),
        "profile_url": site_url + reverse("notifications:profile"),
    }


def digest_message(person: User, inbox: Inbox, site_url: str) -> EmailMultiAlternatives:
    with translation.override(settings.LANGUAGE_CODE):
        context = digest_context(person, inbox, site_url)
        subject = "[kotacerdas] " + ngettext(
            "%(count)d task is waiting for you", "%(count)d tasks are waiting for you", inbox.count
        ) % {"count": inbox.count}
        text = render_to_string("notifications/digest.txt", context)
        html = render_to_string("notifications/digest.html", context)
    message = EmailMultiAlternatives(subject, text, None, [person.email])
    message.attach_alternative(html, "text/html")
    return message

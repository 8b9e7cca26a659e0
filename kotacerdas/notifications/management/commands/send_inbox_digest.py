"""E-mail each person their inbox once a day; run daily (cron or a scheduled task)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone, translation

from kotacerdas.accounts.models import User
from kotacerdas.notifications.actions import do_send_digest
from kotacerdas.web.inbox import collect_inbox


class Command(BaseCommand):
    help = "Send each person with waiting tasks one e-mail summary of their inbox (at most once a day)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        people = (
            User.objects.filter(is_active=True)
            .exclude(email="")
            .exclude(digest_setting__enabled=False)
            .exclude(digest_setting__last_sent_on=today)
            .order_by("pk")
        )
        sent = 0
        for person in people:
            with translation.override(settings.LANGUAGE_CODE):  # the e-mail is in Indonesian
                inbox = collect_inbox(person, today)
            sent += do_send_digest(person, inbox, site_url=settings.SITE_URL)
        self.stdout.write(f"{sent} inbox summary e-mail(s) sent for {today.isoformat()}")

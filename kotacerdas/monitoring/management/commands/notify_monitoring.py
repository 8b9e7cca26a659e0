"""Remind OPDs and coordinators of reports due within 7 days and of overdue periods; run daily."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kotacerdas.monitoring.actions.periods import do_notify_due


class Command(BaseCommand):
    help = "Send reminders for monitoring periods closing within 7 days or overdue (once each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        count = do_notify_due(today)
        self.stdout.write(f"{count} monitoring reminder(s) sent for {today.isoformat()}")

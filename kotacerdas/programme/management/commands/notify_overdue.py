"""Remind regions (and their mentors) of overdue deliverables; run daily (cron or a task)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from kotacerdas.programme.actions.deliverables import do_notify_overdue


class Command(BaseCommand):
    help = "Send in-app and e-mail reminders for deliverables past their due date (once per day each)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        today = options["today"] or timezone.localdate()
        count = do_notify_overdue(today)
        self.stdout.write(f"{count} overdue reminder(s) sent for {today.isoformat()}")

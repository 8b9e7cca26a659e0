"""``kotacerdas manage run_chores``: run the daily chores not yet run today (the worker does it too)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from kotacerdas.jobs.chores import run_due


class Command(BaseCommand):
    help = "Run the registered daily chores (monitoring reminders, …) that have not run today."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--today", type=date.fromisoformat, help="YYYY-MM-DD (default: today)")

    def handle(self, *args: Any, **options: Any) -> None:
        for name, what in run_due(options["today"]).items():
            self.stdout.write(f"{name}: {what}")

"""``kotacerdas manage sweep_jobs``: fail the jobs whose worker died; remove its temporary folders.

Safe to run at any time and from several machines (a job still beating is left alone); run it
from cron every few minutes, on every machine that runs a worker or serves pages.
"""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand

from kotacerdas.jobs.liveness import recover


class Command(BaseCommand):
    help = "Mark failed the running jobs whose heartbeat is stale and remove orphaned temporary folders."

    def handle(self, *args: Any, **options: Any) -> None:
        self.stdout.write(str(recover()))

"""Daily chores without cron: the worker runs them, each at most once a day.

An app registers a chore in its AppConfig.ready()::

    from kotacerdas.jobs import chores
    chores.register("monitoring.reminders", send_reminders)   # send_reminders(today) -> int

``kotacerdas worker`` (and the embedded server of ``kotacerdas up``) starts a :class:`Ticker`: a
daemon thread that calls :func:`run_due` every ``CHORES_INTERVAL_SECONDS`` (default 600). A chore
runs on the first tick of a day; the :class:`~kotacerdas.jobs.models.ChoreRun` row of that
(chore, day) is its claim, so a second tick, a second worker or a second machine skips it. A chore
that raises gives its claim back (the row is removed) and is tried again on the next tick; the
chore itself must therefore be safe to repeat — the monitoring reminders mark each period they
reminded of. A claim left unfinished for ``ABANDONED_AFTER`` (its process was killed mid-chore) is
taken over by the next tick, so the rest of that day's work is still done. ``kotacerdas manage
run_chores`` runs the due chores once (for cron, if wanted, and for a look at what ran).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from datetime import date, timedelta

from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.utils import timezone

from kotacerdas.jobs.models import ChoreRun

logger = logging.getLogger(__name__)

Chore = Callable[[date], int]
_CHORES: dict[str, Chore] = {}

SKIPPED = "already ran today"
# A chore takes seconds; an unfinished claim this old belongs to a process that died during it.
ABANDONED_AFTER = timedelta(hours=1)


def register(name: str, chore: Chore) -> None:
    _CHORES[name] = chore


def unregister(name: str) -> None:
    _CHORES.pop(name, None)


def registered() -> list[str]:
    return sorted(_CHORES)


def run_due(today: date | None = None) -> dict[str, str]:
    """Run each registered chore not yet run ``today``; what each did (or that it was skipped)."""
    today = today or timezone.localdate()
    return {name: _run_once(name, _CHORES[name], today) for name in registered()}


def _claim(name: str, today: date) -> ChoreRun | None:
    """The (chore, day) row, now ours; None when it ran today or another process is running it."""
    try:
        with transaction.atomic():
            return ChoreRun.objects.create(chore=name, day=today)
    except IntegrityError:
        pass
    now = timezone.now()
    unfinished = ChoreRun.objects.filter(chore=name, day=today, finished_at__isnull=True)
    # one process wins the update: the row is re-read under its lock
    if not unfinished.filter(started_at__lt=now - ABANDONED_AFTER).update(started_at=now):
        return None
    logger.warning(
        "daily chore %s of %s was left unfinished by a dead process; running it again", name, today
    )
    return ChoreRun.objects.get(chore=name, day=today)


def _run_once(name: str, chore: Chore, today: date) -> str:
    claim = _claim(name, today)
    if claim is None:
        return SKIPPED
    try:
        count = chore(today)
    except Exception as error:
        ChoreRun.objects.filter(pk=claim.pk).delete()
        logger.exception("daily chore %s failed on %s", name, today)
        return f"failed: {type(error).__name__}"
    result = f"done: {count}"
    ChoreRun.objects.filter(pk=claim.pk).update(finished_at=timezone.now(), result=result)
    return result


class Ticker(threading.Thread):
    """Calls :func:`run_due` now and then every ``every`` seconds (its own DB connection)."""

    def __init__(self, every: float | None = None) -> None:
        super().__init__(name="daily chores", daemon=True)
        self.every = float(every if every is not None else settings.CHORES_INTERVAL_SECONDS)
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while True:
                try:
                    ran = {name: what for name, what in run_due().items() if what != SKIPPED}
                    if ran:
                        logger.info("daily chores: %s", ran)
                except DatabaseError:  # e.g. the database restarting: the next tick may pass
                    logger.warning("daily chores could not run; trying again in %s s", self.every)
                connection.close()
                if self.stopped.wait(self.every):
                    return
        finally:
            connection.close()

    def stop(self) -> None:
        self.stopped.set()

"""Heartbeat and sweep of long background jobs: the Django side of :mod:`kotacerdas.core.jobs`.

A job whose worker dies (killed, crashed, machine restarted) would otherwise stay "running" for
ever and its page would poll for ever. Every long job — book generation, roadmap runs, and the
monitoring and evaluation jobs to come — uses this module the same way:

1. **The record** extends :class:`kotacerdas.jobs.models.HeartbeatJob` (one ``heartbeat_at``
   column; class attributes name its status and message fields). :func:`sweep_all` finds every
   such model by itself.
2. **The task** runs inside ``with keep_alive(Model, pk) as job:``. That marks the record running,
   renews its heartbeat from a background thread every ``beat_interval`` seconds while the task
   works (even inside LibreOffice or the solver), and ``job.beat(progress=…)`` renews it with each
   progress step. ``job.finish(**fields)`` and ``job.fail(message)`` end it — only while it still
   runs, so a job swept meanwhile is never resurrected — and ``job.beat`` raises :class:`JobLost`
   once the job was swept, which stops the work early. Anything escaping the block fails the job
   (SystemExit or KeyboardInterrupt, a worker being stopped, with ``job_abandoned_message``).
3. **The sweep** marks a running job failed, with ``job_abandoned_message`` and an audit entry,
   once its heartbeat is older than ``JOB_STALE_AFTER_SECONDS``. Its pages call
   ``sweep(Model, region=…)`` before showing it (one cheap query when nothing is stale),
   ``kotacerdas worker`` calls :func:`recover` before taking tasks, and so does
   ``kotacerdas manage sweep_jobs`` (cron), which also removes the temporary folders of dead
   processes.
4. **The claimant.** ``keep_alive`` records which process runs the job (``claimed_by``: host, boot,
   process-id namespace, pid and its start time). :func:`recover` fails at once the running jobs whose
   claimant ran on this machine and is gone — killed, crashed, or the machine restarted — so a worker
   restarted a second after a crash does not leave them "running" until they are stale.

Queued jobs are never swept: they wait for a worker, however long that takes.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import DatabaseError, connection, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone, translation

from kotacerdas.audit.log import record, snapshot
from kotacerdas.core.jobs import beat_interval, is_stale, stale_cutoff
from kotacerdas.core.processes import claimant_is_gone, process_identity, remove_orphaned_tempdirs
from kotacerdas.jobs.models import HeartbeatJob

logger = logging.getLogger(__name__)

JobModel = type[HeartbeatJob]


class JobLost(Exception):
    """The job no longer runs (it was swept as abandoned, or ended elsewhere): stop working on it."""


def stale_after() -> float:
    return float(settings.JOB_STALE_AFTER_SECONDS)


def job_models() -> list[JobModel]:
    """Every installed model that extends HeartbeatJob."""
    return [m for m in apps.get_models() if issubclass(m, HeartbeatJob)]


def abandoned_message(model: JobModel) -> str:
    """The model's message for a job whose worker died, in the site's language (it is stored)."""
    with translation.override(settings.LANGUAGE_CODE):
        return str(model.job_abandoned_message)


class LiveJob:
    """A running job as its task sees it: beat, finish or fail — each only while it still runs."""

    def __init__(self, model: JobModel, pk: int) -> None:
        self.model = model
        self.pk = pk

    def _while_running(self) -> QuerySet[HeartbeatJob]:
        running = {self.model.job_status_field: self.model.job_running}
        return self.model._default_manager.filter(pk=self.pk, **running)

    def beat(self, **fields: Any) -> None:
        """Renew the heartbeat (and set ``fields``, e.g. the progress); JobLost once it was swept."""
        if not self._while_running().update(heartbeat_at=timezone.now(), **fields):
            raise JobLost(f"{self.model._meta.label} {self.pk} is no longer running")

    def finish(self, **fields: Any) -> bool:
        """Write the job's final fields; False (and nothing written) when it no longer runs."""
        if self._while_running().update(heartbeat_at=timezone.now(), **fields):
            return True
        logger.warning("%s %s was no longer running; its outcome is dropped", self.model._meta.label, self.pk)
        return False

    def fail(self, message: str) -> bool:
        model = self.model
        fields: dict[str, Any] = {model.job_status_field: model.job_failed, model.job_message_field: message}
        if model.job_finished_field:
            fields[model.job_finished_field] = timezone.now()
        return self.finish(**fields)


class _Beater(threading.Thread):
    """Renews a job's heartbeat every ``every`` seconds until stopped (its own DB connection)."""

    def __init__(self, job: LiveJob, every: float) -> None:
        super().__init__(name=f"heartbeat {job.model._meta.label_lower} {job.pk}", daemon=True)
        self.job = job
        self.every = every
        self.stopped = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopped.wait(self.every):
                try:
                    self.job.beat()
                except JobLost:
                    return
                except DatabaseError:  # e.g. the database restarting: the next beat may pass
                    logger.warning("heartbeat of %s %s failed", self.job.model._meta.label, self.job.pk)
        finally:
            connection.close()


def describe(error: BaseException) -> str:
    return f"{type(error).__name__}: {error}"


@contextmanager
def keep_alive(model: JobModel, pk: int, **start_fields: Any) -> Iterator[LiveJob]:
    """Run a job: mark it running (with ``start_fields``) and keep its heartbeat while the block runs.

    Raises JobLost at once when the job is neither queued nor running (swept, or already ended).
    """
    status = model.job_status_field
    startable = {f"{status}__in": [model.job_queued, model.job_running]}
    started = model._default_manager.filter(pk=pk, **startable).update(
        **{status: model.job_running},
        heartbeat_at=timezone.now(),
        claimed_by=process_identity(),
        **start_fields,
    )
    if not started:
        raise JobLost(f"{model._meta.label} {pk} is not waiting to run")
    job = LiveJob(model, pk)
    beater = _Beater(job, beat_interval(stale_after()))
    beater.start()
    try:
        yield job
    except JobLost:
        raise
    except Exception as error:
        job.fail(describe(error))
        raise
    except BaseException:  # SystemExit, KeyboardInterrupt: the worker is being stopped
        job.fail(abandoned_message(model))
        raise
    finally:
        beater.stopped.set()
        beater.join()


def sweep(model: JobModel, **filters: Any) -> int:
    """Mark failed the running jobs of ``model`` (matching ``filters``) whose heartbeat is stale."""
    now, limit = timezone.now(), stale_after()
    cutoff = stale_cutoff(now, limit)
    never_beat = {"heartbeat_at__isnull": True, f"{model.job_created_field}__lt": cutoff}
    stale = Q(heartbeat_at__lt=cutoff) | Q(**never_beat)
    candidates = list(
        model._default_manager.filter(**filters, **{model.job_status_field: model.job_running})
        .filter(stale)
        .values_list("pk", flat=True)
    )

    def still_stale(job: HeartbeatJob) -> bool:
        return is_stale(job.heartbeat_at, getattr(job, model.job_created_field), now, limit)

    return sum(_abandon(model, pk, now, still_stale) for pk in candidates)


def sweep_dead_claimants(model: JobModel) -> int:
    """Mark failed at once the running jobs of ``model`` whose claiming process, on this machine, is
    gone (killed, crashed, or the machine restarted): a worker restarted quickly need not wait for
    the heartbeat to go stale. Jobs of other machines are left to :func:`sweep`."""
    running = model._default_manager.filter(**{model.job_status_field: model.job_running})
    claims = running.exclude(claimed_by="").values_list("pk", "claimed_by")
    dead = [(pk, claimant) for pk, claimant in claims if claimant_is_gone(claimant)]
    now = timezone.now()
    return sum(_abandon(model, pk, now, _still_claimed_by(claimant)) for pk, claimant in dead)


def _still_claimed_by(claimant: str) -> Callable[[HeartbeatJob], bool]:
    """True while the job is still the dead claimant's (no other process has taken it since)."""
    return lambda job: job.claimed_by == claimant


def _abandon(model: JobModel, pk: int, now: Any, still_abandoned: Callable[[HeartbeatJob], bool]) -> bool:
    status, message, finished = model.job_status_field, model.job_message_field, model.job_finished_field
    fields = [status, message, *([finished] if finished else [])]
    with transaction.atomic():
        running = {status: model.job_running}
        job = model._default_manager.select_for_update().filter(pk=pk, **running).first()
        if job is None or not still_abandoned(job):
            return False  # it beat (or ended, or another process took it) since the candidates were read
        before = snapshot(job, [*fields, "heartbeat_at"])
        setattr(job, status, model.job_failed)
        setattr(job, message, abandoned_message(model))
        if finished:
            setattr(job, finished, now)
        job.save(update_fields=fields)
        after = snapshot(job, [*fields, "heartbeat_at"])
        record(None, "job.abandoned", job, before=before, after=after, region=getattr(job, "region", None))
    logger.warning(
        "%s %s: no heartbeat since %s (claimed by %s), failed",
        model._meta.label,
        pk,
        before["heartbeat_at"],
        job.claimed_by or "?",
    )
    return True


def unclaimed_since(job: HeartbeatJob) -> datetime | None:
    """When a job was queued, if no worker has taken it for longer than a live job's heartbeat may be
    silent (no worker runs, or all are busy); None otherwise. Such a job is never swept — a worker
    may yet take it — but its page says why nothing moves."""
    model = type(job)
    created = getattr(job, model.job_created_field)
    if getattr(job, model.job_status_field) != model.job_queued or created is None:
        return None
    return created if created < stale_cutoff(timezone.now(), stale_after()) else None


@dataclass
class Recovered:
    swept: dict[str, int] = field(default_factory=dict)
    removed: list[Path] = field(default_factory=list)

    def __str__(self) -> str:
        jobs = ", ".join(f"{label} {n}" for label, n in sorted(self.swept.items()) if n) or "none"
        return f"stale jobs marked failed: {jobs}; orphaned temporary folders removed: {len(self.removed)}"


def recover() -> Recovered:
    """Sweep every job model (stale jobs, and jobs whose claiming process on this machine is gone),
    then remove the temporary folders of processes that are gone."""
    swept = {model._meta.label: sweep_dead_claimants(model) + sweep(model) for model in job_models()}
    return Recovered(swept, remove_orphaned_tempdirs())

"""The abstract model every long job record extends (it owns no table of its own)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class JobStatus(models.TextChoices):
    """Where a long job is: the choices (values and labels) its record's status field shares with the
    other jobs' (a publication, a results book, the result letters' PDFs, a composite-index run, a
    roadmap run). A books version keeps its own: its labels are lower case ("queued", not "Queued")."""

    QUEUED = "queued", _("Queued")
    RUNNING = "running", _("Running")
    DONE = "done", _("Done")
    FAILED = "failed", _("Failed")


class HeartbeatJob(models.Model):
    """A job record with a heartbeat: the last moment its worker showed it was alive.

    A concrete job names where its state lives (the class attributes below); the defaults fit a
    model with ``status``, ``message``, ``finished_at`` and ``created_at`` fields and the values
    ``queued``/``running``/``failed``.
    """

    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True, editable=False)
    # the process that runs it (kotacerdas.core.processes.process_identity): a worker starting on the
    # same machine fails at once the jobs of a claimant that is gone, without waiting for staleness
    claimed_by = models.CharField(_("claimed by"), max_length=300, blank=True, editable=False)

    job_status_field: ClassVar[str] = "status"
    job_message_field: ClassVar[str] = "message"
    job_finished_field: ClassVar[str | None] = "finished_at"
    job_created_field: ClassVar[str] = "created_at"
    job_queued: ClassVar[str] = "queued"
    job_running: ClassVar[str] = "running"
    job_failed: ClassVar[str] = "failed"
    # what the record says when its worker died: the job's own words, in Indonesian when stored
    job_abandoned_message: ClassVar[str | Promise] = _(
        "The job stopped because its worker process stopped; please start it again."
    )

    class Meta:
        abstract = True


class ChoreRun(models.Model):
    """One day's run of a daily chore (kotacerdas/jobs/chores.py): the row is the claim.

    The unique (chore, day) pair lets exactly one process run a chore per day, however many
    workers tick at once; a run that failed removes its row so the next tick tries again.
    """

    chore = models.CharField(_("chore"), max_length=100)
    day = models.DateField(_("day"))
    started_at = models.DateTimeField(_("started"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    result = models.CharField(_("result"), max_length=200, blank=True)

    class Meta:
        ordering = ["-day", "chore"]
        verbose_name = _("daily chore run")
        verbose_name_plural = _("daily chore runs")
        constraints = [models.UniqueConstraint(fields=["chore", "day"], name="jobs_chore_once_a_day")]

    def __str__(self) -> str:
        return f"{self.chore} {self.day}"

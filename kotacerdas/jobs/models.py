"""The abstract model every long job record extends (it owns no table of its own)."""

from __future__ import annotations

from typing import ClassVar

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class HeartbeatJob(models.Model):
    """A job record with a heartbeat: the last moment its worker showed it was alive.

    A concrete job names where its state lives (the class attributes below); the defaults fit a
    model with ``status``, ``message``, ``finished_at`` and ``created_at`` fields and the values
    ``queued``/``running``/``failed``.
    """

    heartbeat_at = models.DateTimeField(_("last sign of life"), null=True, blank=True, editable=False)

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

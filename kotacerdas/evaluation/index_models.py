"""A composite-index run: its input tables, its recipe (data), and — once done — its results, frozen.

A run is made by Ayu from an uploaded iData/iMeta dataset or from a published evaluation cycle, and
computed by a background job (index_tasks.run_index). The inputs and the recipe are written when the
run is created; the results once, by the job, with ``LiveJob.finish``. From then on the run is never
changed: ``save`` and ``delete`` refuse (a new run from the same recipe is a "regeneration").
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.jobs.models import HeartbeatJob, JobStatus


class ImmutableRunError(Exception):
    """A completed index run is never changed or deleted (regenerate it instead)."""


class IndexRun(HeartbeatJob):
    job_abandoned_message = _(
        "The index run stopped because its worker process stopped; please regenerate it."
    )

    class Source(models.TextChoices):
        UPLOAD = "upload", _("uploaded dataset")
        CYCLE = "cycle", _("evaluation cycle")

    Status = JobStatus

    title = models.CharField(_("title"), max_length=200)
    note = models.CharField(_("note"), max_length=200, blank=True)  # e.g. "example data" in the demo
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    cycle = models.ForeignKey(
        "evaluation.Cycle",  # by name: evaluation/models.py imports this module
        verbose_name=_("evaluation cycle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="index_runs",
    )
    regenerated_from = models.ForeignKey(
        "self",
        verbose_name=_("regenerated from"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="regenerations",
    )
    # {"iData": {"columns": [...], "rows": [[...], ...]}, "iMeta": {...}}: lists keep their order
    # (jsonb does not keep the order of an object's keys)
    tables = models.JSONField(_("input tables"))
    source_sha256 = models.CharField(_("SHA-256 of the uploaded files"), max_length=64, blank=True)
    input_hash = models.CharField(_("input hash"), max_length=64)
    recipe = models.JSONField(_("recipe"))  # index_recipe.py: ordered steps and the analysis settings
    results = models.JSONField(_("results"), default=dict, blank=True)
    result_hash = models.CharField(_("result hash"), max_length=64, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("index run")
        verbose_name_plural = _("index runs")

    def __str__(self) -> str:
        return self.title

    @property
    def active(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and IndexRun.objects.filter(pk=self.pk, status=self.Status.DONE).exists():
            raise ImmutableRunError("a completed index run is never changed; regenerate it instead")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        if IndexRun.objects.filter(pk=self.pk, status=self.Status.DONE).exists():
            raise ImmutableRunError("a completed index run is never deleted")
        return super().delete(*args, **kwargs)

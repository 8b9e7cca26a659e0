"""The roadmap's records: optimiser runs and the adopted schedule (plan of record).

Imported by kotacerdas.planning.models (which stays under 400 lines). The adopted snapshot is never
edited: whether the plan is "changed since adoption" is computed by comparing it with the live
initiatives (kotacerdas/planning/roadmap/plan.py), so it cannot drift. A new adoption supersedes the
previous plan (kept for the record) in one transaction.
"""

from __future__ import annotations

from datetime import datetime

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.jobs.models import HeartbeatJob, JobStatus
from kotacerdas.regions.models import Region


class RoadmapRun(HeartbeatJob):
    """One run of the optimiser with its recipe (inputs hash, solver, time limit) and result.

    A background job with a heartbeat (kotacerdas/jobs/liveness.py): a run whose worker died is
    marked failed instead of "running" for ever.
    """

    job_status_field = "state"
    job_message_field = "error"
    job_finished_field = None
    job_abandoned_message = _(
        "The optimisation stopped because the worker process stopped; please start the run again."
    )

    State = JobStatus

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("started by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.QUEUED)
    instance = models.JSONField(_("roadmap instance"))
    inputs_hash = models.CharField(_("inputs hash"), max_length=64)
    time_limit = models.FloatField(_("time limit (s)"))
    # when a worker took it: the optimiser stops at the time limit, so the time since then is its progress
    running_since = models.DateTimeField(_("running since"), null=True, blank=True, editable=False)
    solver = models.CharField(_("solver"), max_length=60, blank=True)
    # per initiative: name, dimension, OPD and cost per source per running year (for charts)
    details = models.JSONField(_("details"), default=dict, blank=True)
    result = models.JSONField(_("result"), null=True, blank=True)
    error = models.TextField(_("error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("roadmap run")
        verbose_name_plural = _("roadmap runs")

    def __str__(self) -> str:
        return f"Roadmap {self.region.name} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("planning:roadmap_run", args=[self.region.code, self.pk])

    @property
    def is_running(self) -> bool:
        """Queued or running: its page follows the run (live-status.js) until it ends."""
        return self.state in (self.State.QUEUED, self.State.RUNNING)

    def seconds_running(self, now: datetime) -> int | None:
        """Whole seconds since a worker took the run (at most its time limit), while it runs; else None.

        The optimiser stops at ``time_limit`` whatever it has found, so this against the limit is an
        honest progress figure (it may finish sooner, having proved its schedule optimal)."""
        if self.state != self.State.RUNNING or self.running_since is None:
            return None
        elapsed = (now - self.running_since).total_seconds()
        return int(min(max(elapsed, 0.0), self.time_limit))


class AdoptedPlan(models.Model):
    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="adopted_plans"
    )
    # the masterplan revision it schedules; None only for a plan adopted before revisions existed
    # without a masterplan (kept as it was)
    masterplan = models.ForeignKey(
        "planning.Masterplan",
        verbose_name=_("masterplan"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="adopted_plans",
    )
    # the run adopted; None when a hand-edited schedule was confirmed
    run = models.ForeignKey(
        "planning.RoadmapRun",
        verbose_name=_("roadmap run"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("adopted by"), on_delete=models.PROTECT, related_name="+"
    )
    adopted_at = models.DateTimeField(_("adopted"))
    recipe = models.JSONField(_("recipe"), default=dict, blank=True)
    input_hash = models.CharField(_("inputs hash"), max_length=64)
    period_start = models.PositiveSmallIntegerField(_("masterplan period from"))
    period_end = models.PositiveSmallIntegerField(_("masterplan period to"))
    # {"2026": 900000000}: whole rupiah; years without a ceiling are left out
    ceilings = models.JSONField(_("yearly budget ceilings"), default=dict, blank=True)
    # {"APBD": {"2026": 800000000}}
    source_ceilings = models.JSONField(_("ceilings per funding source"), default=dict, blank=True)
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)

    class Meta:
        ordering = ["-adopted_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["region"], condition=Q(superseded_at__isnull=True), name="one_current_adopted_plan"
            )
        ]
        verbose_name = _("adopted plan")
        verbose_name_plural = _("adopted plans")

    def __str__(self) -> str:
        return f"Adopted plan {self.region_id} {self.adopted_at:%Y-%m-%d}"


class AdoptedItem(models.Model):
    """One initiative as the plan adopted it: its years and cost, or why it is not scheduled."""

    plan = models.ForeignKey(
        AdoptedPlan, verbose_name=_("adopted plan"), on_delete=models.CASCADE, related_name="items"
    )
    # kept None when the initiative is deleted later: the plan shows it as removed
    initiative = models.ForeignKey(
        "planning.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    dimension = models.CharField(_("dimension"), max_length=40)
    owner = models.CharField(_("owning OPD"), max_length=200)
    start_year = models.PositiveSmallIntegerField(_("start year"), null=True, blank=True)  # None: unscheduled
    duration = models.PositiveSmallIntegerField(_("duration (years)"))
    pinned_start_year = models.PositiveSmallIntegerField(_("pinned start year"), null=True, blank=True)
    # {"APBD": {"2026": 350000000}}: whole rupiah per source and calendar year of the adopted schedule
    cost = models.JSONField(_("cost per year and source"), default=dict, blank=True)
    predecessors = models.JSONField(_("predecessors"), default=list, blank=True)  # codes
    reason = models.TextField(_("why it is not scheduled"), blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("adopted initiative")
        verbose_name_plural = _("adopted initiatives")

    def __str__(self) -> str:
        return self.code

    @property
    def end_year(self) -> int | None:
        return None if self.start_year is None else self.start_year + self.duration - 1

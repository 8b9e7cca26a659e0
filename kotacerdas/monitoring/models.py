"""Monitoring records: reporting periods, realisation reports with their review trail, outcome series.

A locked period refuses every write at the lowest level too: each report-like model's ``save`` and
``delete`` go through ``guard_period``, so a path that forgets the action's check (the Django admin,
a shell) is still refused. The actions check first and say why in Indonesian.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, router
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.versioning import Versioned
from kotacerdas.core import monitoring as core
from kotacerdas.planning.models import FundingSource, Initiative, KeyIndicator, Kpi, QuickWin
from kotacerdas.regions.models import Region
from kotacerdas.web.compiled import compiled


class ReviewStatus(models.TextChoices):
    DRAFT = core.DRAFT, _("draft")
    SUBMITTED = core.SUBMITTED, _("submitted")
    RETURNED = core.RETURNED, _("returned for revision")
    APPROVED = core.APPROVED, _("approved")


class MonitoringSettings(models.Model):
    """How a region's monitoring is weighed and which implementation statuses it reports."""

    region = models.OneToOneField(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+"
    )
    weight_method = models.CharField(
        _("roll-up weights"),
        max_length=10,
        choices=[(core.PAGU, _("share of the pagu")), (core.EQUAL, _("equal"))],
        default=core.PAGU,
    )
    # code → {"label": ..., "progress": default %, "category": not_started|on_track|late|done}
    status_set = models.JSONField(_("implementation statuses"), default=dict, blank=True)

    class Meta:
        verbose_name = _("monitoring settings")
        verbose_name_plural = _("monitoring settings")

    def __str__(self) -> str:
        return str(self.region)


class KpiRule(models.Model):
    """What monitoring needs to know about a KPI beyond its plan: direction, kind, bounds, evidence."""

    class Kind(models.TextChoices):
        NUMBER = "number", _("plain number")
        PERCENTAGE = "percentage", _("percentage (numerator / denominator)")

    kpi = models.OneToOneField(Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="rule")
    direction = models.CharField(
        _("direction"),
        max_length=6,
        choices=[(core.HIGHER, _("higher is better")), (core.LOWER, _("lower is better"))],
        default=core.HIGHER,
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NUMBER)
    minimum = models.DecimalField(
        _("lowest allowed value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    maximum = models.DecimalField(
        _("highest allowed value"), max_digits=18, decimal_places=4, null=True, blank=True
    )
    evidence_required = models.BooleanField(_("evidence required"), default=False)

    class Meta:
        verbose_name = _("KPI rule")
        verbose_name_plural = _("KPI rules")

    def __str__(self) -> str:
        return str(self.kpi_id)


class Period(models.Model):
    """One reporting period of a region's masterplan: a year, or a quarter of it."""

    class State(models.TextChoices):
        OPEN = core.OPEN, _("open")
        CLOSED = core.CLOSED, _("closed")
        LOCKED = core.LOCKED, _("locked")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    year = models.PositiveSmallIntegerField(_("year"))
    quarter = models.PositiveSmallIntegerField(_("quarter"), null=True, blank=True)  # None: the whole year
    closes_on = models.DateField(_("closing date"))
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.OPEN)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("opened by"), on_delete=models.PROTECT, related_name="+"
    )
    opened_at = models.DateTimeField(_("opened"), auto_now_add=True)
    overdue_notified_on = models.DateField(null=True, blank=True, editable=False)
    due_notified_on = models.DateField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["year", "quarter"]
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        constraints = [
            models.UniqueConstraint(fields=["region", "year", "quarter"], name="monitoring_period_unique"),
            models.UniqueConstraint(
                fields=["region", "year"], condition=models.Q(quarter=None), name="monitoring_year_unique"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}" if self.quarter is None else f"{self.year} T{self.quarter}"

    @property
    def locked(self) -> bool:
        return self.state == core.LOCKED


def locked_error() -> ValidationError:
    return ValidationError(gettext("This reporting period is locked; nothing in it can be changed."))


_PERIOD_ID = -7_231_022  # a stand-in (kotacerdas.web.compiled)


def _state_of(period_id: int) -> Any:
    return Period.objects.filter(pk=period_id).values_list("state")


def stored_period_state(period_id: int) -> str | None:
    """The period's state as stored now (not as a loaded object says); None when there is no such
    period. Every report save asks twice (its action, then the guard below): SQL compiled once."""
    rows = compiled("period state", router.db_for_read(Period), _state_of, _PERIOD_ID).rows(period_id)
    return str(rows[0][0]) if rows else None


def guard_period(period_id: int | None) -> None:
    """Refuse any write under a locked period (read from the database, not from a stale object)."""
    if period_id and stored_period_state(period_id) == core.LOCKED:
        raise locked_error()


class PeriodGuarded(models.Model):
    """A record whose writes a locked period refuses (``period`` reached through ``period_path``)."""

    period_path = "period_id"

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        guard_period(self._period_id())
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        guard_period(self._period_id())
        return super().delete(*args, **kwargs)

    def _period_id(self) -> int | None:
        target: Any = self
        for part in self.period_path.split("__")[:-1]:
            target = getattr(target, part)
        return getattr(target, self.period_path.split("__")[-1])


class Report(Versioned, PeriodGuarded):
    """What the two report kinds share: period, review status, narrative, who wrote it; a version, so
    that a save from a form opened before someone else's save is refused (``require_version``)."""

    period = models.ForeignKey(
        Period, verbose_name=_("reporting period"), on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        _("status"), max_length=10, choices=ReviewStatus.choices, default=ReviewStatus.DRAFT
    )
    narrative = models.TextField(_("narrative"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("reported by"), on_delete=models.PROTECT, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        abstract = True


class KpiReport(Report):
    """The realisation of one KPI in one period."""

    kpi = models.ForeignKey(Kpi, verbose_name=_("KPI"), on_delete=models.CASCADE, related_name="+")
    value = models.DecimalField(_("actual value"), max_digits=18, decimal_places=4)
    numerator = models.DecimalField(_("numerator"), max_digits=18, decimal_places=4, null=True, blank=True)
    denominator = models.DecimalField(
        _("denominator"), max_digits=18, decimal_places=4, null=True, blank=True
    )

    class Meta:
        verbose_name = _("KPI realisation")
        verbose_name_plural = _("KPI realisations")
        constraints = [models.UniqueConstraint(fields=["period", "kpi"], name="monitoring_kpi_report_unique")]

    def __str__(self) -> str:
        return f"{self.kpi} {self.period}"

    def get_absolute_url(self) -> str:
        """The report's page (its review, evidence, history and discussion thread)."""
        return reverse("monitoring:review_kpi", args=[self.period.region.code, self.pk])


class Milestone(Versioned):
    """A step of a Quick Win that a report can mark done. Versioned: a change or removal from a form
    opened before someone else's save is refused (``require_version``)."""

    quick_win = models.ForeignKey(
        QuickWin, verbose_name=_("Quick Win"), on_delete=models.CASCADE, related_name="+"
    )
    title = models.CharField(_("milestone"), max_length=200)
    year = models.PositiveSmallIntegerField(_("planned year"))

    class Meta:
        ordering = ["year", "id"]
        verbose_name = _("Quick Win milestone")
        verbose_name_plural = _("Quick Win milestones")

    def __str__(self) -> str:
        return self.title


class InitiativeReport(Report):
    """The progress of one initiative in one period, with its realised budget per source."""

    initiative = models.ForeignKey(
        Initiative, verbose_name=_("initiative"), on_delete=models.CASCADE, related_name="+"
    )
    implementation = models.CharField(_("implementation status"), max_length=30)
    progress = models.DecimalField(_("progress (%)"), max_digits=5, decimal_places=2)
    milestones_done = models.ManyToManyField(
        Milestone, verbose_name=_("Quick Win milestones done"), blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("initiative progress report")
        verbose_name_plural = _("initiative progress reports")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "initiative"], name="monitoring_initiative_report_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.initiative} {self.period}"

    def get_absolute_url(self) -> str:
        return reverse("monitoring:review_initiative", args=[self.period.region.code, self.pk])


class Realisation(PeriodGuarded):
    """Budget realised by one funding source, against the pagu of the plan of record."""

    period_path = "report__period_id"
    report = models.ForeignKey(InitiativeReport, on_delete=models.CASCADE, related_name="realisations")
    source = models.CharField(_("funding source"), max_length=10, choices=FundingSource.choices)
    amount = models.DecimalField(_("realised (Rp)"), max_digits=18, decimal_places=0)

    class Meta:
        ordering = ["source"]
        verbose_name = _("budget realisation")
        verbose_name_plural = _("budget realisations")
        constraints = [
            models.UniqueConstraint(fields=["report", "source"], name="monitoring_realisation_unique")
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.amount}"


class Evidence(PeriodGuarded):
    """A file (the shared upload rules) or a link supporting a KPI or an initiative report."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    kpi_report = models.ForeignKey(
        KpiReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    initiative_report = models.ForeignKey(
        InitiativeReport, null=True, blank=True, on_delete=models.CASCADE, related_name="evidence"
    )
    # blank when the person gave none: shown_label words the default in the reader's language
    label = models.CharField(_("label"), max_length=200, blank=True)
    link = models.URLField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    added_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")

    def __str__(self) -> str:
        return self.shown_label

    @property
    def shown_label(self) -> str:
        return self.label or gettext("Evidence")


class ReportTransition(PeriodGuarded):
    """Who moved a report from which status to which, when and why."""

    period = models.ForeignKey(Period, on_delete=models.CASCADE, related_name="+")
    kpi_report = models.ForeignKey(
        KpiReport, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions"
    )
    initiative_report = models.ForeignKey(
        InitiativeReport, null=True, blank=True, on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=10, choices=ReviewStatus.choices)
    to_status = models.CharField(_("to"), max_length=10, choices=ReviewStatus.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        # The region's latest move, read on every view of its monitoring card and page (the stamp they
        # are kept against: kotacerdas/monitoring/region_section.py).
        indexes = [models.Index(fields=["period", "id"], name="monitoring_move_latest")]
        verbose_name = _("report transition")
        verbose_name_plural = _("report transitions")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class OutcomeValue(Versioned):
    """One year's value of an outcome indicator (poverty rate, IPM, …) of a region. Versioned: a save or
    removal from a form opened before someone else's save is refused (``require_version``)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("indicator"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    value = models.DecimalField(_("value"), max_digits=18, decimal_places=4)
    unit = models.CharField(_("unit"), max_length=40, blank=True)
    source = models.CharField(_("source"), max_length=200)
    verified = models.BooleanField(_("verified"), default=False)
    example = models.BooleanField(_("example data"), default=False)
    key_indicator = models.ForeignKey(
        KeyIndicator, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["name", "year"]
        verbose_name = _("outcome value")
        verbose_name_plural = _("outcome values")
        constraints = [
            models.UniqueConstraint(fields=["region", "name", "year"], name="monitoring_outcome_unique")
        ]

    def __str__(self) -> str:
        return f"{self.name} {self.year}"

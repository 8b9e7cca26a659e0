"""A yearly evaluation (monev) cycle, its participants, and its immutable publication.

What a cycle is judged by is frozen when Ayu opens it: the instrument version (its weights, by id,
version and content hash) and the size-class scheme (as data), and each participant's population.
A later change to an instrument file, a scheme or a region's population never moves a published rank.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.jobs.models import HeartbeatJob, JobStatus


class Cycle(models.Model):
    class State(models.TextChoices):
        OPEN = "open", _("open")
        PUBLISHED = "published", _("published")

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    note = models.CharField(_("note"), max_length=200, blank=True)  # e.g. "example data" in the demo
    instrument = models.CharField(_("instrument"), max_length=80)
    instrument_version = models.CharField(_("instrument version"), max_length=40)
    instrument_hash = models.CharField(_("instrument hash"), max_length=64)
    size_scheme = models.JSONField(_("size-class scheme"))  # frozen: size_scheme_to_dict form
    self_assessment_until = models.DateField(_("self-assessment until"))
    verification_until = models.DateField(_("verification and interviews until"))
    publication_on = models.DateField(_("publication on"))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.OPEN)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("evaluation cycle")
        verbose_name_plural = _("evaluation cycles")

    def __str__(self) -> str:
        return str(_("Evaluation %(year)d") % {"year": self.year})


class Participant(models.Model):
    """A region in a cycle: its population frozen at opening, and its part scores once entered."""

    cycle = models.ForeignKey(
        Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="participants"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="evaluations"
    )
    population = models.PositiveIntegerField(_("population"))
    scores = models.JSONField(_("part scores"), default=dict, blank=True)  # part → exact decimal text
    previous_total = models.CharField(_("previous total"), max_length=40, blank=True)
    verified = models.BooleanField(_("verified"), default=False)
    # the monev self-assessment the cycle started for this region, pre-filled from the record
    # (selfassessment.py); its verified part scores become ``scores``
    assessment = models.OneToOneField(
        "assessment.Assessment",
        verbose_name=_("self-assessment"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="evaluation_participant",
    )

    class Meta:
        ordering = ["cycle", "region__code"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")
        constraints = [
            models.UniqueConstraint(fields=["cycle", "region"], name="unique_evaluation_participant")
        ]

    def __str__(self) -> str:
        return f"{self.region} · {self.cycle}"


class EvidenceLink(models.Model):
    """A record already in kotacerdas that an assessment answer rests on, attached by reference (a link).

    Two kinds: the *source* of a pre-filled value (the monitoring period counted, the institutions
    page) and *evidence* (an SK file, the ratified Perkada's book, an initiative report's evidence).
    Nothing is copied: the link opens the record through its own page and its own access check.
    """

    class Kind(models.TextChoices):
        SOURCE = "source", _("source of the pre-filled value")
        EVIDENCE = "evidence", _("evidence on file")

    assessment = models.ForeignKey(
        "assessment.Assessment",
        verbose_name=_("assessment"),
        on_delete=models.CASCADE,
        related_name="evidence_links",
    )
    indicator = models.CharField(_("indicator"), max_length=80)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("label"), max_length=200)
    url = models.CharField(_("link"), max_length=300)  # a path of this site, never an outside address
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["assessment", "indicator", "id"]
        verbose_name = _("evidence link")
        verbose_name_plural = _("evidence links")
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator", "url"], name="unique_evidence_link")
        ]

    def __str__(self) -> str:
        return self.label


class ImmutableError(Exception):
    """A publication is never changed or deleted once written."""


class Publication(models.Model):
    """The published result of a cycle with its recipe and input hash; written once, never changed."""

    cycle = models.OneToOneField(
        Cycle, verbose_name=_("cycle"), on_delete=models.PROTECT, related_name="publication"
    )
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("published by"), on_delete=models.PROTECT, related_name="+"
    )
    published_at = models.DateTimeField(_("published"), auto_now_add=True)
    recipe = models.JSONField(_("recipe"))
    input_hash = models.CharField(_("input hash"), max_length=64)
    rows = models.JSONField(_("results"))  # the ranks.csv rows, exact text
    bands = models.JSONField(_("rank bands"), default=dict)  # region code → {q05, median, q95, robust}
    # region code → {parts, previous_total, population, verified[, dimensions]}: what each result
    # letter shows, read from here only, so a letter never changes after publication. ``dimensions``
    # (smart-city dimension code → exact score, "" when no programme was planned) is derived at
    # publication (core/evaluation/dimensions.py); publications from before it have none
    inputs = models.JSONField(_("published inputs"), default=dict)

    class Meta:
        verbose_name = _("publication")
        verbose_name_plural = _("publications")

    def __str__(self) -> str:
        return str(self.cycle)

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None and Publication.objects.filter(pk=self.pk).exists():
            raise ImmutableError("a published evaluation is never changed")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise ImmutableError("a published evaluation is never deleted")


class PublishJob(HeartbeatJob):
    """Publishing a cycle in the background (ranks and 1,000-replication bands), with its progress.

    A job with a heartbeat (kotacerdas/jobs/liveness.py): one whose worker died is marked failed by
    the next sweep instead of "running" for ever; Ayu can then publish again.
    """

    job_abandoned_message = _(
        "The publication stopped because its worker process stopped; please publish again."
    )

    Status = JobStatus

    cycle = models.ForeignKey(Cycle, verbose_name=_("cycle"), on_delete=models.CASCADE, related_name="jobs")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("publication job")
        verbose_name_plural = _("publication jobs")

    def __str__(self) -> str:
        return f"{self.cycle} · {self.get_status_display()}"


class ResultsBook(HeartbeatJob):
    """The national results book of a publication (DOCX, and PDF when LibreOffice is there).

    Built in the background from the publication only (results_book.py), so it shows what was
    published and nothing later; written once per publication.
    """

    job_abandoned_message = _(
        "The results book stopped because its worker process stopped; please build it again."
    )

    Status = JobStatus

    publication = models.OneToOneField(
        Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="book"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("requested by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.TextField(_("message"), blank=True)
    docx = models.BinaryField(_("DOCX"), blank=True, default=b"")
    pdf = models.BinaryField(_("PDF"), blank=True, default=b"")  # empty without LibreOffice

    class Meta:
        verbose_name = _("national results book")
        verbose_name_plural = _("national results books")

    def __str__(self) -> str:
        return f"{self.publication} · {self.get_status_display()}"


# The composite-index runs live in their own module; imported here so Django registers the model.
from kotacerdas.evaluation.index_models import IndexRun  # noqa: E402

__all__ = ["Cycle", "ImmutableError", "IndexRun", "Participant", "Publication", "PublishJob", "ResultsBook"]


class LetterJob(HeartbeatJob):
    """Preparing the PDF of every result letter of a publication, in the background, n of m.

    One per publication (the unique ``publication`` is the database's guarantee that two downloads
    never queue two): made queued when the cycle is published, queued again when a letter's PDF is
    asked for and not kept (a finished or failed job back to queued by one conditional update, which
    only one concurrent request wins). The task (letter_pdfs.prepare_letter_pdfs) converts only the
    letters not kept yet; a job whose worker died is failed by the sweep and queued again by the next
    download or by Ayu on the cycle page.
    """

    job_abandoned_message = _(
        "Preparing the letters' PDFs stopped because its worker process stopped; it starts again at the "
        "next PDF download."
    )

    Status = JobStatus

    publication = models.OneToOneField(
        Publication, verbose_name=_("publication"), on_delete=models.PROTECT, related_name="letter_job"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.QUEUED)
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    prepared = models.PositiveIntegerField(_("letters prepared"), default=0)
    total = models.PositiveIntegerField(_("letters"), default=0)
    message = models.TextField(_("message"), blank=True)
    # LibreOffice is missing: a download says so instead of queueing the job again (Ayu may retry)
    pdf_unavailable = models.BooleanField(_("PDF unavailable"), default=False)

    class Meta:
        verbose_name = _("result letters' PDF job")
        verbose_name_plural = _("result letters' PDF jobs")

    def __str__(self) -> str:
        return f"{self.publication} · {self.get_status_display()}"

    @property
    def is_running(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)

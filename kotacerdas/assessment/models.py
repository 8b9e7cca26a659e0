"""An assessment of one region against one instrument version, its answers,
evidence, verification steps and results.

The instrument itself is data (kotacerdas/frameworks/*.yaml); an assessment
records its id, version and hash. States and who may move them are in
docs/reference/assessment-states.md; every move writes a Transition row.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit import reasons
from kotacerdas.audit.versioning import Versioned


class State(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    IN_REVIEW = "in_review", _("In review")
    RETURNED = "returned", _("Returned for revision")
    VERIFIED = "verified", _("Verified")
    # ended without a verified result (its evaluation cycle was published): read-only for good
    CLOSED = "closed", _("Closed")


class Assessment(models.Model):
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="assessments"
    )
    title = models.CharField(_("title"), max_length=200)
    instrument_id = models.CharField(_("instrument"), max_length=80)
    instrument_version = models.CharField(_("instrument version"), max_length=80)
    instrument_hash = models.CharField(_("instrument hash"), max_length=64)
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    target = models.DecimalField(_("target level"), max_digits=8, decimal_places=2, null=True, blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assessor"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="assessments_to_verify",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("assessment")
        verbose_name_plural = _("assessments")

    def __str__(self) -> str:
        return self.title


class Assignment(models.Model):
    """Which OPD answers an indicator (one row per indicator; a group assignment expands)."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="assignments")
    indicator = models.CharField(_("indicator"), max_length=80)
    opd = models.ForeignKey("regions.Opd", verbose_name=_("OPD"), on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_opd_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator} → {self.opd}"


class Answer(Versioned):
    """The region's answer to one indicator, and the assessor's verified value."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="answers"
    )
    indicator = models.CharField(_("indicator"), max_length=80)
    value = models.CharField(_("answer"), max_length=80, blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.DRAFT)
    verified_value = models.CharField(_("verified answer"), max_length=80, blank=True)
    review_reason = models.TextField(_("reason"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "indicator"], name="one_answer_per_indicator"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.indicator}"

    @property
    def is_adjusted(self) -> bool:
        return self.state == State.VERIFIED and self.verified_value != self.value


class Evidence(models.Model):
    """An uploaded file, stored under MEDIA_ROOT with a generated name, served by an access-checked view."""

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    original_name = models.CharField(_("file name"), max_length=200)
    stored_name = models.CharField(max_length=80, unique=True)
    content_type = models.CharField(max_length=120)
    size = models.PositiveIntegerField(_("size"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name


class Transition(models.Model):
    """One step of the state machine: of the assessment (answer empty) or of one answer."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="transitions")
    answer = models.ForeignKey(
        Answer, on_delete=models.CASCADE, null=True, blank=True, related_name="transitions"
    )
    from_state = models.CharField(_("from"), max_length=20, choices=State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=State.choices)
    action = models.CharField(_("action"), max_length=40)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("reason"), blank=True)
    # a reason kotacerdas gave itself (publishing a cycle closed the assessment), kept as its facts and
    # worded in the reader's language (kotacerdas.audit.reasons); ``reason`` then stays empty
    reason_facts = models.JSONField(_("reason (facts)"), null=True, blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return f"{self.from_state} → {self.to_state}"

    @property
    def reason_text(self) -> str:
        """Why, as the reader reads it: a person's own words, or the system's facts worded now."""
        return reasons.wording(self.reason_facts) if reasons.is_reason(self.reason_facts) else self.reason


class InterviewNote(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    text = models.TextField(_("note"))
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.text[:60]


class Result(models.Model):
    """A score with its recipe: self-assessed at submission, verified at the end of review."""

    class Kind(models.TextChoices):
        SELF = "self", _("Self-assessed")
        VERIFIED = "verified", _("Verified")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="results")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    total = models.FloatField(_("total"))
    total_exact = models.CharField(max_length=200)
    band = models.CharField(_("predicate"), max_length=120, blank=True)
    data = models.JSONField()
    recipe = models.JSONField()
    answers = models.JSONField()
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.kind} · {self.total_exact}"

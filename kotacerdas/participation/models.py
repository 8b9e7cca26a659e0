"""Citizen participation: a citizen's verified account and consents, consultations with phases,
ideas (problems or ideas), supports and comments, and the moderation and promotion of ideas."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.regions.models import Region

# Length limits (docs/reference/participation.md); the forms and the actions both keep to them.
TITLE_MAX = 120
TEXT_MAX = 2000
COMMENT_MAX = 1000
TEXT_MIN = 20
TITLE_MIN = 5
KECAMATAN_MAX = 80
HIDDEN_REASON_MAX = 300  # the moderator's reason for hiding, shown to the author
OUTCOME_REASON_MAX = 500  # why an idea was not taken, shown on its page


class Citizen(models.Model):
    """A person who registered to take part; they may post once their e-mail is verified."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="citizen", verbose_name=_("person")
    )
    verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    created_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        verbose_name = _("citizen")
        verbose_name_plural = _("citizens")

    def __str__(self) -> str:
        return str(self.user)

    @property
    def verified(self) -> bool:
        return self.verified_at is not None


class Consultation(models.Model):
    """A region's call for citizen input, e.g. problem collection before Bimtek I."""

    region = models.ForeignKey(
        Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="consultations"
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:consultation", args=[self.pk])

    def open_phase(self, today: date) -> Phase | None:
        return next((p for p in self.phases.all() if p.is_open(today)), None)


class Phase(models.Model):
    """A stretch of dates in a consultation, each saying what citizens may do during it."""

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="phases")
    name = models.CharField(_("phase"), max_length=200)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    ideas_open = models.BooleanField(_("ideas open"), default=True)
    supports_open = models.BooleanField(_("supports open"), default=True)
    comments_open = models.BooleanField(_("comments open"), default=True)
    # closed early by the coordinator ("close now"), whatever its end date says
    closed = models.BooleanField(_("closed"), default=False)

    class Meta:
        ordering = ["starts_on", "pk"]
        verbose_name = _("phase")
        verbose_name_plural = _("phases")

    def __str__(self) -> str:
        return self.name

    def is_open(self, today: date) -> bool:
        return not self.closed and self.starts_on <= today <= self.ends_on

    def state(self, today: date) -> str:
        """closed (early, by the coordinator), ended, upcoming or open: what the phase tables say."""
        if self.closed:
            return "closed"
        if self.ends_on < today:
            return "ended"
        return "upcoming" if today < self.starts_on else "open"


PHASE_STATES = {
    "closed": _("closed"),
    "ended": _("ended"),
    "upcoming": _("upcoming"),
    "open": _("open now"),
}


ACTS = ("ideas_open", "supports_open", "comments_open")
YES, NO, NOT_YET = _("yes"), _("no"), _("not yet")


def what_is_possible(phase: Phase, state: str) -> list[str]:
    """Per act (ideas, supports, comments): what a citizen may do in this phase NOW. "yes" only while
    it is open; "not yet" for an upcoming phase that will allow it; "no" otherwise (closed or ended)."""
    if state == "open":
        return [str(YES) if getattr(phase, act) else str(NO) for act in ACTS]
    if state == "upcoming":
        return [str(NOT_YET) if getattr(phase, act) else str(NO) for act in ACTS]
    return [str(NO)] * len(ACTS)


def phase_rows(phases: Iterable[Phase], today: date) -> list[tuple[Phase, str, str, list[str]]]:
    """(phase, state, its label, what is possible now) for the phase tables: a citizen sees which
    phase runs now and what it allows today."""
    states = [(phase, phase.state(today)) for phase in phases]
    return [
        (phase, state, str(PHASE_STATES[state]), what_is_possible(phase, state)) for phase, state in states
    ]


class Moderated(models.Model):
    """What ideas and comments share: a public author name, a state and the moderator's reason."""

    class State(models.TextChoices):
        PUBLISHED = "published", pgettext_lazy("moderation state", "published")
        HELD = "held", _("held for redaction")
        HIDDEN = "hidden", _("hidden")

    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    # the name shown publicly, copied when posting: erasure replaces it by "Warga #id"
    author_name = models.CharField(_("author"), max_length=150)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PUBLISHED)
    hidden_reason = models.CharField(_("reason"), max_length=HIDDEN_REASON_MAX, blank=True)
    # a keyed hash of the poster's address, for the per-address limit (never the address itself)
    address_key = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("posted"), auto_now_add=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.state == self.State.PUBLISHED


class Idea(Moderated):
    class Kind(models.TextChoices):
        PROBLEM = "problem", _("Problem")
        IDEA = "idea", _("Idea")

    class Outcome(models.TextChoices):
        OPEN = "open", _("under consideration")
        PROMOTED = "promoted", _("taken into the problem inventory")
        NOT_TAKEN = "not_taken", _("not taken")

    consultation = models.ForeignKey(Consultation, on_delete=models.CASCADE, related_name="ideas")
    region = models.ForeignKey(Region, on_delete=models.CASCADE, related_name="+")
    phase = models.ForeignKey(Phase, on_delete=models.PROTECT, related_name="ideas")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.IDEA)
    title = models.CharField(_("title"), max_length=TITLE_MAX)
    text = models.TextField(_("text"), max_length=TEXT_MAX)
    dimension = models.CharField(_("dimension"), max_length=40)
    element = models.CharField(_("element"), max_length=60)
    kecamatan = models.CharField(_("kecamatan"), max_length=KECAMATAN_MAX, blank=True)
    photo = models.FileField(_("photo"), max_length=255, blank=True)
    photo_type = models.CharField(max_length=10, blank=True, editable=False)
    outcome = models.CharField(_("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.OPEN)
    outcome_reason = models.CharField(_("reason"), max_length=OUTCOME_REASON_MAX, blank=True)
    # the problem this idea became (planning's inventory); the problem reaches back by citizen_ideas
    problem = models.ForeignKey(
        "planning.Problem",
        verbose_name=_("problem"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="citizen_ideas",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("participation:idea", args=[self.pk])


class Support(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["idea", "user"], name="one_support_per_person")]

    def __str__(self) -> str:
        return f"{self.user} → {self.idea}"


class Comment(Moderated):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    text = models.TextField(_("comment"), max_length=COMMENT_MAX)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("comment")
        verbose_name_plural = _("comments")

    def __str__(self) -> str:
        return self.text[:60]


class RateEvent(models.Model):
    """One counted act (a sign-up, an idea, a comment, a support) for the rate limits."""

    kind = models.CharField(max_length=20)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    address_key = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["kind", "address_key", "at"], name="rate_by_address")]

    def __str__(self) -> str:
        return f"{self.kind} {self.at:%Y-%m-%d %H:%M}"

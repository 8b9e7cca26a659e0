"""The national programme: cohorts, candidacies, selection, MoU, Bimtek stages and deliverables."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from kotacerdas.core import progress

STAGE_NUMBERS = (1, 2, 3, 4)
STAGE_NAMES = {1: "Bimtek I", 2: "Bimtek II", 3: "Bimtek III", 4: "Bimtek IV"}


class Cohort(models.Model):
    """One year's intake: a quota, the selection instrument and the Bimtek calendar."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    name = models.CharField(_("name"), max_length=120)
    quota = models.PositiveIntegerField(_("quota"))
    instrument = models.CharField(_("selection instrument"), max_length=80)
    borderline_margin = models.DecimalField(_("borderline margin"), max_digits=8, decimal_places=4, default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")

    def __str__(self) -> str:
        return self.name


class Stage(models.Model):
    """A Bimtek stage of a cohort with its dates."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="stages"
    )
    number = models.PositiveSmallIntegerField(
        _("stage"), choices=[(n, STAGE_NAMES[n]) for n in STAGE_NUMBERS]
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))

    class Meta:
        ordering = ["cohort", "number"]
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        constraints = [models.UniqueConstraint(fields=["cohort", "number"], name="unique_stage_per_cohort")]

    def __str__(self) -> str:
        return STAGE_NAMES[self.number]

    @property
    def name(self) -> str:
        return STAGE_NAMES[self.number]


class Candidacy(models.Model):
    """A region invited to a cohort; selected or not after the ranking."""

    class Status(models.TextChoices):
        INVITED = "invited", _("invited")
        SELECTED = "selected", _("selected")
        NOT_SELECTED = "not_selected", _("not selected")

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="candidacies"
    )
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="candidacies"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INVITED)
    assessment_id = models.PositiveBigIntegerField(_("selection assessment"), null=True, blank=True)
    invited_at = models.DateTimeField(_("invited"), auto_now_add=True)

    class Meta:
        ordering = ["cohort", "region__code"]
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        constraints = [models.UniqueConstraint(fields=["cohort", "region"], name="unique_candidacy")]

    def __str__(self) -> str:
        return f"{self.region} · {self.cohort}"


class InterimScore(models.Model):
    """A verified selection score recorded by an assessor while the assessment app is not wired in.

    Read only through kotacerdas.programme.scores; replaced there by the assessment's verified score.
    """

    candidacy = models.OneToOneField(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="interim_score"
    )
    score = models.DecimalField(_("verified score"), max_digits=9, decimal_places=4)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("verified by"), on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("verified"), auto_now=True)

    class Meta:
        verbose_name = _("verified score")
        verbose_name_plural = _("verified scores")

    def __str__(self) -> str:
        return f"{self.candidacy}: {self.score}"


class AssessorAssignment(models.Model):
    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="assessors"
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("assessor"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("assessor assignment")
        verbose_name_plural = _("assessor assignments")
        constraints = [models.UniqueConstraint(fields=["candidacy", "assessor"], name="unique_assessor")]

    def __str__(self) -> str:
        return f"{self.assessor} → {self.candidacy}"


class MentorAssignment(models.Model):
    """A mentor (tenaga ahli pendamping) assigned to a selected region of a cohort."""

    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="mentors"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mentor"),
        on_delete=models.CASCADE,
        related_name="mentor_assignments",
    )
    created_at = models.DateTimeField(_("assigned"), auto_now_add=True)

    class Meta:
        verbose_name = _("mentor assignment")
        verbose_name_plural = _("mentor assignments")
        constraints = [models.UniqueConstraint(fields=["candidacy", "mentor"], name="unique_mentor")]

    def __str__(self) -> str:
        return f"{self.mentor} → {self.candidacy}"


class Override(models.Model):
    """An equity/strategic decision that changes the selection by rank, always with its reason."""

    class Decision(models.TextChoices):
        INCLUDE = "include", _("include despite rank")
        EXCLUDE = "exclude", _("exclude despite rank")

    candidacy = models.OneToOneField(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="override"
    )
    decision = models.CharField(_("decision"), max_length=10, choices=Decision.choices)
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("decided by"), on_delete=models.PROTECT, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now=True)

    class Meta:
        verbose_name = _("override")
        verbose_name_plural = _("overrides")

    def __str__(self) -> str:
        return f"{self.candidacy}: {self.decision}"


class Ranking(models.Model):
    """A saved selection: the ranked list and the recipe that regenerates it."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="rankings"
    )
    recipe = models.JSONField(_("recipe"))
    entries = models.JSONField(_("entries"))
    input_hash = models.CharField(_("input hash"), max_length=64)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("created by"), on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("ranking")
        verbose_name_plural = _("rankings")

    def __str__(self) -> str:
        return f"{self.cohort} · {self.created_at:%Y-%m-%d %H:%M}"


class Mou(models.Model):
    """The Nota Kesepakatan between Dirjen Aptika and a selected region."""

    candidacy = models.OneToOneField(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="mou"
    )
    number = models.CharField(_("number"), max_length=120)
    signed_on = models.DateField(_("signed on"))
    file = models.FileField(_("signed file"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now=True)

    class Meta:
        verbose_name = _("MoU (Nota Kesepakatan)")
        verbose_name_plural = _("MoUs (Nota Kesepakatan)")

    def __str__(self) -> str:
        return self.number


class ChecklistItem(models.Model):
    """One expected deliverable of a stage, configurable per cohort (defaults from data/deliverables.yaml)."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.CASCADE, related_name="checklist"
    )
    stage = models.PositiveSmallIntegerField(_("stage"), choices=[(n, STAGE_NAMES[n]) for n in STAGE_NUMBERS])
    code = models.SlugField(_("code"), max_length=60)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    due_on = models.DateField(_("due on"), null=True, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["cohort", "stage", "order", "id"]
        verbose_name = _("checklist item")
        verbose_name_plural = _("checklist items")
        constraints = [models.UniqueConstraint(fields=["cohort", "code"], name="unique_checklist_code")]

    def __str__(self) -> str:
        return self.title


class Deliverable(models.Model):
    """A selected region's copy of a checklist item, moving through the review state machine."""

    class Status(models.TextChoices):
        PENDING = progress.PENDING, _("not submitted")
        SUBMITTED = progress.SUBMITTED, _("submitted, waiting for review")
        RETURNED = progress.RETURNED, _("returned for revision")
        APPROVED = progress.APPROVED, _("approved")

    candidacy = models.ForeignKey(
        Candidacy, verbose_name=_("candidacy"), on_delete=models.CASCADE, related_name="deliverables"
    )
    item = models.ForeignKey(
        ChecklistItem, verbose_name=_("checklist item"), on_delete=models.CASCADE, related_name="deliverables"
    )
    # the candidacy's region, kept here so comment threads (kotacerdas.discussion) can scope by it
    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PENDING)
    overdue_notified_on = models.DateField(_("overdue reminder sent"), null=True, blank=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["candidacy", "item__stage", "item__order", "item_id"]
        verbose_name = _("deliverable")
        verbose_name_plural = _("deliverables")
        constraints = [models.UniqueConstraint(fields=["candidacy", "item"], name="unique_deliverable")]

    def __str__(self) -> str:
        return f"{self.item.title} · {self.region}"

    def get_absolute_url(self) -> str:
        return reverse("programme:deliverable", args=[self.region.code, self.candidacy.cohort_id, self.pk])


class SubmittedItem(models.Model):
    """Something the region hands in for a deliverable: a link to a record or an uploaded file."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="items"
    )
    label = models.CharField(_("label"), max_length=200)
    link = models.CharField(_("link"), max_length=500, blank=True)
    file = models.FileField(_("file"), max_length=255, blank=True)
    file_type = models.CharField(_("file type"), max_length=10, blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("added by"), on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField(_("added"), auto_now_add=True)

    class Meta:
        ordering = ["added_at", "id"]
        verbose_name = _("submitted item")
        verbose_name_plural = _("submitted items")

    def __str__(self) -> str:
        return self.label


class Transition(models.Model):
    """Who moved a deliverable from which status to which, when and why."""

    deliverable = models.ForeignKey(
        Deliverable, verbose_name=_("deliverable"), on_delete=models.CASCADE, related_name="transitions"
    )
    from_status = models.CharField(_("from"), max_length=20, choices=Deliverable.Status.choices)
    to_status = models.CharField(_("to"), max_length=20, choices=Deliverable.Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("who"), on_delete=models.PROTECT, related_name="+"
    )
    reason = models.TextField(_("why"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")

    def __str__(self) -> str:
        return f"{self.from_status} → {self.to_status}"


class Institution(models.Model):
    """The Dewan Smart City or Tim Pelaksana of a region, formed by an SK of the regional head."""

    class Kind(models.TextChoices):
        COUNCIL = "dewan", _("Dewan Smart City")
        TEAM = "tim_pelaksana", _("Tim Pelaksana Smart City")

    region = models.ForeignKey(
        "regions.Region", verbose_name=_("region"), on_delete=models.CASCADE, related_name="sc_institutions"
    )
    kind = models.CharField(pgettext_lazy("institution", "body"), max_length=20, choices=Kind.choices)
    decree_number = models.CharField(_("SK number"), max_length=120, blank=True)
    decree_date = models.DateField(_("SK date"), null=True, blank=True)
    decree_file = models.FileField(_("SK file"), max_length=255, blank=True)
    decree_file_type = models.CharField(_("file type"), max_length=10, blank=True)

    class Meta:
        ordering = ["region", "kind"]
        verbose_name = _("smart city body")
        verbose_name_plural = _("smart city bodies")
        constraints = [models.UniqueConstraint(fields=["region", "kind"], name="unique_institution_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.region}"


class InstitutionMember(models.Model):
    class Role(models.TextChoices):
        CHAIR = "chair", _("chair")
        VICE_CHAIR = "vice_chair", _("vice chair")
        SECRETARY = "secretary", _("secretary")
        MEMBER = "member", _("member")

    institution = models.ForeignKey(
        Institution,
        verbose_name=pgettext_lazy("institution", "body"),
        on_delete=models.CASCADE,
        related_name="members",
    )
    name = models.CharField(_("name"), max_length=150)
    position = models.CharField(_("position"), max_length=150, blank=True)
    agency = models.CharField(_("institution"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER)

    class Meta:
        ordering = ["institution", "role", "name"]
        verbose_name = _("member")
        verbose_name_plural = _("members")

    def __str__(self) -> str:
        return self.name

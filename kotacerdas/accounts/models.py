from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _


class User(AbstractUser):
    """A person. What they may see and do comes from their memberships."""

    def __str__(self) -> str:
        return self.get_full_name() or self.username


class Role(models.TextChoices):
    NATIONAL_ADMIN = "national_admin", _("National programme admin")
    ASSESSOR = "assessor", _("Assessor")
    MENTOR = "mentor", _("Mentor")
    COORDINATOR = "coordinator", _("Region coordinator")
    OPD_CONTRIBUTOR = "opd_contributor", _("OPD contributor")


REGION_SCOPED_ROLES = {Role.ASSESSOR, Role.MENTOR, Role.COORDINATOR, Role.OPD_CONTRIBUTOR}


class Membership(models.Model):
    """Person ↔ role, scoped to a region (and to an OPD for OPD contributors)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    opd = models.ForeignKey(
        "regions.Opd",
        verbose_name=_("OPD"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        ordering = ["user__username", "role"]
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "region", "opd"], name="unique_membership"),
            models.CheckConstraint(
                name="membership_scope_matches_role",
                condition=(
                    models.Q(role=Role.NATIONAL_ADMIN, region__isnull=True, opd__isnull=True)
                    | models.Q(role=Role.OPD_CONTRIBUTOR, region__isnull=False, opd__isnull=False)
                    | models.Q(
                        role__in=[Role.ASSESSOR, Role.MENTOR, Role.COORDINATOR],
                        region__isnull=False,
                        opd__isnull=True,
                    )
                ),
            ),
        ]

    def __str__(self) -> str:
        scope = self.opd or self.region or _("all regions")
        return f"{self.user} · {self.get_role_display()} · {scope}"


class Purpose(models.TextChoices):
    """What a person may agree to, one consent each (UU PDP 27/2022 art. 20–22: consent per purpose)."""

    PARTICIPATION = "participation", _("Taking part in public consultations (ideas, supports, comments)")
    EMAIL_DIGEST = "email_digest", _("A daily e-mail summary of my tasks")


class Consent(models.Model):
    """One purpose a person agreed to, when, and when they withdrew it (the row stays as the record)."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.CharField(_("purpose"), max_length=30, choices=Purpose.choices)
    given_at = models.DateTimeField(_("given"))
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True)

    class Meta:
        ordering = ["user_id", "purpose", "-given_at"]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "purpose"], condition=models.Q(withdrawn_at=None), name="one_active_consent"
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_purpose_display()} ({self.given_at:%Y-%m-%d})"

    @property
    def active(self) -> bool:
        return self.withdrawn_at is None


class ErasureRequest(models.Model):
    """A person asked for their personal data to be erased; a national admin carries it out."""

    user = models.ForeignKey(
        User, verbose_name=_("person"), on_delete=models.CASCADE, related_name="erasure_requests"
    )
    requested_at = models.DateTimeField(_("requested"))
    handled_at = models.DateTimeField(_("carried out"), null=True, blank=True)
    handled_by = models.ForeignKey(
        User,
        verbose_name=_("carried out by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")

    def __str__(self) -> str:
        return f"#{self.user_id} {self.requested_at:%Y-%m-%d}"

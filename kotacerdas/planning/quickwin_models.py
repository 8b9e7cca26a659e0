"""A Quick Win (a short, visible initiative of the plan's first years) and its risk register.

Imported by kotacerdas.planning.models (which stays near 400 lines), so Django registers them and
``from kotacerdas.planning.models import QuickWin`` works."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.versioning import Versioned
from kotacerdas.planning.plan_scope import AllRevisions, OfInitiativeInActivePlan
from kotacerdas.regions.models import Opd, Region


class QuickWin(Versioned):
    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    initiative = models.OneToOneField(
        "planning.Initiative",
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="quick_win",
    )
    year = models.PositiveSmallIntegerField(_("year"))
    brand = models.CharField(_("name / brand"), max_length=120, blank=True)
    owner = models.ForeignKey(Opd, verbose_name=_("owning OPD"), on_delete=models.PROTECT, related_name="+")
    steps = models.TextField(_("steps and milestones"), blank=True)
    targets = models.TextField(_("targets"), blank=True)

    objects = OfInitiativeInActivePlan()
    all_revisions = AllRevisions()

    class Meta:
        ordering = ["year", "initiative__code"]
        verbose_name = _("Quick Win")
        verbose_name_plural = _("Quick Wins")

    def __str__(self) -> str:
        return self.brand or self.initiative.name

    def get_absolute_url(self) -> str:
        return reverse("planning:quickwin", args=[self.region.code, self.pk])


class Risk(models.Model):
    class Handling(models.TextChoices):
        AVOID = "avoid", _("Avoid")
        REDUCE = "reduce", _("Reduce")
        TRANSFER = "transfer", _("Transfer")
        ACCEPT = "accept", _("Accept")

    quick_win = models.ForeignKey(
        QuickWin, verbose_name=_("Quick Win"), on_delete=models.CASCADE, related_name="risks"
    )
    description = models.TextField(_("risk"))
    likelihood = models.PositiveSmallIntegerField(_("likelihood (1–5)"))
    impact = models.PositiveSmallIntegerField(_("impact (1–5)"))
    handling = models.CharField(_("handling"), max_length=10, choices=Handling.choices)
    mitigation = models.TextField(_("mitigation"))
    owner = models.CharField(_("risk owner"), max_length=120)

    class Meta:
        ordering = ["id"]
        verbose_name = _("risk")
        verbose_name_plural = _("risks")

    def __str__(self) -> str:
        return self.description[:60]

    @property
    def level(self) -> int:
        return self.likelihood * self.impact

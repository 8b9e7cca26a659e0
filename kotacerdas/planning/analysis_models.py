"""The strategic analysis of Bimtek I–II that is the region's, not one masterplan revision's: the SWOT
per readiness element or dimension, strategic issues and goals, and the RPJMD / Renstra programmes mapped
to those goals (imported by planning/models.py so Django registers them)."""

from __future__ import annotations

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.audit.versioning import Versioned
from kotacerdas.regions.models import Opd, Region

READINESS_ELEMENTS = [
    ("struktur", _("Struktur")),
    ("infrastruktur", _("Infrastruktur")),
    ("suprastruktur", _("Suprastruktur")),
    ("alam", _("Alam (nature)")),
    ("budaya", _("Budaya (culture)")),
]


class SwotItem(Versioned):
    class Kind(models.TextChoices):
        STRENGTH = "S", _("Strength")
        WEAKNESS = "W", _("Weakness")
        OPPORTUNITY = "O", _("Opportunity")
        THREAT = "T", _("Threat")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    # scope: a readiness element (struktur...) or a smart city dimension code (governance...)
    scope = models.CharField(_("element or dimension"), max_length=40)
    kind = models.CharField(_("kind"), max_length=1, choices=Kind.choices)
    text = models.TextField(_("statement"))

    class Meta:
        ordering = ["scope", "kind", "id"]
        verbose_name = _("SWOT item")
        verbose_name_plural = _("SWOT items")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.text[:60]}"

    def get_absolute_url(self) -> str:
        return reverse("planning:swot_item", args=[self.region.code, self.pk])


class Statement(models.Model):
    """A strategic issue or a smart city goal, per dimension."""

    class Kind(models.TextChoices):
        ISSUE = "issue", _("Strategic issue")
        GOAL = "goal", _("Smart city goal")

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    dimension = models.CharField(_("dimension"), max_length=40)
    text = models.TextField(_("statement"))

    class Meta:
        ordering = ["kind", "dimension", "id"]
        verbose_name = _("strategic statement")
        verbose_name_plural = _("strategic statements")

    def __str__(self) -> str:
        return self.text[:80]


class ProgrammeMapping(models.Model):
    """An existing RPJMD / Renstra programme (Permendagri 90 code) mapped to a smart city goal."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    code = models.CharField(_("Permendagri 90 code"), max_length=30)
    name = models.CharField(_("programme / activity"), max_length=250)
    document = models.CharField(_("source document"), max_length=20, default="RPJMD")
    opd = models.ForeignKey(
        Opd, verbose_name=_("OPD"), on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    goal = models.ForeignKey(
        Statement, verbose_name=_("smart city goal"), on_delete=models.PROTECT, related_name="programmes"
    )

    class Meta:
        ordering = ["code"]
        verbose_name = _("programme mapping")
        verbose_name_plural = _("programme mappings")

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

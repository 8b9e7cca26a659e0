"""Group AHP: each expert's own pairwise judgements of the prioritisation criteria.

Kept apart from ``models.py`` (which is at its size limit); ``models.py`` imports it so Django
registers the model in the planning app."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from kotacerdas.regions.models import Region


class ExpertJudgement(models.Model):
    """One expert's judgements for one region: ``{"impact|urgency": "3", ...}`` (upper triangle)."""

    region = models.ForeignKey(Region, verbose_name=_("region"), on_delete=models.CASCADE, related_name="+")
    expert = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("expert"), on_delete=models.CASCADE, related_name="+"
    )
    judgements = models.JSONField(_("pairwise judgements"), default=dict)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["expert__username"]
        constraints = [models.UniqueConstraint(fields=["region", "expert"], name="one_judgement_per_expert")]
        verbose_name = _("expert judgement")
        verbose_name_plural = _("expert judgements")

    def __str__(self) -> str:
        return f"{self.expert} · {self.region}"

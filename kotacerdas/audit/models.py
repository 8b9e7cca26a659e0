from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The audited writes people make by the hundred in a working session (autosaved answers, KPI and
# initiative reports). They renew only the region-page cards that show them (their own index below),
# not the region's common change stamp (kotacerdas/audit/stamps.py), which would otherwise change on
# every autosave and keep every card of the region from being kept.
FREQUENT_RECORDS = ("assessment.answer", "monitoring.kpireport", "monitoring.initiativereport")

# The actor name of an entry no person wrote: a task (retention, a job's sweep, a reminder, a migration).
SYSTEM = "system"


class AuditEntry(models.Model):
    """Who changed what, when, with the state before and after."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    actor_name = models.CharField(_("who (name at the time)"), max_length=150)
    action = models.CharField(_("action"), max_length=60, db_index=True)
    object_type = models.CharField(_("object type"), max_length=60)
    object_id = models.CharField(_("object id"), max_length=60)
    object_repr = models.CharField(_("object"), max_length=250)
    region = models.ForeignKey(
        "regions.Region",
        verbose_name=_("region"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    before = models.JSONField(_("before"), null=True, blank=True)
    after = models.JSONField(_("after"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        # The latest entry of a region (or of the national level), and the latest anywhere, in one index
        # step: the region page's and the national dashboard's change stamps (kotacerdas/audit/stamps.py)
        # read them on every view.
        indexes = [
            models.Index(
                fields=["id"],
                name="audit_latest",
                condition=~models.Q(object_type__in=FREQUENT_RECORDS),
            ),
            models.Index(
                fields=["region", "id"],
                name="audit_region_latest",
                condition=~models.Q(object_type__in=FREQUENT_RECORDS),
            ),
        ]
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit log")

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action} {self.object_repr}"

    @property
    def who(self) -> str:
        """The actor as people read it: the name at the time, and "Sistem" for a task's entry (a person
        whose account was removed keeps their name)."""
        if self.actor_id is None and self.actor_name == SYSTEM:
            return str(_("The system"))
        return self.actor_name

    def changed_fields(self) -> list[tuple[str, object, object]]:
        before, after = self.before or {}, self.after or {}
        keys = sorted(set(before) | set(after))
        return [(key, before.get(key), after.get(key)) for key in keys if before.get(key) != after.get(key)]

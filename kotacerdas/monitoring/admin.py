"""The Django admin of monitoring: a locked period's records are read-only here as everywhere.

Change and delete are refused for a record under a locked period (the page says so, nothing is
written); the period itself may not be unlocked here — that is Ayu's audited action with a reason.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.models import (
    Evidence,
    InitiativeReport,
    KpiReport,
    Period,
    PeriodGuarded,
    Realisation,
    guard_period,
)


class GuardedForm(forms.ModelForm[Any]):
    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        period = cleaned.get("period")
        if period is not None:
            guard_period(period.pk)
        if self.instance.pk is not None:
            guard_period(self.instance._period_id())
        return cleaned


class GuardedAdmin(admin.ModelAdmin[Any]):
    form = GuardedForm

    def _locked(self, obj: Any) -> bool:
        if not isinstance(obj, PeriodGuarded) or obj.pk is None:
            return False
        return Period.objects.filter(pk=obj._period_id() or 0, state=core.LOCKED).exists()

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return not self._locked(obj) and super().has_delete_permission(request, obj)


@admin.register(Period)
class PeriodAdmin(admin.ModelAdmin[Period]):
    list_display = ["region", "year", "quarter", "closes_on", "state"]
    list_filter = ["state", "year"]
    readonly_fields = ["state"]  # lock and unlock are audited actions, not an admin edit

    def has_delete_permission(self, request: HttpRequest, obj: Period | None = None) -> bool:
        return not (obj is not None and obj.locked) and super().has_delete_permission(request, obj)


for model in (KpiReport, InitiativeReport, Realisation, Evidence):
    admin.site.register(model, GuardedAdmin)

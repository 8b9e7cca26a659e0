"""An initiative's implementation statuses: the default set, or the one a region configured.

Each status has a label, a default progress (used when the reporter leaves the percentage empty)
and the category the monitoring page counts it under (not started / on track / late / done).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.models import MonitoringSettings
from kotacerdas.regions.models import Region

DEFAULT_LABELS = {
    "not_started": _("not started"),
    "preparing": _("preparing"),
    "running": _("running"),
    "delayed": _("delayed"),
    "completed": _("completed"),
}
CATEGORY_LABELS = {
    core.NOT_STARTED: _("not started"),
    core.ON_TRACK: _("on track"),
    core.LATE: _("late"),
    core.DONE: _("done"),
}


@dataclass(frozen=True)
class Status:
    code: str
    label: str
    progress: int
    category: str


def status_set(region: Region) -> dict[str, Status]:
    configured = MonitoringSettings.objects.filter(region=region).values_list("status_set", flat=True).first()
    return _statuses(configured)


def statuses_and_weight_method(region: Region) -> tuple[dict[str, Status], str]:
    """:func:`status_set` and :func:`weight_method` from one read of the region's settings (the
    monitoring page needs both)."""
    row = MonitoringSettings.objects.filter(region=region).values_list("status_set", "weight_method").first()
    configured, method = row if row is not None else (None, None)
    return _statuses(configured), method or core.PAGU


def _statuses(configured: dict[str, Any] | None) -> dict[str, Status]:
    if configured:
        return {
            code: Status(
                code,
                str(item.get("label", code)),
                int(item.get("progress", 0)),
                str(item.get("category", core.ON_TRACK)),
            )
            for code, item in configured.items()
        }
    return {
        code: Status(code, str(DEFAULT_LABELS[code]), progress, category)
        for code, (progress, category) in core.DEFAULT_STATUS_SET.items()
    }


def weight_method(region: Region) -> str:
    found = MonitoringSettings.objects.filter(region=region).values_list("weight_method", flat=True).first()
    return found or core.PAGU

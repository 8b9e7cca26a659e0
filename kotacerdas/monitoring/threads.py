"""Discussion threads on monitoring reports: Rina (or anyone of the region) comments on a report.

The reports reach their region through their period, so they are registered with that path; a new
comment notifies the report's author (unless the author wrote it).
"""

from __future__ import annotations

from typing import Any

from django.db import models

from kotacerdas.monitoring import notices
from kotacerdas.monitoring.models import InitiativeReport, KpiReport
from kotacerdas.notifications.service import notify


def item_name(report: KpiReport | InitiativeReport) -> str:
    if isinstance(report, KpiReport):
        return f"{report.kpi.initiative.code} {report.kpi.name}"
    return f"{report.initiative.code} {report.initiative.name}"


def notify_author(comment: Any, target: models.Model) -> None:
    report: Any = target
    if report.reported_by_id == comment.author_id:
        return
    params = {
        "author": str(comment.author),
        "item": item_name(report),
        "region": report.period.region.name,
        "period": str(report.period),
    }
    notify([report.reported_by], notices.COMMENTED, params, report.get_absolute_url())


def register_threads() -> None:
    from kotacerdas.discussion.registry import register

    for model in (KpiReport, InitiativeReport):
        register(model, region_path="period__region", on_comment=notify_author)

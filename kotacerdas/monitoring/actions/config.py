"""Budi's configuration pages: the region's implementation statuses and each KPI's rule.

A change that would make an approved report wrong is refused, naming what stands in the way:
removing a status that a report uses, switching a KPI between number and percentage once a value
is submitted or approved, bounds that exclude such a value, or requiring evidence that such a report
lacks (a submitted report is approved as it is, so it counts as approved here). Changes that only
re-read approved values (a status's label, default progress or category, a KPI's direction) are
allowed: the approved figures themselves stay as they were approved.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.core import formatting
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.actions.common import parse_number
from kotacerdas.monitoring.actions.periods import require_manager
from kotacerdas.monitoring.actions.setup import do_save_kpi_rule
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, KpiRule, MonitoringSettings
from kotacerdas.monitoring.statuses import status_set, weight_method
from kotacerdas.planning.models import Kpi
from kotacerdas.regions.models import Region

CODE = re.compile(r"^[a-z][a-z0-9_]{0,29}$")
MAX_LABEL = 60


def _stored(region: Region) -> dict[str, dict[str, Any]]:
    """The region's effective set as stored JSON (the defaults until it configures its own)."""
    return {
        s.code: {"label": s.label, "progress": s.progress, "category": s.category}
        for s in status_set(region).values()
    }


def _write_set(actor: User, region: Region, statuses: dict[str, Any], action: str) -> MonitoringSettings:
    with transaction.atomic():
        settings, created = MonitoringSettings.objects.select_for_update().get_or_create(
            region=region, defaults={"weight_method": weight_method(region)}
        )
        before = None if created else snapshot(settings)
        settings.status_set = statuses
        settings.save()
        record(actor, action, settings, before=before, after=snapshot(settings), region=region)
    return settings


def do_save_status(
    actor: User, region: Region, *, code: str, label: str, progress: Any, category: str
) -> MonitoringSettings:
    """Add a status to the region's set, or change one (the code stays: reports store it)."""
    require_manager(actor, region)
    code, label = code.strip().lower(), " ".join(label.split())
    if not CODE.match(code):
        raise ValidationError(
            {"code": _("A status code is 1–30 small letters, digits or _, starting with a letter.")}
        )
    if not label or len(label) > MAX_LABEL:
        raise ValidationError(
            {"label": _("Name the status (at most %(max)d characters).") % {"max": MAX_LABEL}}
        )
    number = parse_number(progress, "progress")
    if number is None or number != number.to_integral_value() or not 0 <= number <= 100:
        raise ValidationError({"progress": _("The default progress is a whole percentage from 0 to 100.")})
    if category not in core.CATEGORIES:
        raise ValidationError({"category": _("Choose how the monitoring page counts this status.")})
    statuses = _stored(region)
    statuses[code] = {"label": label, "progress": int(number), "category": category}
    return _write_set(actor, region, statuses, "monitoring.status.save")


def do_remove_status(actor: User, region: Region, *, code: str) -> MonitoringSettings:
    """Remove a status no report uses; the last status stays (a report must choose one)."""
    require_manager(actor, region)
    statuses = _stored(region)
    if code not in statuses:
        raise ValidationError({"code": _("This status is not in the region's set.")})
    used = InitiativeReport.objects.filter(period__region=region, implementation=code).count()
    if used:
        raise ValidationError(
            {
                "code": _("%(count)d reports use this status; it cannot be removed (rename it instead).")
                % {"count": used}
            }
        )
    if len(statuses) == 1:
        raise ValidationError({"code": _("The set needs at least one status.")})
    del statuses[code]
    return _write_set(actor, region, statuses, "monitoring.status.remove")


def do_change_kpi_rule(
    actor: User,
    kpi: Kpi,
    *,
    direction: str,
    kind: str,
    minimum: Any = None,
    maximum: Any = None,
    evidence_required: bool = False,
) -> KpiRule:
    """The KPI rule page's save: numbers as typed, refused where approved reports would break."""
    require_manager(actor, kpi.initiative.region)
    low = parse_number(minimum, "minimum", required=False)
    high = parse_number(maximum, "maximum", required=False)
    # submitted reports count too: a review approves them as they are, without the new rule
    approved = KpiReport.objects.filter(kpi=kpi, status__in=(core.SUBMITTED, core.APPROVED))
    current = KpiRule.objects.filter(kpi=kpi).first()
    if approved.exists() and kind != (current.kind if current else KpiRule.Kind.NUMBER):
        raise ValidationError(
            {
                "kind": _(
                    "Submitted or approved values of this KPI exist; "
                    "it cannot change between number and percentage."
                )
            }
        )
    _refuse_bounds(approved, low, high)
    if evidence_required and approved.filter(evidence__isnull=True).exists():
        raise ValidationError(
            {
                "evidence_required": _(
                    "A submitted or approved report of this KPI has no evidence; evidence cannot be required."
                )
            }
        )
    return do_save_kpi_rule(
        actor,
        kpi,
        direction=direction,
        kind=kind,
        minimum=low,
        maximum=high,
        evidence_required=evidence_required,
    )


def _refuse_bounds(approved: Any, low: Decimal | None, high: Decimal | None) -> None:
    outside = Q()
    if low is not None:
        outside |= Q(value__lt=low)
    if high is not None:
        outside |= Q(value__gt=high)
    if low is None and high is None:
        return
    first = approved.filter(outside).select_related("period").order_by("period__year").first()
    if first is not None:
        raise ValidationError(
            {
                "minimum" if low is not None and first.value < low else "maximum": _(
                    "The value %(value)s of %(period)s, submitted or approved, lies outside these bounds."
                )
                % {"value": formatting.decimal(first.value, 2).removesuffix(",00"), "period": first.period}
            }
        )

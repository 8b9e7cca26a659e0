"""Budi's monitoring set-up: KPI rules, weights and statuses, Quick Win milestones, outcome series."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.actions.periods import require_manager
from kotacerdas.monitoring.models import KpiRule, Milestone, MonitoringSettings, OutcomeValue
from kotacerdas.planning.models import KeyIndicator, Kpi, QuickWin
from kotacerdas.regions.models import Region


def do_save_kpi_rule(
    actor: User,
    kpi: Kpi,
    *,
    direction: str,
    kind: str = KpiRule.Kind.NUMBER,
    minimum: Decimal | None = None,
    maximum: Decimal | None = None,
    evidence_required: bool = False,
) -> KpiRule:
    region = kpi.initiative.region
    require_manager(actor, region)
    if direction not in core.DIRECTIONS:
        raise ValidationError({"direction": _("Choose higher or lower is better.")})
    if kind not in KpiRule.Kind.values:
        raise ValidationError({"kind": _("Choose a number or a percentage.")})
    if minimum is not None and maximum is not None and minimum > maximum:
        raise ValidationError({"maximum": _("The highest allowed value is below the lowest.")})
    with transaction.atomic():
        rule = KpiRule.objects.filter(kpi=kpi).first() or KpiRule(kpi=kpi)
        before = snapshot(rule) if rule.pk else None
        rule.direction, rule.kind, rule.minimum, rule.maximum = direction, kind, minimum, maximum
        rule.evidence_required = evidence_required
        rule.save()
        record(actor, "monitoring.kpi_rule.save", rule, before=before, after=snapshot(rule), region=region)
    return rule


def do_save_settings(
    actor: User, region: Region, *, weight_method: str, status_set: dict[str, Any] | None = None
) -> MonitoringSettings:
    require_manager(actor, region)
    if weight_method not in core.WEIGHT_METHODS:
        raise ValidationError({"weight_method": _("Choose pagu share or equal weights.")})
    for code, item in (status_set or {}).items():
        progress = item.get("progress")
        if (
            not isinstance(progress, int)
            or not 0 <= progress <= 100
            or item.get("category") not in core.CATEGORIES
        ):
            raise ValidationError(
                {
                    "status_set": _("Status %(code)s needs a progress from 0 to 100 and a category.")
                    % {"code": code}
                }
            )
    with transaction.atomic():
        settings, _created = MonitoringSettings.objects.get_or_create(region=region)
        before = snapshot(settings)
        settings.weight_method, settings.status_set = weight_method, status_set or {}
        settings.save()
        record(
            actor,
            "monitoring.settings.save",
            settings,
            before=before,
            after=snapshot(settings),
            region=region,
        )
    return settings


def do_add_milestone(actor: User, quick_win: QuickWin, *, title: str, year: int) -> Milestone:
    require_manager(actor, quick_win.region)
    title = " ".join(title.split())
    if not title:
        raise ValidationError({"title": _("Name the milestone.")})
    with transaction.atomic():
        milestone = Milestone.objects.create(quick_win=quick_win, title=title, year=year)
        record(
            actor,
            "monitoring.milestone.add",
            milestone,
            before=None,
            after=snapshot(milestone),
            region=quick_win.region,
        )
    return milestone


def do_save_outcome(
    actor: User,
    region: Region,
    *,
    name: str,
    year: int,
    value: Decimal,
    unit: str = "",
    source: str,
    verified: bool = False,
    example: bool = False,
    key_indicator: KeyIndicator | None = None,
) -> OutcomeValue:
    require_manager(actor, region)
    name, source = " ".join(name.split()), source.strip()
    if not name or not source:
        raise ValidationError(_("An outcome value needs the indicator's name and its source."))
    with transaction.atomic():
        row = OutcomeValue.objects.filter(region=region, name=name, year=year).first()
        before = snapshot(row) if row else None
        row = row or OutcomeValue(region=region, name=name, year=year)
        row.value, row.unit, row.source, row.verified, row.example = (
            value,
            unit.strip(),
            source,
            verified,
            example,
        )
        row.key_indicator = key_indicator or row.key_indicator
        row.save()
        record(actor, "monitoring.outcome.save", row, before=before, after=snapshot(row), region=region)
    return row


def do_seed_outcomes(actor: User, region: Region) -> int:
    """Start each outcome series from the masterplan's key indicators (their baseline year's value)."""
    require_manager(actor, region)
    count = 0
    with transaction.atomic():
        for indicator in KeyIndicator.objects.filter(region=region):
            if OutcomeValue.objects.filter(region=region, name=indicator.name, year=indicator.year).exists():
                continue
            do_save_outcome(
                actor,
                region,
                name=indicator.name,
                year=indicator.year,
                value=indicator.value,
                unit=indicator.unit,
                source=indicator.source,
                verified=True,
                key_indicator=indicator,
            )
            count += 1
    return count

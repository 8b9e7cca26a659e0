"""Budi's monitoring set-up: KPI rules, weights and statuses, Quick Win milestones, outcome series."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.versioning import require_version
from kotacerdas.core import monitoring as core
from kotacerdas.core.spreadsheet import strip_control
from kotacerdas.monitoring.access import can_manage_monitoring
from kotacerdas.monitoring.actions.common import parse_number
from kotacerdas.monitoring.actions.periods import require_manager
from kotacerdas.monitoring.models import (
    InitiativeReport,
    KpiRule,
    Milestone,
    MonitoringSettings,
    OutcomeValue,
)
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


MILESTONE_TITLE_MAX = 200  # the column's length


def _milestone_fields(quick_win: QuickWin, title: str, year: Any) -> tuple[str, int]:
    """A milestone's title (one line) and year as stored, or a ``ValidationError`` naming each bad field:
    the year lies inside the Quick Win's own masterplan revision's period, not the active one's."""
    title = _one_line(title)
    errors: dict[str, str] = {}
    if not title:
        errors["title"] = _("Name the milestone.")
    elif len(title) > MILESTONE_TITLE_MAX:
        errors["title"] = _("The milestone's name is at most %(max)d characters.") % {
            "max": MILESTONE_TITLE_MAX
        }
    masterplan = quick_win.initiative.masterplan
    if (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not masterplan.period_start <= year <= masterplan.period_end
    ):
        errors["year"] = _(
            "The milestone's year %(year)s lies outside the masterplan period (%(first)s–%(last)s): "
            "choose a year inside the period."
        ) % {"year": year, "first": masterplan.period_start, "last": masterplan.period_end}
    if errors:
        raise ValidationError(errors)
    return title, year


def do_add_milestone(actor: User, quick_win: QuickWin, *, title: str, year: int) -> Milestone:
    require_manager(actor, quick_win.region)
    title, year = _milestone_fields(quick_win, title, year)
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


def approved_marking(milestone: Milestone) -> InitiativeReport | None:
    """The first approved report (earliest period) that marked ``milestone`` done, if any: what the
    published Quick Win progress counts."""
    return (
        InitiativeReport.objects.filter(milestones_done=milestone, status=core.APPROVED)
        .select_related("period")
        .order_by("period__year", F("period__quarter").asc(nulls_first=True), "id")
        .first()
    )


def _refuse_if_published(milestone: Milestone, what: str) -> None:
    report = approved_marking(milestone)
    if report is not None:
        raise ValidationError(
            {
                "year": _(
                    "%(what)s: “%(title)s” is marked done in the approved report of %(period)s, and the "
                    "published Quick Win progress counts it. Return that report for revision first, or "
                    "add a new milestone instead."
                )
                % {"what": what, "title": milestone.title, "period": report.period}
            }
        )


def do_change_milestone(
    actor: User, milestone: Milestone, *, title: str, year: int, version: int | None = None
) -> Milestone:
    """Change a milestone's title and year, from the version the form was opened at. Moving the year of
    a milestone an approved report marked done is refused: it would change published progress."""
    quick_win = milestone.quick_win
    require_manager(actor, quick_win.region)
    title, year = _milestone_fields(quick_win, title, year)
    with transaction.atomic():
        require_version(milestone, version)
        if year != milestone.year:
            _refuse_if_published(milestone, _("The year cannot be moved"))
        before = snapshot(milestone)
        milestone.title, milestone.year = title, year
        milestone.save()
        record(
            actor,
            "monitoring.milestone.change",
            milestone,
            before=before,
            after=snapshot(milestone),
            region=quick_win.region,
        )
    return milestone


def do_remove_milestone(actor: User, milestone: Milestone, *, version: int | None = None) -> None:
    """Remove a milestone; refused when it changed since the page was opened, and when an approved
    report marked it done (removing it would silently lower published progress)."""
    region = milestone.quick_win.region
    require_manager(actor, region)
    with transaction.atomic():
        require_version(milestone, version)
        _refuse_if_published(milestone, _("The milestone cannot be removed"))
        record(
            actor,
            "monitoring.milestone.remove",
            milestone,
            before=snapshot(milestone),
            after=None,
            region=region,
        )
        milestone.delete()


def do_seed_milestones(actor: User, quick_win: QuickWin, *, suffix: str = "") -> int:
    """One milestone per line of the Quick Win's steps, planned in the Quick Win's year; a title the
    Quick Win already has is left out. Returns how many were added (the demo adds " (contoh)").

    The Quick Win's row is locked before its milestones are read: of two seeds at once (two managers,
    two tabs), the second waits, then sees the first one's milestones and adds none of them again."""
    require_manager(actor, quick_win.region)
    count = 0
    with transaction.atomic():
        locked = QuickWin.objects.select_for_update().only("steps", "year").get(pk=quick_win.pk)
        quick_win.steps, quick_win.year = locked.steps, locked.year  # as stored now, not as the page read
        have = set(Milestone.objects.filter(quick_win=quick_win).values_list("title", flat=True))
        for line in strip_control(quick_win.steps or "").splitlines():
            step = _one_line(line)
            if not step:
                continue
            title = _one_line(f"{step}{suffix}")[:MILESTONE_TITLE_MAX]
            if title in have:
                continue
            do_add_milestone(actor, quick_win, title=title, year=quick_win.year)
            have.add(title)
            count += 1
    return count


# An outcome value's year: the range the masterplan's periods and the planning years use.
OUTCOME_FIRST_YEAR, OUTCOME_LAST_YEAR = 2000, 2100
NAME_MAX, UNIT_MAX, SOURCE_MAX = 200, 40, 200  # the columns' lengths


def _one_line(text: str) -> str:
    """A name, unit or source as one line: control characters (a pasted tab, a line break) removed,
    runs of spaces made one."""
    return " ".join(strip_control(text or "").split())


def _checked_outcome(
    name: str, year: Any, value: Any, unit: str, source: str
) -> tuple[str, int, Decimal, str, str]:
    """The fields of an outcome value as stored, or a ``ValidationError`` naming each bad field."""
    name, unit, source = _one_line(name), _one_line(unit), _one_line(source)
    errors: dict[str, str] = {}
    if not name:
        errors["name"] = _("Name the outcome indicator.")
    elif len(name) > NAME_MAX:
        errors["name"] = _("The indicator's name is at most %(max)d characters.") % {"max": NAME_MAX}
    if (
        isinstance(year, bool)
        or not isinstance(year, int)
        or not OUTCOME_FIRST_YEAR <= year <= OUTCOME_LAST_YEAR
    ):
        errors["year"] = _("Enter a year between %(first)d and %(last)d.") % {
            "first": OUTCOME_FIRST_YEAR,
            "last": OUTCOME_LAST_YEAR,
        }
    try:
        number = parse_number(value, "value")
    except ValidationError as error:
        errors.update({field: messages[0] for field, messages in error.message_dict.items()})
        number = None
    if len(unit) > UNIT_MAX:
        errors["unit"] = _("The unit is at most %(max)d characters.") % {"max": UNIT_MAX}
    if not source:
        errors["source"] = _("Name the source of the value (e.g. BPS, Susenas 2024).")
    elif len(source) > SOURCE_MAX:
        errors["source"] = _("The source is at most %(max)d characters.") % {"max": SOURCE_MAX}
    if errors:
        raise ValidationError(errors)
    assert number is not None
    return name, year, number, unit, source


def _require_outcome_manager(actor: User, region: Region) -> None:
    if not can_manage_monitoring(actor, region):
        raise ActionNotAllowed(
            _("Only the region's coordinator may enter and correct outcome indicator values.")
        )


def do_save_outcome(
    actor: User,
    region: Region,
    *,
    name: str,
    year: int,
    value: Any,
    unit: str = "",
    source: str,
    verified: bool = False,
    example: bool = False,
    key_indicator: KeyIndicator | None = None,
    outcome: OutcomeValue | None = None,
    version: int | None = None,
) -> OutcomeValue:
    """Write one year's value of an outcome series.

    - ``outcome`` given (the page's edit form): change that value, its name and year too, refused when
      another value of the region already has that name and year, and (``version``) when someone saved
      it after the form was opened (``require_version``).
    - ``outcome`` None with a ``version`` (the page's add form, ``version=0``: there was no value yet):
      a new value; refused when the series already has a value for that year, which is changed from
      the list, never overwritten from the add form.
    - ``outcome`` and ``version`` None (the masterplan seed, the demo, imports): the series' value for
      that year is written, new or replacing the stored one.

    The value links to the masterplan's key indicator of the same name (or ``key_indicator``)."""
    _require_outcome_manager(actor, region)
    if outcome is not None and outcome.region_id != region.pk:
        raise ValidationError(_("This outcome value belongs to another region."))
    name, year, number, unit, source = _checked_outcome(name, year, value, unit, source)
    with transaction.atomic():
        row: OutcomeValue | None = outcome
        if outcome is not None:
            require_version(outcome, version)
        else:
            row = OutcomeValue.objects.select_for_update().filter(region=region, name=name, year=year).first()
            if row is not None and version is not None:
                raise ValidationError({"year": _taken(row)})
        clash = OutcomeValue.objects.filter(region=region, name=name, year=year)
        if row is not None and clash.exclude(pk=row.pk).exists():
            raise ValidationError({"year": _taken(clash.get())})
        before = snapshot(row) if row is not None else None
        row = row or OutcomeValue(region=region, name=name, year=year)
        row.name, row.year, row.value, row.unit, row.source = name, year, number, unit, source
        row.verified, row.example = verified, example
        row.key_indicator = (
            key_indicator
            or KeyIndicator.objects.filter(region=region, name=name).order_by("-year", "id").first()
            or (row.key_indicator if before and before.get("name") == name else None)
        )
        row.save()
        record(actor, "monitoring.outcome.save", row, before=before, after=snapshot(row), region=region)
    return row


def _taken(row: OutcomeValue) -> str:
    return _("%(name)s already has a value for %(year)d; change that value in the list.") % {
        "name": row.name,
        "year": row.year,
    }


def do_remove_outcome(actor: User, outcome: OutcomeValue, *, version: int | None = None) -> None:
    """Remove one year's value of an outcome series; refused when it changed since the page was opened."""
    region = outcome.region
    _require_outcome_manager(actor, region)
    with transaction.atomic():
        require_version(outcome, version)
        record(
            actor, "monitoring.outcome.remove", outcome, before=snapshot(outcome), after=None, region=region
        )
        outcome.delete()


def do_seed_outcomes(actor: User, region: Region) -> int:
    """Start each outcome series from the masterplan's key indicators (their baseline year's value).

    A key indicator whose series already has its year, or whose year lies outside 2000–2100 (a key
    indicator may record an older baseline), is left out; returns how many values were added."""
    _require_outcome_manager(actor, region)
    count = 0
    with transaction.atomic():
        for indicator in KeyIndicator.objects.filter(region=region).order_by("name", "year", "id"):
            year = int(indicator.year)
            if not OUTCOME_FIRST_YEAR <= year <= OUTCOME_LAST_YEAR:
                continue
            name = _one_line(indicator.name)
            if OutcomeValue.objects.filter(region=region, name=name, year=year).exists():
                continue
            do_save_outcome(
                actor,
                region,
                name=name,
                year=year,
                value=indicator.value,
                unit=indicator.unit,
                source=indicator.source or _("Masterplan key indicator"),
                verified=True,
                key_indicator=indicator,
            )
            count += 1
    return count

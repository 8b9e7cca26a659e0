"""Reporting periods: Budi opens and closes them, a period is locked, Ayu alone unlocks (with a reason)."""

from __future__ import annotations

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring import notices
from kotacerdas.monitoring.access import can_manage_monitoring, can_unlock
from kotacerdas.monitoring.actions.common import coordinators, opd_staff, params, period_url
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, Period
from kotacerdas.notifications.service import notify
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Region


def require_manager(actor: User, region: Region) -> None:
    if not can_manage_monitoring(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator may manage reporting periods and reviews."))


def do_open_period(
    actor: User, region: Region, *, year: int, closes_on: date, quarter: int | None = None
) -> Period:
    require_manager(actor, region)
    masterplan = Masterplan.objects.filter(region=region).first()
    if masterplan is None:
        raise ValidationError(
            _("Write the masterplan's profile (its period) before opening a reporting period.")
        )
    if not masterplan.period_start <= year <= masterplan.period_end:
        raise ValidationError(
            {
                "year": _("The year must lie in the masterplan period %(start)s–%(end)s.")
                % {"start": masterplan.period_start, "end": masterplan.period_end}
            }
        )
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValidationError({"quarter": _("A quarter is 1, 2, 3 or 4.")})
    if closes_on.year < year:  # a typo (1 Jan 2020 for 2029) would make the period overdue at once
        raise ValidationError(
            {"closes_on": _("The closing date cannot be before the period's year %(year)s.") % {"year": year}}
        )
    clash = Period.objects.filter(region=region, year=year)
    if (
        clash.filter(quarter=quarter).exists()
        or clash.filter(quarter=None).exists()
        or (quarter is None and clash.exists())
    ):
        raise ValidationError({"year": _("A reporting period for this year already exists.")})
    with transaction.atomic():
        period = Period.objects.create(
            region=region, year=year, quarter=quarter, closes_on=closes_on, opened_by=actor
        )
        record(actor, "monitoring.period.open", period, before=None, after=snapshot(period), region=region)
        notices_to = coordinators(region) + opd_staff(region)
        notify(notices_to, notices.PERIOD_OPENED, params(period), period_url(period))
    return period


def _move_period(
    actor: User, period: Period, allowed: list[str], target: str, reason: str = "", action: str = ""
) -> Period:
    with transaction.atomic():
        lock_state(period, allowed, field="state")
        before = snapshot(period, ["state"])
        period.state = target
        period.save(update_fields=["state"])
        record(
            actor,
            action or f"monitoring.period.{target}",
            period,
            before=before,
            after={"state": target, "reason": reason},
            region=period.region,
        )
    return period


def do_close_period(actor: User, period: Period) -> Period:
    require_manager(actor, period.region)
    if period.state != core.OPEN:
        raise ValidationError(_("Only an open period can be closed."))
    return _move_period(actor, period, [core.OPEN], core.CLOSED)


def do_reopen_period(actor: User, period: Period) -> Period:
    """Undo a close (a period closed early by mistake): reports are accepted again. A locked period
    is not reopened here: only the national admin unlocks, with a reason."""
    require_manager(actor, period.region)
    if period.state != core.CLOSED:
        raise ValidationError(_("Only a closed period can be reopened."))
    return _move_period(actor, period, [core.CLOSED], core.OPEN, action="monitoring.period.reopen")


def do_lock_period(actor: User, period: Period) -> Period:
    """Freeze a period: every later write (pages, API, import, admin) is refused."""
    require_manager(actor, period.region)
    if period.state == core.LOCKED:
        raise ValidationError(_("This reporting period is already locked."))
    return _move_period(actor, period, [core.OPEN, core.CLOSED], core.LOCKED)


def require_unlocker(actor: User) -> None:
    """The unlock page refuses its form to anyone else with this reason, as the action does."""
    if not can_unlock(actor):
        raise ActionNotAllowed(_("Only the national admin may unlock a reporting period."))


def do_unlock_period(actor: User, period: Period, *, reason: str) -> Period:
    """Only the national admin, and only with a reason that the audit log keeps."""
    require_unlocker(actor)
    reason = reason.strip()
    if not reason:
        raise ValidationError(
            {"reason": _("Say why the period is unlocked; the audit log keeps the reason.")}
        )
    if period.state != core.LOCKED:
        raise ValidationError(_("This reporting period is not locked."))
    # its own action name: the state it returns to is "closed", but an unlock is not a closing
    return _move_period(
        actor, period, [core.LOCKED], core.CLOSED, reason, action="monitoring.period.unlocked"
    )


def unreported(period: Period) -> dict[str, int]:
    """How many KPIs and initiatives of the period's year have no submitted or approved report."""
    from kotacerdas.monitoring.overview import expected_items

    kpis, initiatives = expected_items(period)
    done = (core.SUBMITTED, core.APPROVED)
    kpi_done = KpiReport.objects.filter(period=period, status__in=done).count()
    initiative_done = InitiativeReport.objects.filter(period=period, status__in=done).count()
    return {"kpis": max(len(kpis) - kpi_done, 0), "initiatives": max(len(initiatives) - initiative_done, 0)}


def do_notify_due(today: date) -> int:
    """Remind of periods closing within 7 days, and of overdue ones (open past closing), once each.

    A daily chore of the worker (kotacerdas/jobs/chores.py); safe to run again the same day.
    """
    sent = 0
    with transaction.atomic():
        for period in Period.objects.filter(state=core.OPEN).select_related("region"):
            late = period.closes_on < today
            soon = today <= period.closes_on <= today + timedelta(days=7)
            field = "overdue_notified_on" if late else "due_notified_on"
            if not (late or soon) or getattr(period, field) is not None:
                continue
            if not any(unreported(period).values()):
                continue
            # the mark is the claim: a second run (another worker, the same day) finds it set
            if not Period.objects.filter(pk=period.pk, **{f"{field}__isnull": True}).update(**{field: today}):
                continue
            kind = notices.OVERDUE if late else notices.DUE_SOON
            notify(
                coordinators(period.region) + opd_staff(period.region),
                kind,
                params(period),
                period_url(period),
            )
            record(
                None,
                f"monitoring.period.{kind.split('.')[-1]}",
                period,
                before=None,
                after={"today": today.isoformat()},
                region=period.region,
            )
            sent += 1
    return sent

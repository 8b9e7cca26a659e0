"""Writes of the Quick Wins: their criteria, selection, profile and risk register."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import snapshot
from kotacerdas.audit.versioning import require_version
from kotacerdas.planning.common import (
    check_opds,
    delete_record,
    require_editor,
    require_masterplan,
    save_record,
    stripped,
)
from kotacerdas.planning.models import Initiative, Masterplan, QuickWin, Risk
from kotacerdas.regions.models import Region


def do_set_quick_win_criteria(
    actor: User,
    region: Region,
    *,
    max_years: int,
    cost_ceiling: Decimal | None,
    citizen_benefit: bool,
    min_readiness: Decimal | None,
) -> Masterplan:
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    if not 1 <= max_years <= 5:
        raise ValidationError({"max_years": _("Quick Wins finish within 1 to 5 years.")})
    before = snapshot(
        masterplan, ["qw_max_years", "qw_cost_ceiling", "qw_citizen_benefit", "qw_min_readiness"]
    )
    masterplan.qw_max_years, masterplan.qw_cost_ceiling = max_years, cost_ceiling
    masterplan.qw_citizen_benefit, masterplan.qw_min_readiness = citizen_benefit, min_readiness
    with transaction.atomic():
        save_record(actor, masterplan, "masterplan.quick_win_criteria", region, before)
    return masterplan


def _check_year(masterplan: Masterplan, year: Any) -> None:
    if year not in masterplan.years[:2]:
        raise ValidationError(
            {"year": _("Quick Wins are chosen for the first or second year of the period.")}
        )


def do_select_quick_win(actor: User, initiative: Initiative, *, year: int) -> QuickWin:
    region = initiative.region
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    _check_year(masterplan, year)
    if QuickWin.objects.filter(initiative=initiative).exists():
        raise ValidationError(_("%(code)s is already a Quick Win.") % {"code": initiative.code})
    quick_win = QuickWin(
        region=region, initiative=initiative, year=year, owner=initiative.owner, brand=initiative.name
    )
    with transaction.atomic():
        save_record(actor, quick_win, "masterplan.quick_win.select", region, None)
    return quick_win


def do_save_quick_win_profile(
    actor: User, quick_win: QuickWin, *, version: int | None = None, **fields: Any
) -> QuickWin:
    """Save a Quick Win's profile; ``version`` (from the form) refuses a save from an older one."""
    region = quick_win.region
    require_editor(actor, region)
    check_opds(region, [fields.get("owner")], "owner")
    masterplan = require_masterplan(region)
    if "year" in fields:
        _check_year(masterplan, fields["year"])
    before = snapshot(quick_win)
    for name, value in fields.items():
        setattr(quick_win, name, stripped(value))
    with transaction.atomic():
        require_version(quick_win, version)
        save_record(actor, quick_win, "masterplan.quick_win.save", region, before)
    return quick_win


def do_remove_quick_win(actor: User, quick_win: QuickWin) -> None:
    require_editor(actor, quick_win.region)
    delete_record(actor, quick_win, "masterplan.quick_win.remove", quick_win.region)


def do_add_risk(actor: User, quick_win: QuickWin, **fields: Any) -> Risk:
    region = quick_win.region
    require_editor(actor, region)
    for name in ("likelihood", "impact"):
        if not 1 <= int(fields.get(name) or 0) <= 5:
            raise ValidationError({name: _("Use a value from 1 (very low) to 5 (very high).")})
    risk = Risk(quick_win=quick_win, **fields)
    with transaction.atomic():
        save_record(actor, risk, "masterplan.risk.add", region, None)
    return risk


def do_delete_risk(actor: User, risk: Risk) -> None:
    region = risk.quick_win.region
    require_editor(actor, region)
    delete_record(actor, risk, "masterplan.risk.delete", region)

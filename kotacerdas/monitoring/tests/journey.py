"""A small Salatiga plan for the monitoring tests (and the browser journey), built through the actions."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from kotacerdas.accounts.models import User
from kotacerdas.monitoring.actions.setup import do_add_milestone, do_save_kpi_rule
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
from kotacerdas.planning.models import Initiative
from kotacerdas.planning.quickwins.actions import do_select_quick_win
from kotacerdas.regions.actions import do_create_opd
from kotacerdas.regions.models import Opd, Region

ELEMENTS = {"living": "living.health", "governance": "governance.service"}


def initiative(
    actor: User, region: Region, code: str, owner: Opd, dimension: str, budget: dict[Any, Decimal]
) -> Initiative:
    return do_save_initiative(
        actor,
        region,
        budget=budget,
        predecessors=[],
        code=code,
        name=f"Inisiatif {code}",
        dimension=dimension,
        element=ELEMENTS[dimension],
        type="application",
        owner=owner,
        horizon="medium",
        start_year=2026,
        duration=3,
    )


def build_plan(budi: User, region: Region, dinkes: Opd) -> tuple[Any, ...]:
    """Telemedicine (Dinkes: two KPIs, a Quick Win milestone) and a portal (Diskominfo: poverty KPI).

    Returns (telemed, portal, visits, coverage, poverty, milestone)."""
    kominfo = do_create_opd(budi, region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    do_save_profile(budi, region, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    telemed = initiative(
        budi,
        region,
        "KS-01",
        dinkes,
        "living",
        {(2027, "APBD"): Decimal(300_000_000), (2027, "APBN_DAK"): Decimal(100_000_000)},
    )
    portal = initiative(budi, region, "PL-01", kominfo, "governance", {(2027, "APBD"): Decimal(200_000_000)})
    visits = do_save_kpi(
        budi,
        telemed,
        name="Kunjungan telemedis",
        unit="kunjungan",
        baseline=Decimal(0),
        targets={2027: "5000"},
    )
    coverage = do_save_kpi(
        budi, telemed, name="Puskesmas terhubung", unit="%", baseline=None, targets={2027: "80"}
    )
    poverty = do_save_kpi(
        budi, portal, name="Kemiskinan", unit="%", baseline=Decimal(16), targets={2027: "7"}
    )
    do_save_kpi_rule(
        budi, visits, direction="higher", minimum=Decimal(0), maximum=Decimal(100_000), evidence_required=True
    )
    do_save_kpi_rule(budi, coverage, direction="higher", kind="percentage")
    do_save_kpi_rule(budi, poverty, direction="lower")
    quick_win = do_select_quick_win(budi, telemed, year=2027)
    milestone = do_add_milestone(budi, quick_win, title="Aplikasi telemedis rilis", year=2027)
    return telemed, portal, visits, coverage, poverty, milestone

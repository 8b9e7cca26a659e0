"""A Salatiga masterplan with two OPDs' initiatives and KPIs, and 2027 opened, built through the actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.accounts.models import User
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.actions.setup import do_add_milestone, do_save_kpi_rule
from kotacerdas.monitoring.models import Milestone, Period
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
from kotacerdas.planning.models import Initiative, Kpi
from kotacerdas.planning.quickwins.actions import do_select_quick_win
from kotacerdas.regions.actions import do_create_opd
from kotacerdas.regions.models import Opd, Region


@dataclass
class World:
    period: Period
    telemed: Initiative  # Dinkes (Sari's OPD)
    portal: Initiative  # Diskominfo
    visits: Kpi  # Dinkes, a number between 0 and 100 000, evidence required
    coverage: Kpi  # Dinkes, a percentage
    poverty: Kpi  # Diskominfo, lower is better
    milestone: Milestone


def initiative(
    actor: User, region: Region, code: str, owner: Opd, dimension: str, budget: dict
) -> Initiative:
    return do_save_initiative(
        actor,
        region,
        budget=budget,
        predecessors=[],
        code=code,
        name=f"Inisiatif {code}",
        dimension=dimension,
        element={"living": "living.health", "governance": "governance.service"}[dimension],
        type="application",
        owner=owner,
        horizon="medium",
        start_year=2026,
        duration=3,
    )


@pytest.fixture
def world(budi: User, sari: User, region_a: Region, dinkes_a: Opd) -> World:
    kominfo = do_create_opd(budi, region_a, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    telemed = initiative(
        budi,
        region_a,
        "KS-01",
        dinkes_a,
        "living",
        {(2027, "APBD"): Decimal(300_000_000), (2027, "APBN_DAK"): Decimal(100_000_000)},
    )
    portal = initiative(
        budi, region_a, "PL-01", kominfo, "governance", {(2027, "APBD"): Decimal(200_000_000)}
    )
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
    period = do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31))
    return World(period, telemed, portal, visits, coverage, poverty, milestone)

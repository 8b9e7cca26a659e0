"""A Salatiga masterplan with two OPDs' initiatives and KPIs, and 2027 opened, built through the actions."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from kotacerdas.accounts.models import User
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.models import Milestone, Period
from kotacerdas.monitoring.tests.journey import build_plan
from kotacerdas.planning.models import Initiative, Kpi
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


@pytest.fixture
def world(budi: User, sari: User, region_a: Region, dinkes_a: Opd) -> World:
    plan = build_plan(budi, region_a, dinkes_a)
    period = do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31))
    return World(period, *plan)

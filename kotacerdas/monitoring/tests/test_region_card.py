"""The region page's monitoring card counts in the database exactly what the period expects
(issue 17: it loaded every KPI and initiative to count them)."""

from __future__ import annotations

import pytest

from kotacerdas.monitoring.actions.reports import do_save_kpi_report
from kotacerdas.monitoring.overview import expected_items, region_summary
from kotacerdas.monitoring.tests.test_actions import pdf
from kotacerdas.planning.initiatives.actions import do_save_kpi

pytestmark = pytest.mark.django_db


def test_the_card_counts_the_kpis_and_initiatives_the_period_expects(world, budi) -> None:
    # A KPI without a target in the period's year is not expected; one with it is.
    do_save_kpi(budi, world.portal, name="Tanpa target 2027", unit="%", baseline=None, targets={2028: 5})
    summary = region_summary(world.period.region)
    kpis, initiatives = expected_items(world.period)
    assert summary is not None
    assert summary["period"] == world.period
    assert summary["expected"] == len(kpis) + len(initiatives) > 0
    assert summary["reported"] == 0


def test_a_submitted_report_counts_as_reported(world, sari) -> None:
    do_save_kpi_report(sari, world.period, world.visits, value="4200", evidence_file=pdf(), submit=True)
    summary = region_summary(world.period.region)
    assert summary is not None and summary["reported"] == 1

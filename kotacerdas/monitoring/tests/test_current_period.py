"""Which period a region is reporting now: the open one that closes first, on the region card and on
Ayu's national overview alike, and a closing date before the period's year refused."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.core.monitoring import CLOSED, OPEN, current_period
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.national import rows_for
from kotacerdas.monitoring.overview import region_summary
from kotacerdas.regions.models import Region


@dataclass
class P:
    state: str
    year: int
    closes_on: date
    quarter: int | None = None


def test_the_open_period_closing_first_is_current_else_the_latest() -> None:
    y2026, y2027 = P(CLOSED, 2026, date(2027, 1, 31)), P(OPEN, 2027, date(2028, 1, 31))
    y2029_early = P(OPEN, 2029, date(2030, 1, 31))
    assert current_period([y2026, y2029_early, y2027]) is y2027
    assert current_period([y2026, P(CLOSED, 2027, date(2028, 1, 31))]).year == 2027
    assert current_period([]) is None


@pytest.mark.django_db
def test_a_period_opened_early_does_not_hide_this_years_reporting(world, budi, region_a) -> None:
    do_open_period(budi, region_a, year=2028, closes_on=date(2029, 1, 31))
    card = region_summary(region_a)
    [row] = rows_for(Region.objects.filter(pk=region_a.pk))
    assert card is not None and card["period"] == row.period == world.period  # 2027, on both


@pytest.mark.django_db
def test_a_closing_date_before_the_periods_year_is_refused(world, budi, region_a) -> None:
    with pytest.raises(ValidationError) as refused:
        do_open_period(budi, region_a, year=2028, closes_on=date(2020, 1, 1))
    assert refused.value.message_dict == {
        "closes_on": ["Tanggal penutupan tidak boleh sebelum tahun periode 2028."]
    }

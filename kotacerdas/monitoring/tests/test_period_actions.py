"""A reporting period's life: open → closed → locked → (unlocked) closed; each wrong step is refused."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.periods import (
    do_close_period,
    do_lock_period,
    do_open_period,
    do_unlock_period,
)
from kotacerdas.monitoring.models import Period

pytestmark = pytest.mark.django_db


def test_budi_closes_the_open_period_once(world, budi) -> None:
    period = do_close_period(budi, world.period)
    assert Period.objects.get(pk=period.pk).state == "closed"
    assert AuditEntry.objects.filter(action="monitoring.period.closed", object_id=str(period.pk)).count() == 1
    with pytest.raises(ValidationError, match="Hanya periode yang terbuka yang dapat ditutup"):
        do_close_period(budi, period)
    assert AuditEntry.objects.filter(action="monitoring.period.closed").count() == 1
    assert Period.objects.get(pk=period.pk).state == "closed"


def test_locking_twice_or_unlocking_an_unlocked_period_is_refused(world, budi, ayu) -> None:
    with pytest.raises(ValidationError, match="Periode pelaporan ini tidak terkunci"):
        do_unlock_period(ayu, world.period, reason="salah input")
    locked = do_lock_period(budi, world.period)
    with pytest.raises(ValidationError, match="Periode pelaporan ini sudah terkunci"):
        do_lock_period(budi, locked)
    assert Period.objects.get(pk=locked.pk).state == "locked"


def test_a_quarter_outside_one_to_four_is_refused(world, budi, region_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_open_period(budi, region_a, year=2028, quarter=5, closes_on=date(2028, 12, 31))
    assert error.value.message_dict == {"quarter": ["Triwulan adalah 1, 2, 3 atau 4."]}
    assert not Period.objects.filter(year=2028).exists()


def test_no_period_before_the_masterplan_has_its_profile(dewi, region_b) -> None:
    with pytest.raises(ValidationError, match="sebelum membuka periode pelaporan"):
        do_open_period(dewi, region_b, year=2027, closes_on=date(2028, 1, 31))
    assert not Period.objects.filter(region=region_b).exists()

"""Roadmap constraints, runs and adoption refused with a specific message; nothing changes."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.planning.models import AdoptedPlan, Masterplan, RoadmapRun
from kotacerdas.planning.roadmap.actions import (
    do_adopt_roadmap_run,
    do_confirm_schedule,
    do_set_roadmap_constraints,
    do_start_roadmap_run,
)

pytestmark = pytest.mark.django_db
AT_LEAST_ONE = "Setiap OPD harus dapat menjalankan sedikitnya satu inisiatif."


def constraints(budi, region, **overrides):  # type: ignore[no-untyped-def]
    values = {"budget_ceilings": {}, "source_ceilings": {}, "opd_capacity": 2, "opd_capacities": None}
    return do_set_roadmap_constraints(budi, region, **(values | overrides))


def test_constraints_that_cannot_hold_are_refused(budi, region_a, plan_a, dinkes_a, dinkes_b) -> None:
    before = Masterplan.objects.get(region=region_a).opd_capacity
    with pytest.raises(ValidationError) as error:
        constraints(budi, region_a, opd_capacity=0)
    assert error.value.message_dict == {"opd_capacity": [AT_LEAST_ONE]}
    with pytest.raises(ValidationError) as error:
        constraints(budi, region_a, opd_capacities={dinkes_a.pk: 0})
    assert error.value.messages == [AT_LEAST_ONE]
    with pytest.raises(ValidationError) as error:
        constraints(budi, region_a, opd_capacities={dinkes_b.pk: 1})
    assert error.value.messages == ["Pilih OPD dari wilayah ini."]
    with pytest.raises(ValidationError) as error:
        constraints(budi, region_a, source_ceilings={"APBD": {2026: Decimal(-1)}})
    assert error.value.messages == ["Pagu anggaran tidak boleh negatif."]
    assert Masterplan.objects.get(region=region_a).opd_capacity == before


def test_a_run_has_a_sane_time_limit_and_only_a_finished_one_is_adopted(budi, region_a, plan_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_start_roadmap_run(budi, region_a, time_limit=0.5)
    assert error.value.message_dict == {"time_limit": ["Batas waktu harus antara 1 dan 120 detik."]}
    assert not RoadmapRun.objects.exists()
    queued = do_start_roadmap_run(budi, region_a)  # its job starts on commit, never here
    with pytest.raises(ValidationError) as error:
        do_adopt_roadmap_run(budi, queued)
    expected = "Hanya hasil optimasi peta jalan yang sudah selesai dan memiliki jadwal yang dapat diadopsi."
    assert error.value.messages == [expected]
    assert not AdoptedPlan.objects.exists()


def test_a_schedule_without_initiatives_is_not_adopted(budi, region_a, masterplan_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_confirm_schedule(budi, region_a)
    assert error.value.messages == ["Belum ada inisiatif yang dapat diadopsi."]
    assert not AdoptedPlan.objects.exists()

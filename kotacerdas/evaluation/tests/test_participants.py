"""Ayu picks a cycle's participants: every region with an active masterplan in the year, or a cohort."""

import pytest
from django.urls import reverse

from kotacerdas.evaluation.models import Cycle, Participant
from kotacerdas.evaluation.tests.test_cycle import cycle_post
from kotacerdas.planning.analysis.actions import do_save_profile

pytestmark = pytest.mark.django_db


def codes(cycle: Cycle) -> list[str]:
    return [p.region.code for p in Participant.objects.filter(cycle=cycle).order_by("region__code")]


def test_all_regions_with_a_masterplan_active_in_the_year(as_ayu, budi, dewi, region_a, region_b) -> None:
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    do_save_profile(dewi, region_b, period_start=2020, period_end=2024, vision="Sleman cerdas")  # ended
    response = as_ayu.post(reverse("evaluation:cycle_new"), cycle_post(codes="", participants="masterplan"))
    assert response.status_code == 302
    cycle = Cycle.objects.get(year=2027)
    assert codes(cycle) == ["33.73"]
    assert Participant.objects.get(cycle=cycle).assessment is not None  # its self-assessment is started


def test_all_with_a_masterplan_and_a_cohort_together_is_refused(as_ayu, ayu, budi, region_a) -> None:
    from kotacerdas.programme.demo import load_demo
    from kotacerdas.programme.models import Cohort

    load_demo(ayu)
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    data = cycle_post(codes="", participants="masterplan", cohort=str(Cohort.objects.get().pk))
    response = as_ayu.post(reverse("evaluation:cycle_new"), data)
    assert response.status_code == 400
    assert "bukan keduanya" in response.content.decode()
    assert not Cycle.objects.exists()


def test_no_region_with_an_active_masterplan_opens_nothing(as_ayu) -> None:
    response = as_ayu.post(reverse("evaluation:cycle_new"), cycle_post(codes="", participants="masterplan"))
    assert response.status_code == 400
    assert "Pilih wilayah peserta atau sebuah kohort." in response.content.decode()
    assert not Cycle.objects.exists() and not Participant.objects.exists()


def test_a_cohorts_selected_regions_take_part(as_ayu, ayu) -> None:
    from kotacerdas.programme.demo import load_demo
    from kotacerdas.programme.models import Cohort

    load_demo(ayu)
    data = cycle_post(codes="", participants="listed", cohort=str(Cohort.objects.get().pk))
    assert as_ayu.post(reverse("evaluation:cycle_new"), data).status_code == 302
    assert codes(Cycle.objects.get(year=2027)) == ["33.73", "34.04"]  # Salatiga and Sleman, selected

"""Quick Win actions refuse with a specific message and save nothing."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.planning.models import Masterplan, QuickWin, Risk
from kotacerdas.planning.quickwins.actions import (
    do_add_risk,
    do_delete_risk,
    do_remove_quick_win,
    do_select_quick_win,
    do_set_quick_win_criteria,
)

pytestmark = pytest.mark.django_db
RISK = {
    "description": "Server down",
    "likelihood": 2,
    "impact": 3,
    "handling": "reduce",
    "mitigation": "Cadangan harian",
    "owner": "Diskominfo",
}


def test_quick_wins_finish_within_one_to_five_years(budi, region_a, plan_a) -> None:
    with pytest.raises(ValidationError) as error:
        do_set_quick_win_criteria(
            budi, region_a, max_years=6, cost_ceiling=None, citizen_benefit=True, min_readiness=Decimal(1)
        )
    assert error.value.message_dict == {"max_years": ["Quick Win selesai dalam 1 sampai 5 tahun."]}
    assert Masterplan.objects.get(region=region_a).qw_max_years != 6


def test_a_quick_win_is_chosen_once_for_the_first_two_years(budi, plan_a) -> None:
    portal = plan_a["portal"]
    with pytest.raises(ValidationError) as error:
        do_select_quick_win(budi, portal, year=2028)
    assert error.value.message_dict == {"year": ["Quick Win dipilih untuk tahun pertama atau kedua periode."]}
    do_select_quick_win(budi, portal, year=2026)
    with pytest.raises(ValidationError) as error:
        do_select_quick_win(budi, portal, year=2027)
    assert error.value.messages == [f"{portal.code} sudah menjadi Quick Win."]
    assert QuickWin.objects.get().year == 2026


def test_a_risk_is_rated_from_1_to_5_and_goes_with_its_quick_win(budi, plan_a) -> None:
    quick_win = do_select_quick_win(budi, plan_a["portal"], year=2026)
    with pytest.raises(ValidationError) as error:
        do_add_risk(budi, quick_win, **RISK | {"likelihood": 6})
    assert error.value.message_dict == {
        "likelihood": ["Gunakan nilai 1 (sangat rendah) sampai 5 (sangat tinggi)."]
    }
    assert not Risk.objects.exists()
    risk = do_add_risk(budi, quick_win, **RISK)
    do_delete_risk(budi, risk)
    assert not Risk.objects.exists()
    do_remove_quick_win(budi, quick_win)
    assert not QuickWin.objects.exists()

"""get_in_region knows how each masterplan record reaches its region, and says so for any other model."""

import pytest
from django.apps import apps
from django.http import Http404

from kotacerdas.planning.access import REGION_LOOKUP, get_in_region
from kotacerdas.planning.initiatives.actions import do_save_kpi
from kotacerdas.planning.models import Kpi, Problem
from kotacerdas.regions.models import Opd

pytestmark = pytest.mark.django_db


def test_every_planning_model_has_a_lookup() -> None:
    assert set(apps.get_app_config("planning").get_models()) == set(REGION_LOOKUP)


def test_a_record_of_another_region_is_a_404(budi, region_a, region_b, plan_a) -> None:
    kpi = do_save_kpi(budi, plan_a["data"], name="K", unit="u", baseline=None, targets={})
    assert get_in_region(Kpi, region_a, kpi.pk) == kpi  # reached through its initiative
    with pytest.raises(Http404):
        get_in_region(Kpi, region_b, kpi.pk)
    with pytest.raises(Http404):
        get_in_region(Problem, region_a, 999_999)


def test_an_unknown_model_is_a_clear_programming_error_not_a_database_error(region_a, dinkes_a) -> None:
    # Opd has a region field, so the old field-guessing lookup would even have answered
    with pytest.raises(TypeError, match=r"does not know how a regions\.Opd belongs to a region"):
        get_in_region(Opd, region_a, dinkes_a.pk)

"""The evaluation's access getters: cycles are Ayu's, a result is readable once published, else a 404."""

from __future__ import annotations

import pytest
from django.http import Http404

from kotacerdas.evaluation import access
from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.index_access import get_index_run_for_user, index_runs_for_user
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def test_a_cycle_is_ayus_and_a_missing_one_is_a_404(ayu, budi) -> None:
    cycle = open_cycle(ayu)
    assert access.get_cycle_for_user(ayu, cycle.pk) == cycle
    with pytest.raises(Http404):
        access.get_cycle_for_user(budi, cycle.pk)
    with pytest.raises(Http404):
        access.get_cycle_for_user(ayu, cycle.pk + 1000)


def test_an_open_cycle_has_no_publication_and_is_hidden_from_budi_by_year(ayu, budi, region_a) -> None:
    cycle = open_cycle(ayu)
    with pytest.raises(Http404):
        access.get_publication_of_cycle(cycle)
    with pytest.raises(Http404):
        access.get_published_result(region_a, 2027)
    assert list(access.visible_cycles(ayu)) == [cycle]
    assert not access.visible_cycles(budi).exists()
    assert access.get_cycle_by_year_for_user(ayu, 2027) == cycle
    with pytest.raises(Http404):
        access.get_cycle_by_year_for_user(budi, 2027)


def test_a_published_result_is_read_by_region_and_year_only_where_the_region_took_part(
    ayu, budi, region_a, region_b
) -> None:
    cycle = open_cycle(ayu)
    do_enter_results(ayu, cycle, GOOD)
    publication = do_publish(ayu, cycle)
    assert access.get_publication_of_cycle(cycle) == publication
    assert access.get_published_result(region_a, 2027) == publication
    assert access.get_cycle_by_year_for_user(budi, 2027) == cycle
    with pytest.raises(Http404):
        access.get_published_result(region_b, 2027)  # Sleman did not take part
    with pytest.raises(Http404):
        access.get_published_result(region_a, 2026)
    assert access.get_region_in_publication(publication, "33.73") == region_a
    with pytest.raises(Http404):
        access.get_region_in_publication(publication, region_b.code)
    # a region re-coded after the publication: its letter by the old code is not found, not a 500
    Region.objects.filter(pk=region_a.pk).update(code="33.99")
    with pytest.raises(Http404):
        access.get_region_in_publication(publication, "33.73")


def test_index_runs_are_listed_for_ayu_only_and_a_missing_run_is_a_404(ayu, budi) -> None:
    assert not index_runs_for_user(ayu).exists()
    with pytest.raises(Http404):
        index_runs_for_user(budi)
    with pytest.raises(Http404):
        get_index_run_for_user(ayu, 1)

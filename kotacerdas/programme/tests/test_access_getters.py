"""The programme's access getters: a visitor sees nothing, and what is out of scope is a 404."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import Http404

from kotacerdas.programme import access
from kotacerdas.programme.actions.institutions import do_save_institution

pytestmark = pytest.mark.django_db


def test_a_visitor_sees_no_candidacy_region_or_right(selected) -> None:
    visitor = AnonymousUser()
    candidacy = selected["33.73"]
    assert not access.visible_candidacies(visitor).exists()
    assert not access.programme_regions(visitor).exists()
    assert not access.is_region_team(visitor, candidacy.region)
    assert not access.can_submit(visitor, candidacy)
    assert not access.can_review(visitor, candidacy)
    assert not access.can_verify_score(visitor, candidacy)
    assert not access.can_edit_institutions(visitor, candidacy.region)
    with pytest.raises(Http404):
        access.get_candidacy_for_user(visitor, "33.73", candidacy.cohort_id)


def test_ayu_sees_every_candidacy_and_every_kabupaten_or_kota(ayu, selected) -> None:
    assert access.visible_candidacies(ayu).count() == 3
    regions = access.programme_regions(ayu)
    assert regions.filter(code="33.72").exists()
    assert not regions.filter(kind="province").exists()
    assert access.can_review(ayu, selected["33.73"]) and access.can_verify_score(ayu, selected["33.73"])


def test_a_cohort_is_the_national_admins_and_a_missing_one_is_a_404(ayu, budi, cohort) -> None:
    assert access.get_cohort_for_user(ayu, cohort.pk) == cohort
    with pytest.raises(Http404):
        access.get_cohort_for_user(budi, cohort.pk)
    with pytest.raises(Http404):
        access.get_cohort_for_user(ayu, cohort.pk + 1000)


def test_a_body_not_set_up_yet_is_a_404_and_another_regions_body_too(budi, dewi, region_a) -> None:
    with pytest.raises(Http404):
        access.get_institution_for_user(budi, "33.73", "dewan")
    body = do_save_institution(budi, region_a, kind="dewan", decree_number="", decree_date=None)
    assert access.get_institution_for_user(budi, "33.73", "dewan") == body
    with pytest.raises(Http404):
        access.get_institution_for_user(dewi, "33.73", "dewan")

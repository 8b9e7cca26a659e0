"""The strategic analysis shows the readiness gaps of the region's latest verified readiness assessment."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_without_a_verified_assessment_the_placeholder_shows(as_budi, region_a, masterplan_a) -> None:
    page = as_budi.get(reverse("planning:overview", args=[region_a.code])).content.decode()
    assert 'id="readiness-placeholder"' in page


def test_the_gap_of_the_verified_readiness_assessment_is_shown(
    ayu, as_budi, budi, sari, tono, dinkes_a, region_a, masterplan_a
) -> None:
    assessment_demo = pytest.importorskip("kotacerdas.assessment.demo")
    assessment_demo._verified_readiness(ayu, region_a, budi, sari, tono, dinkes_a)
    page = as_budi.get(reverse("planning:overview", args=[region_a.code])).content.decode()
    assert 'id="readiness-placeholder"' not in page
    assert "Suprastruktur" in page
    assert "Dari penilaian terverifikasi" in page

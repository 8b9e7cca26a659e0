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


def test_without_the_assessment_app_the_overview_has_no_readiness_section(
    ayu, as_budi, budi, sari, tono, dinkes_a, region_a, masterplan_a
) -> None:
    from django.test import modify_settings

    from kotacerdas.planning.readiness import latest_verified_gap

    assessment_demo = pytest.importorskip("kotacerdas.assessment.demo")
    assessment_demo._verified_readiness(ayu, region_a, budi, sari, tono, dinkes_a)
    assert latest_verified_gap(region_a) is not None
    with modify_settings(INSTALLED_APPS={"remove": ["kotacerdas.assessment"]}):
        # the guard asks the app registry: the module is importable (already imported), the app is gone
        assert latest_verified_gap(region_a) is None
        response = as_budi.get(reverse("planning:overview", args=[region_a.code]))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Ringkasan" in page  # the rest of the overview is there
    assert "Analisis kesenjangan kesiapan" not in page
    assert "Suprastruktur" not in page and 'id="readiness-placeholder"' not in page

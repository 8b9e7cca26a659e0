"""The books read the masterplan (planning) and the governance bodies (programme) only when those
apps are installed: without them collect still builds the book data, and the books say what is
missing. The guard asks the app registry at call time, so removing an app from INSTALLED_APPS is
enough to exercise it."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.apps import apps
from django.test import modify_settings

from kotacerdas.documents.collect import PLANNING_APP, PROGRAMME_APP, collect_book_data
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


@pytest.fixture
def masterplan_record(region_a: Region) -> None:
    """One key indicator of region A: the smallest planning record the books print."""
    from kotacerdas.planning.models import KeyIndicator

    KeyIndicator.objects.create(
        region=region_a,
        name="Rumah tangga berinternet",
        value=Decimal("71.5"),
        unit="%",
        year=2025,
        source="BPS",
    )


@pytest.fixture
def dewan(region_a: Region) -> None:
    """Region A's Dewan Smart City with one member: what the programme app contributes."""
    from kotacerdas.programme.models import Institution, InstitutionMember

    body = Institution.objects.create(
        region=region_a,
        kind=Institution.Kind.COUNCIL,
        decree_number="100/25/2026",
        decree_date=date(2026, 3, 2),
    )
    InstitutionMember.objects.create(institution=body, name="Ir. Contoh Ketua", role="chair")


def test_without_planning_the_books_leave_the_masterplan_out(
    masterplan_record: None, region_a: Region
) -> None:
    installed = collect_book_data(region_a, 2026)
    assert [i.name for i in installed.region.indicators] == ["Rumah tangga berinternet"]

    with modify_settings(INSTALLED_APPS={"remove": [PLANNING_APP]}):
        assert not apps.is_installed(PLANNING_APP)
        data = collect_book_data(region_a, 2026)

    assert data.region.indicators == []
    assert data.problems == [] and data.initiatives == [] and data.quick_wins == []
    assert "inisiatif per dimensi" in data.missing()
    assert data.region.name == "Kota Salatiga" and data.period_start == 2027  # the rest is still there


def test_without_programme_the_books_have_no_governance_bodies(dewan: None, region_a: Region) -> None:
    installed = collect_book_data(region_a, 2026)
    assert [m.name for m in installed.governance.dewan] == ["Ir. Contoh Ketua"]

    with modify_settings(INSTALLED_APPS={"remove": [PROGRAMME_APP]}):
        assert not apps.is_installed(PROGRAMME_APP)
        data = collect_book_data(region_a, 2026)

    assert data.governance.dewan == [] and data.governance.dewan_decree == ""
    assert "susunan Dewan Smart City" in data.missing()
    assert data.region.name == "Kota Salatiga"

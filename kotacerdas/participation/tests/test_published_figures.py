"""The KPI figure on an idea's page is what the region published on its portal, formatted as the
public region page formats it; live monitoring values never show, and nothing shows once withdrawn."""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.participation.actions.moderation import do_link_initiative, do_promote_idea
from kotacerdas.portal.actions import do_publish_portal, do_unpublish_portal

pytestmark = pytest.mark.django_db
FIGURE = re.compile(r'<span data-testid="kpi-actual">([^<]*)</span>(\S*) \((\d{4}), disetujui\)')
NOTHING = "belum ada nilai yang dipublikasikan"


@pytest.fixture
def followed(budi, sari, idea, region_a, dinkes_a):
    """Andi's idea, promoted and linked to LIV-01, whose KPI has an approved actual of 22.5 % for 2026."""
    from kotacerdas.monitoring.actions.periods import do_open_period
    from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
    from kotacerdas.planning.analysis.actions import do_save_profile
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi

    problem = do_promote_idea(budi, idea, code="M-05", title="Pendaftaran puskesmas belum daring")
    do_save_profile(budi, region_a, period_start=2026, period_end=2030)
    initiative = do_save_initiative(
        budi,
        region_a,
        budget={},
        problems=[problem],
        code="LIV-01",
        name="Puskesmas daring",
        dimension="living",
        element="living.health",
        type="application",
        owner=dinkes_a,
        horizon="short",
        start_year=2026,
        duration=1,
    )
    kpi = do_save_kpi(
        budi, initiative, name="Capaian pendaftaran daring", unit="%", baseline=Decimal(5), targets={2026: 40}
    )
    period = do_open_period(budi, region_a, year=2026, closes_on=date(2027, 1, 31))
    report = do_save_kpi_report(sari, period, kpi, value="22.5", submit=True)
    do_review_report(budi, report, decision="approved", reason="")
    do_link_initiative(budi, idea, initiative)
    return idea


def _idea_page(idea) -> str:
    return Client().get(idea.get_absolute_url()).content.decode()


def test_a_live_approved_value_is_not_shown_before_the_region_publishes(followed) -> None:
    page = _idea_page(followed)
    assert 'data-testid="kpi-actual"' not in page
    assert f"Capaian pendaftaran daring: {NOTHING}" in page


def test_the_figure_is_the_public_region_pages_and_goes_with_the_portal(followed, budi, region_a) -> None:
    do_publish_portal(budi, region_a, parts=["kpis"])
    public = Client().get(reverse("portal:region", kwargs={"code": region_a.code})).content.decode()
    portal_cells = re.findall(
        r'<tr><td>2026</td><td class="num">[^<]*</td><td class="num">([^<]*)</td>', public
    )
    assert portal_cells == ["22,5"]
    assert FIGURE.findall(_idea_page(followed)) == [("22,5", "%", "2026")]  # not "23 %"
    do_unpublish_portal(budi, region_a)
    page = _idea_page(followed)
    assert 'data-testid="kpi-actual"' not in page
    assert f"Capaian pendaftaran daring: {NOTHING}" in page


def test_a_portal_without_the_kpi_part_shows_no_figure(followed, budi, region_a) -> None:
    do_publish_portal(budi, region_a, parts=["initiatives"])  # something to show, but not the KPIs
    assert f"Capaian pendaftaran daring: {NOTHING}" in _idea_page(followed)

"""Quick Win candidates by configurable criteria; Budi selects and profiles them with a risk register."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.models import QuickWin, Risk

pytestmark = pytest.mark.django_db


def test_candidates_follow_the_criteria(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:quickwins", args=[region_a.code])
    page = as_budi.get(url).content.decode()
    # only PL-01 has direct citizen benefit; KS-01 also finishes too late
    assert "tidak bermanfaat langsung bagi warga" in page
    assert "selesai terlalu lambat" in page
    assert (
        f'action="{reverse("planning:quickwin_select", args=[region_a.code, plan_a["portal"].pk])}"' in page
    )
    assert reverse("planning:quickwin_select", args=[region_a.code, plan_a["data"].pk]) not in page
    response = as_budi.post(url, {"max_years": 2, "cost_ceiling": "", "min_readiness": ""})
    assert response.status_code == 302
    page = as_budi.get(url).content.decode()
    assert reverse("planning:quickwin_select", args=[region_a.code, plan_a["data"].pk]) in page


def test_budi_selects_a_quick_win_and_keeps_its_risk_register(
    as_budi, budi, region_a, plan_a, kominfo_a
) -> None:
    portal = plan_a["portal"]
    response = as_budi.post(
        reverse("planning:quickwin_select", args=[region_a.code, portal.pk]), {"year": 2027}
    )
    quick_win = QuickWin.objects.get()
    assert response.url == quick_win.get_absolute_url()
    assert (quick_win.year, quick_win.owner) == (2027, kominfo_a)
    response = as_budi.post(
        quick_win.get_absolute_url(),
        {
            "brand": "SALATIGA LAPOR",
            "owner": kominfo_a.pk,
            "year": 2026,
            "steps": "TW1: SK tim\nTW3: peluncuran",
            "targets": "80% aduan selesai dalam 5 hari",
        },
    )
    assert response.status_code == 302
    response = as_budi.post(
        quick_win.get_absolute_url(),
        {
            "form": "risk",
            "description": "Rendahnya adopsi warga",
            "likelihood": 3,
            "impact": 4,
            "handling": "reduce",
            "mitigation": "Sosialisasi di kelurahan",
            "owner": "Kabid IKP",
        },
    )
    assert response.status_code == 302
    risk = Risk.objects.get()
    assert risk.level == 12
    page = as_budi.get(quick_win.get_absolute_url()).content.decode()
    assert "SALATIGA LAPOR" in page and "Sosialisasi di kelurahan" in page and "peluncuran" in page
    assert AuditEntry.objects.filter(action="masterplan.risk.add").count() == 1


def test_quick_wins_are_only_for_the_first_two_years(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:quickwin_select", args=[region_a.code, plan_a["portal"].pk])
    response = as_budi.post(url, {"year": 2028})
    assert response.status_code == 400
    assert "Quick Win dipilih untuk tahun pertama atau kedua periode." in response.content.decode()
    assert not QuickWin.objects.exists()


def test_a_risk_needs_likelihood_and_impact(as_budi, budi, region_a, plan_a) -> None:
    from kotacerdas.planning.quickwins.actions import do_select_quick_win

    quick_win = do_select_quick_win(budi, plan_a["portal"], year=2026)
    response = as_budi.post(
        quick_win.get_absolute_url(),
        {
            "form": "risk",
            "description": "x",
            "likelihood": 9,
            "impact": 1,
            "handling": "reduce",
            "mitigation": "m",
            "owner": "o",
        },
    )
    assert response.status_code == 400
    assert not Risk.objects.exists()

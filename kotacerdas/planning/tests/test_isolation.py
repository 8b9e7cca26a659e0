"""Budi gets 404 for every record of region B, tried with real records."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.initiatives import actions as initiatives
from kotacerdas.planning.models import Initiative, Problem, SwotItem
from kotacerdas.planning.quickwins import actions as quickwins
from kotacerdas.planning.roadmap import actions as roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def world_b(dewi, region_b, dinkes_b):
    analysis.do_save_profile(dewi, region_b, period_start=2026, period_end=2030)
    problem = analysis.do_save_problem(
        dewi, region_b, code="M-01", title="Banjir", dimension="environment", element="environment.protection"
    )
    swot = analysis.do_save_swot_item(dewi, region_b, scope="struktur", kind="S", text="SDM")
    initiative = initiatives.do_save_initiative(
        dewi,
        region_b,
        budget={(2026, "APBD"): Decimal(10)},
        code="X-1",
        name="Sistem peringatan dini",
        dimension="environment",
        element="environment.protection",
        type="infrastructure",
        owner=dinkes_b,
        horizon="short",
        start_year=2026,
        duration=1,
        citizen_benefit=True,
    )
    kpi = initiatives.do_save_kpi(dewi, initiative, name="K", unit="u", baseline=None, targets={2026: "1"})
    quick_win = quickwins.do_select_quick_win(dewi, initiative, year=2026)
    risk = quickwins.do_add_risk(
        dewi, quick_win, description="r", likelihood=2, impact=3, handling="reduce", mitigation="m", owner="o"
    )
    run = roadmap.do_start_roadmap_run(dewi, region_b, time_limit=5)
    return {
        "problem": problem,
        "swot": swot,
        "initiative": initiative,
        "kpi": kpi,
        "quick_win": quick_win,
        "risk": risk,
        "run": run,
    }


def test_budi_gets_404_for_region_b_records(as_budi, region_a, region_b, world_b, masterplan_a) -> None:
    b = world_b
    urls = [
        ("problem", b["problem"].pk),
        ("problem_delete", b["problem"].pk),
        ("swot_item", b["swot"].pk),
        ("swot_delete", b["swot"].pk),
        ("initiative", b["initiative"].pk),
        ("initiative_edit", b["initiative"].pk),
        ("initiative_delete", b["initiative"].pk),
        ("kpi_delete", b["kpi"].pk),
        ("roadmap_pin", b["initiative"].pk),
        ("roadmap_run", b["run"].pk),
        ("quickwin", b["quick_win"].pk),
        ("quickwin_remove", b["quick_win"].pk),
        ("quickwin_select", b["initiative"].pk),
        ("risk_delete", b["risk"].pk),
    ]
    for name, pk in urls:
        for code in (region_a.code, region_b.code):  # region A's code does not open region B's record either
            url = reverse(f"planning:{name}", args=[code, pk])
            assert as_budi.get(url).status_code in (404, 405), (name, code)
            assert as_budi.post(url, {"year": 2026}).status_code == 404, (name, code)
    comment = reverse("discussion:add_comment", args=[region_a.code, "planning.problem", b["problem"].pk])
    assert as_budi.post(comment, {"body": "x"}).status_code == 404
    assert Problem.objects.filter(region=region_b).count() == 1
    assert SwotItem.objects.filter(region=region_b).count() == 1
    assert Initiative.objects.get(pk=b["initiative"].pk).pinned_start_year is None

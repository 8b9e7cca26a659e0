"""Mentor Rina may open region A's masterplan but change nothing: 403 on every planning URL's POST
(with real records of region A, so the answer is not a 404), and nothing is written. The one page
she may post to is her own group-AHP judgements (she is one of the experts)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning import urls
from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.initiatives import actions as initiatives
from kotacerdas.planning.quickwins import actions as quickwins
from kotacerdas.planning.roadmap import actions as roadmap

pytestmark = pytest.mark.django_db


@pytest.fixture
def world_a(budi, region_a, plan_a, kominfo_a):
    indicator = analysis.do_add_indicator(
        budi, region_a, name="IPM", value=Decimal(80), unit="indeks", year=2024, source="BPS"
    )
    problem = analysis.do_save_problem(
        budi, region_a, code="M-01", title="Antrean", dimension="living", element="living.health"
    )
    swot = analysis.do_save_swot_item(budi, region_a, scope="struktur", kind="S", text="SDM")
    goal = analysis.do_add_statement(budi, region_a, kind="goal", dimension="governance", text="Layanan")
    programme = analysis.do_add_programme(
        budi, region_a, code="2.16.03", name="Aplikasi", document="RPJMD", opd=kominfo_a, goal=goal
    )
    kpi = initiatives.do_save_kpi(budi, plan_a["portal"], name="K", unit="u", baseline=None, targets={})
    quick_win = quickwins.do_select_quick_win(budi, plan_a["portal"], year=2026)
    risk = quickwins.do_add_risk(
        budi, quick_win, description="r", likelihood=2, impact=3, handling="reduce", mitigation="m", owner="o"
    )
    run = roadmap.do_start_roadmap_run(budi, region_a, time_limit=5)
    return {
        "code": region_a.code,
        "indicator_id": indicator.pk,
        "problem_id": problem.pk,
        "item_id": swot.pk,
        "statement_id": goal.pk,
        "programme_id": programme.pk,
        "initiative_id": plan_a["data"].pk,
        "kpi_id": kpi.pk,
        "run_id": run.pk,
        "dimension": "semua",
        "quickwin_id": quick_win.pk,
        "risk_id": risk.pk,
        "revision": 1,
    }


def test_rina_is_refused_on_every_planning_post_and_nothing_changes(rina, world_a) -> None:
    client = logged_in(rina)
    entries = AuditEntry.objects.count()
    names = [p.name for p in urls.urlpatterns]
    assert len(names) == len(urls.access)
    for pattern in urls.urlpatterns:
        kwargs = {key: world_a[key] for key in pattern.pattern.converters} | {"code": world_a["code"]}
        url = reverse(f"planning:{pattern.name}", kwargs=kwargs)
        response = client.post(url, {"name": "x", "year": 2026, "form": "risk"})
        # the mentor is one of the group-AHP experts: her own judgements page takes her POST, and
        # refuses this one (no judgements in it) with 400, writing nothing
        expected = 400 if pattern.name == "expert_judgements" else 403
        assert response.status_code == expected, pattern.name
    assert AuditEntry.objects.count() == entries


def test_form_only_pages_are_refused_to_rina_on_get_too(rina, world_a) -> None:
    client = logged_in(rina)
    for name, args in [
        ("initiative_new", []),
        ("initiative_edit", [world_a["initiative_id"]]),
        ("kpi_targets", [world_a["kpi_id"]]),
        ("initiatives_import", []),
        ("weights_ahp", []),
        ("weights_direct", []),
        ("scores", []),
        ("revision_start", []),
    ]:
        assert client.get(reverse(f"planning:{name}", args=[world_a["code"], *args])).status_code == 403, name
    assert client.get(reverse("planning:initiatives", args=[world_a["code"]])).status_code == 200

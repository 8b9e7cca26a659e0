"""The example masterplan of Kota Salatiga loads through the actions, once."""

import pytest

from kotacerdas.audit.models import AuditEntry
from kotacerdas.planning.demo import load_demo
from kotacerdas.planning.models import Initiative, Problem, QuickWin, RoadmapRun
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db


@pytest.fixture
def salatiga_opds(ayu, region_a):
    from kotacerdas.demo import OPDS

    for name, short in OPDS["33.73"]:
        do_create_opd(ayu, region_a, name=name, short_name=short)


def test_the_demo_builds_an_example_masterplan_once(
    ayu, budi, region_a, salatiga_opds, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(ayu)
    assert Problem.objects.filter(region=region_a).count() == 8
    initiatives = Initiative.objects.filter(region=region_a)
    assert initiatives.count() == 12
    assert set(initiatives.values_list("dimension", flat=True)) == {
        "governance",
        "branding",
        "economy",
        "living",
        "society",
        "environment",
    }
    assert all(i.kpis.exists() and i.budget_lines.exists() for i in initiatives)
    assert QuickWin.objects.filter(region=region_a).count() == 2
    run = RoadmapRun.objects.get(region=region_a)
    assert run.state == "done" and run.result["status"] in ("optimal", "feasible")
    assert AuditEntry.objects.filter(actor=budi, action="masterplan.initiative.save").count() == 12
    assert all("contoh" in p.title for p in Problem.objects.all())
    with django_capture_on_commit_callbacks(execute=True):
        load_demo(ayu)
    assert Initiative.objects.filter(region=region_a).count() == 12
    assert RoadmapRun.objects.count() == 1

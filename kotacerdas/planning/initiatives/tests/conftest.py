"""A rich plan of region A for the workbook's tests: every field, budget source, KPI target, link,
pin and score the initiatives workbook carries."""

from decimal import Decimal

import pytest

from kotacerdas.planning.analysis import actions as analysis
from kotacerdas.planning.initiatives import actions as initiatives
from kotacerdas.planning.models import Initiative
from kotacerdas.planning.prioritisation import actions as prioritisation
from kotacerdas.planning.roadmap import actions as roadmap


def state(region):
    """Everything the workbook carries, as plain values."""
    result = {}
    for i in Initiative.objects.filter(region=region).prefetch_related(
        "budget_lines", "kpis", "predecessors", "problems"
    ):
        result[i.code] = {
            "fields": {
                f: getattr(i, f)
                for f in (
                    "name",
                    "dimension",
                    "element",
                    "type",
                    "description",
                    "partners",
                    "rpjmd_targets",
                    "subactivity_codes",
                    "horizon",
                    "start_year",
                    "duration",
                    "total_cost",
                    "risks",
                    "status",
                    "mandatory",
                    "citizen_benefit",
                    "earliest_start_year",
                    "pinned_start_year",
                    "scores",
                )
            },
            "owner": i.owner.name,
            "budget": sorted((b.year, b.source, b.amount) for b in i.budget_lines.all()),
            "kpis": [(k.name, k.unit, k.baseline, k.targets) for k in i.kpis.all()],
            "predecessors": sorted(p.code for p in i.predecessors.all()),
            "problems": sorted(p.code for p in i.problems.all()),
        }
    return result


@pytest.fixture
def rich_plan(budi, region_a, plan_a):
    analysis.do_save_problem(
        budi, region_a, code="M-01", title="Antrean", dimension="living", element="living.health"
    )
    telemed = plan_a["telemed"]
    initiatives.do_save_initiative(
        budi,
        region_a,
        telemed,
        budget={(2028, "APBN_DAK"): Decimal(400_000_000), (2028, "CSR"): Decimal(5)},
        predecessors=[plan_a["data"]],
        problems=list(telemed.region.planning_problems.all()),
        subactivity_codes=["1.02.02.2.01.0001"],
        code="KS-01",
        name="Telemedisin “Sehat”; tahap 1",
        dimension="living",
        element="living.health",
        type="application",
        owner=telemed.owner,
        horizon="medium",
        start_year=2028,
        duration=1,
        total_cost=Decimal(400_000_005),
        description="Baris 1\nBaris 2",
        mandatory=True,
        citizen_benefit=True,
        earliest_start_year=2027,
    )
    initiatives.do_save_kpi(
        budi,
        telemed,
        name="Konsultasi daring",
        unit="per bulan",
        baseline=Decimal("12.5"),
        targets={2028: Decimal("100"), 2030: Decimal("250.75")},
    )
    initiatives.do_save_kpi(budi, plan_a["portal"], name="Aduan selesai", unit="%", baseline=None, targets={})
    roadmap.do_pin_start(budi, plan_a["portal"], 2027)
    prioritisation.do_set_scores(
        budi,
        region_a,
        {telemed.pk: {"impact": 5, "urgency": 4, "readiness": 3, "rpjmd_alignment": 5, "spbe_relevance": 2}},
    )
    return plan_a

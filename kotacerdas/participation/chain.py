"""What became of an idea, for the citizen who follows it: idea → problem → initiatives → KPIs →
the latest actual of each KPI that the region PUBLISHED on its public portal (``published``): live
monitoring values, approved or not, never show here, and nothing shows once the portal is withdrawn."""

from __future__ import annotations

from dataclasses import dataclass, field

from kotacerdas.participation.models import Idea
from kotacerdas.participation.published import PublishedActual, published_actuals
from kotacerdas.planning.models import Initiative, Kpi, Problem


@dataclass(frozen=True)
class KpiLink:
    kpi: Kpi
    published: PublishedActual | None


@dataclass(frozen=True)
class InitiativeLink:
    initiative: Initiative
    kpis: list[KpiLink] = field(default_factory=list)


@dataclass(frozen=True)
class Chain:
    problem: Problem | None
    initiatives: list[InitiativeLink]


def chain_for(idea: Idea) -> Chain:
    problem = idea.problem
    if problem is None:
        return Chain(None, [])
    initiatives = list(Initiative.objects.filter(problems=problem).order_by("code").prefetch_related("kpis"))
    published = published_actuals(idea.region.code) if initiatives else {}
    links = [
        InitiativeLink(i, [KpiLink(k, published.get((i.code, k.name))) for k in i.kpis.all()])
        for i in initiatives
    ]
    return Chain(problem, links)

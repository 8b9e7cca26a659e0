"""What became of an idea, for the citizen who follows it: idea → problem → initiatives → KPIs →
the latest APPROVED actual of each KPI (monitoring; drafts and unreviewed values never show)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from kotacerdas.monitoring.models import KpiReport, ReviewStatus
from kotacerdas.participation.models import Idea
from kotacerdas.planning.models import Initiative, Kpi, Problem


@dataclass(frozen=True)
class KpiLink:
    kpi: Kpi
    actual: Decimal | None
    year: int | None


@dataclass(frozen=True)
class InitiativeLink:
    initiative: Initiative
    kpis: list[KpiLink] = field(default_factory=list)


@dataclass(frozen=True)
class Chain:
    problem: Problem | None
    initiatives: list[InitiativeLink]


def _latest_approved(kpi: Kpi) -> KpiLink:
    report = (
        KpiReport.objects.filter(kpi=kpi, status=ReviewStatus.APPROVED)
        .select_related("period")
        .order_by("-period__year", "-period__quarter", "-pk")
        .first()
    )
    if report is None:
        return KpiLink(kpi, None, None)
    return KpiLink(kpi, report.value, report.period.year)


def chain_for(idea: Idea) -> Chain:
    problem = idea.problem
    if problem is None:
        return Chain(None, [])
    initiatives = Initiative.objects.filter(problems=problem).order_by("code").prefetch_related("kpis")
    links = [InitiativeLink(i, [_latest_approved(k) for k in i.kpis.all()]) for i in initiatives]
    return Chain(problem, links)

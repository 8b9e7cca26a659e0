"""What the monitoring pages show, read in a fixed number of queries whatever the data's size.

Only **approved** values count in the figures (progress, realisation, KPI actuals); drafts and
submitted reports appear only in the reporting lists. The pagu is the plan of record's.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import Any

from django.db.models import Count, F, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access import QuickWinProgress, quick_win_progress_of
from kotacerdas.monitoring.models import (
    InitiativeReport,
    KpiReport,
    KpiRule,
    Milestone,
    OutcomeValue,
    Period,
    Realisation,
)
from kotacerdas.monitoring.plan import pagu, plan_for
from kotacerdas.monitoring.statuses import statuses_and_weight_method
from kotacerdas.planning.access import initiatives_of, kpis_of, masterplan_for_year, revision_for_year
from kotacerdas.planning.models import Initiative, Kpi, Masterplan
from kotacerdas.planning.reference import dimension_label
from kotacerdas.regions.models import Region

INITIATIVE_COLUMNS = (
    "id",
    "region_id",
    "code",
    "name",
    "dimension",
    "start_year",
    "duration",
    "owner__id",
    "owner__name",
    "owner__short_name",
)


def active_in(initiative: Initiative, year: int) -> bool:
    return initiative.start_year <= year <= initiative.start_year + initiative.duration - 1


def expected_items(period: Period) -> tuple[list[Kpi], list[Initiative]]:
    """What a period expects a report for: KPIs with a target that year, initiatives running that year,
    of the masterplan revision the year belongs to (an earlier revision's period keeps its history)."""
    plan = masterplan_for_year(period.region, period.year)
    initiatives = [i for i in initiatives_of(plan) if active_in(i, period.year)]
    kpis = [k for k in kpis_of(plan) if str(period.year) in (k.targets or {})]
    return kpis, initiatives


@dataclass
class KpiLine:
    kpi: Kpi
    direction: str
    targets: dict[int, Decimal]
    actuals: dict[int, Decimal] = field(default_factory=dict)

    def achievement(self, year: int) -> core.Achievement | None:
        if year not in self.targets or year not in self.actuals:
            return None
        return core.achievement(self.actuals[year], self.targets[year], self.direction, self.kpi.baseline)


@dataclass
class InitiativeLine:
    initiative: Initiative
    status: str = ""
    status_label: str = ""  # the region's label of ``status`` (its own status set, or the default)
    category: str = core.NOT_STARTED
    progress: Decimal = Decimal(0)
    pagu: dict[str, dict[int, int]] = field(default_factory=dict)
    realised: dict[str, dict[int, Decimal]] = field(default_factory=dict)
    milestones: list[tuple[Milestone, bool]] = field(default_factory=list)


@dataclass
class Dimension:
    name: str
    label: str  # the dimension's name in the reader's language (the code is ``name``)
    progress: Decimal
    initiatives: list[InitiativeLine]
    counts: dict[str, int]


@dataclass
class Monitoring:
    region: Region
    periods: list[Period]
    years: list[int]
    dimensions: list[Dimension]
    overall: Decimal
    method: str
    kpis: list[KpiLine]
    budget: list[dict[str, Any]]  # per year and source: pagu and realised
    overdue: list[Period]
    outcomes: dict[str, list[OutcomeValue]]
    # per year with a period, the Quick Win milestones of the revision the year belongs to
    quick_wins: list[QuickWinProgress] = field(default_factory=list)


def monitoring_of(region: Region, today: date) -> Monitoring:
    periods = list(Period.objects.filter(region=region))
    plan = plan_for(region)
    planned = pagu(plan)
    masterplan = Masterplan.objects.filter(region=region).first()
    years = list(range(masterplan.period_start, masterplan.period_end + 1)) if masterplan else []
    # only the columns the page shows: an initiative row carries long texts and JSON otherwise
    initiatives = list(
        Initiative.objects.filter(region=region)
        .select_related("owner")
        .only(*INITIATIVE_COLUMNS)
        .order_by("code")
    )
    lines = {i.pk: InitiativeLine(i, pagu=planned.get(i.code, {})) for i in initiatives}
    statuses, method = statuses_and_weight_method(region)
    approved = InitiativeReport.objects.filter(period__region=region, status=core.APPROVED).values_list(
        "initiative_id", "period__year", "period__quarter", "implementation", "progress"
    )
    latest: dict[int, tuple[tuple[int, int], str, Decimal]] = {}
    for initiative_id, year, quarter, implementation, progress in approved:
        if initiative_id not in lines:  # an earlier revision's initiative: its own periods keep it
            continue
        key = (year, quarter or 5)
        if initiative_id not in latest or latest[initiative_id][0] < key:
            latest[initiative_id] = (key, implementation, progress)
    for initiative_id, (_key, implementation, progress) in latest.items():
        line = lines[initiative_id]
        line.status, line.progress = implementation, progress
        line.status_label = statuses[implementation].label if implementation in statuses else implementation
        line.category = statuses[implementation].category if implementation in statuses else core.ON_TRACK
    for row in Realisation.objects.filter(report__period__region=region, report__status=core.APPROVED).values(
        "report__initiative_id", "report__period__year", "source", "amount"
    ):
        if row["report__initiative_id"] not in lines:
            continue
        per_source = lines[row["report__initiative_id"]].realised.setdefault(row["source"], {})
        year = row["report__period__year"]
        per_source[year] = per_source.get(year, Decimal(0)) + row["amount"]
    done = set(
        InitiativeReport.milestones_done.through.objects.filter(
            initiativereport__period__region=region, initiativereport__status=core.APPROVED
        ).values_list("milestone_id", flat=True)
    )
    by_initiative = {i.pk: i for i in initiatives}
    milestones = Milestone.objects.filter(quick_win__region=region).select_related("quick_win")
    for milestone in milestones.only("id", "title", "year", "quick_win__initiative_id"):
        if milestone.quick_win.initiative_id in by_initiative:
            lines[milestone.quick_win.initiative_id].milestones.append((milestone, milestone.pk in done))
    dimensions, overall = _roll_up(list(lines.values()), method)
    return Monitoring(
        region=region,
        periods=periods,
        years=years,
        dimensions=dimensions,
        overall=overall,
        method=method,
        kpis=_kpi_lines(region),
        budget=_budget(list(lines.values()), years),
        overdue=[p for p in periods if p.state == core.OPEN and p.closes_on < today],
        outcomes=_outcomes(region),
        quick_wins=quick_wins_by_year(region, periods),
    )


def quick_wins_by_year(region: Region, periods: list[Period]) -> list[QuickWinProgress]:
    """The Quick Win progress of each year the region has a period for, the earliest first: a year of
    an earlier revision counts that revision's Quick Wins, as its period and its evaluation do."""
    years = sorted({period.year for period in periods})
    progress = quick_win_progress_of({region.pk: years})
    return [progress[region.pk, year] for year in years]


def _roll_up(lines: list[InitiativeLine], method: str) -> tuple[list[Dimension], Decimal]:
    items = [
        core.InitiativeProgress(
            line.initiative.code,
            line.initiative.dimension,
            line.progress,
            Decimal(sum(sum(years.values()) for years in line.pagu.values())),
        )
        for line in lines
    ]
    result = core.roll_up(items, method)
    dimensions = []
    for name, progress in result.dimensions.items():
        members = [line for line in lines if line.initiative.dimension == name]
        counts = dict.fromkeys(core.CATEGORIES, 0)
        for line in members:
            counts[line.category] += 1
        dimensions.append(Dimension(name, dimension_label(name), progress, members, counts))
    return dimensions, result.overall


def _kpi_lines(region: Region) -> list[KpiLine]:
    kpis = (
        Kpi.objects.filter(initiative__region=region)
        .only("id", "name", "unit", "baseline", "targets")
        .order_by("initiative__code", "id")
    )
    directions = dict(
        KpiRule.objects.filter(kpi__initiative__region=region).values_list("kpi_id", "direction")
    )
    lines = {
        kpi.pk: KpiLine(
            kpi,
            directions.get(kpi.pk, core.HIGHER),
            {int(year): Decimal(target) for year, target in (kpi.targets or {}).items()},
        )
        for kpi in kpis
    }
    rows = KpiReport.objects.filter(period__region=region, status=core.APPROVED).values_list(
        "kpi_id", "period__year", "period__quarter", "value"
    )
    for kpi_id, year, _quarter, value in sorted(rows, key=lambda row: (row[1], row[2] or 5)):
        if kpi_id in lines:  # not an earlier revision's KPI (its own periods keep its values)
            lines[kpi_id].actuals[year] = value  # the year's last approved value
    return list(lines.values())


def _budget(lines: list[InitiativeLine], years: list[int]) -> list[dict[str, Any]]:
    """Pagu against approved realisation, per year and funding source."""
    table: dict[tuple[int, str], dict[str, Decimal]] = defaultdict(
        lambda: {"pagu": Decimal(0), "realised": Decimal(0)}
    )
    for line in lines:
        for source, per_year in line.pagu.items():
            for year, amount in per_year.items():
                table[(year, source)]["pagu"] += amount
        for source, realised in line.realised.items():
            for year, spent in realised.items():
                table[(year, source)]["realised"] += spent
    return [
        {"year": year, "source": source, **figures}
        for (year, source), figures in sorted(table.items())
        if not years or year in years
    ]


def _outcomes(region: Region) -> dict[str, list[OutcomeValue]]:
    series: dict[str, list[OutcomeValue]] = {}
    for row in OutcomeValue.objects.filter(region=region):
        series.setdefault(row.name, []).append(row)
    return series


def region_summary(region: Region) -> dict[str, Any] | None:
    """The region page's card: the period reported now (``core.current_period``) and how much of it is
    reported.

    Counted in the database (two queries whatever the number of KPIs and initiatives, issue 17): the
    same KPIs and initiatives as :func:`expected_items`, and the submitted or approved reports."""
    period = core.current_period(Period.objects.filter(region=region))
    if period is None:
        return None
    year, sent = period.year, (core.SUBMITTED, core.APPROVED)
    revision = revision_for_year(region, year)
    kpis = Kpi.all_revisions.filter(initiative__masterplan=revision, targets__has_key=str(year))
    running = Initiative.all_revisions.filter(masterplan=revision, start_year__lte=year).annotate(
        last_year=F("start_year") + F("duration") - 1
    )
    counts = (
        Period.objects.filter(pk=period.pk)
        .annotate(
            kpis=_count(kpis),
            initiatives=_count(running.filter(last_year__gte=year)),
            kpi_reports=_count(KpiReport.objects.filter(period=period, status__in=sent)),
            initiative_reports=_count(InitiativeReport.objects.filter(period=period, status__in=sent)),
        )
        .values("kpis", "initiatives", "kpi_reports", "initiative_reports")
        .get()
    )
    reported = counts["kpi_reports"] + counts["initiative_reports"]
    expected = counts["kpis"] + counts["initiatives"]
    share = core.completeness(
        [str(i) for i in range(expected)], [str(i) for i in range(min(reported, expected))]
    )
    return {
        "period": period,
        "expected": expected,
        "reported": min(reported, expected),
        "completeness": share,
        "quick_win": quick_win_progress_of({region.pk: [year]})[region.pk, year],
    }


def _count(rows: QuerySet[Any]) -> Coalesce:
    """``rows.count()`` as a subquery, so that several counts come back in one query."""
    counted = rows.annotate(one=Value(1)).order_by().values("one").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted), 0)

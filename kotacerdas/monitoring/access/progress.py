"""The region's progress in monitoring: its outcome series, its Quick Wins' milestones and how many
of them are done by a year (access-checked getters of those records, and the counts every page shows).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field

from django.db.models import F, OuterRef, Subquery
from django.http import Http404

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access.reports import checked_id
from kotacerdas.monitoring.models import InitiativeReport, Milestone, OutcomeValue
from kotacerdas.planning.access import revision_for_year
from kotacerdas.planning.models import QuickWin
from kotacerdas.regions.models import Region


def get_outcome(region: Region, pk: int) -> OutcomeValue:
    """One year's value of the region's outcome series (everyone who opens the monitoring page reads
    the series); another region's value is a 404."""
    checked_id(pk)
    try:
        return OutcomeValue.objects.get(pk=pk, region=region)
    except OutcomeValue.DoesNotExist:
        raise Http404 from None


def get_milestone(region: Region, pk: int) -> Milestone:
    """A Quick Win milestone of the region's active masterplan revision (everyone who opens the monitoring
    page reads them); another region's milestone, or one of an earlier revision, is a 404."""
    checked_id(pk)
    try:
        return Milestone.objects.select_related("quick_win__initiative__masterplan", "quick_win__region").get(
            pk=pk, quick_win__region=region, quick_win__initiative__masterplan__is_active=True
        )
    except Milestone.DoesNotExist:
        raise Http404 from None


def get_quick_win(region: Region, pk: int) -> QuickWin:
    """A Quick Win of the region's active masterplan revision; anything else is a 404."""
    checked_id(pk)
    try:
        return QuickWin.objects.select_related("initiative__masterplan", "region").get(pk=pk, region=region)
    except QuickWin.DoesNotExist:
        raise Http404 from None


@dataclass
class QuickWinMilestones:
    """A Quick Win of the active revision with its milestones and, per milestone, the first approved
    report that marked it done (None: not done yet)."""

    quick_win: QuickWin
    rows: list[tuple[Milestone, InitiativeReport | None]] = field(default_factory=list)

    @property
    def steps(self) -> list[str]:
        return [line.strip() for line in self.quick_win.steps.splitlines() if line.strip()]


def milestones_of(region: Region) -> list[QuickWinMilestones]:
    """The Quick Wins of the active revision with their milestones (year, then id) and, per milestone,
    the first approved report that marked it done (None: not done): what the page and the API list."""
    quick_wins = QuickWin.objects.filter(region=region).select_related("initiative__masterplan", "owner")
    by_id = {q.pk: QuickWinMilestones(q) for q in quick_wins}
    marked: dict[int, InitiativeReport] = {}
    through = InitiativeReport.milestones_done.through.objects.filter(
        milestone__quick_win_id__in=list(by_id), initiativereport__status=core.APPROVED
    ).select_related("initiativereport__period")
    for link in sorted(
        through, key=lambda t: (t.initiativereport.period.year, t.initiativereport.period.quarter or 0)
    ):
        marked.setdefault(link.milestone_id, link.initiativereport)
    for milestone in Milestone.objects.filter(quick_win_id__in=list(by_id)).order_by("year", "id"):
        by_id[milestone.quick_win_id].rows.append((milestone, marked.get(milestone.pk)))
    return list(by_id.values())


@dataclass(frozen=True)
class QuickWinProgress:
    """How far a region's Quick Wins are in ``year``: of the Quick Win milestones of the masterplan
    revision the year belongs to, planned up to the year, how many an approved report of a period up
    to the year marked done."""

    year: int
    done: int
    planned: int


def quick_win_progress(region: Region, year: int) -> QuickWinProgress:
    """The Quick Win progress of ``region`` in ``year`` (one query): what the evaluation's Quick Win
    pre-fill, the monitoring page, the region's card, the national page, the portal and the API show."""
    return quick_win_progress_of({region.pk: [year]})[region.pk, year]


def quick_win_progress_of(years: Mapping[int, Collection[int]]) -> dict[tuple[int, int], QuickWinProgress]:
    """(region id, year) → :class:`QuickWinProgress` for every region id and each of its ``years``, in
    one query whatever the number of regions, years and milestones.

    The milestones are those of the revision each year belongs to (``revision_for_year``, as a
    monitoring period's expected reports): after a revision, a year of the earlier plan keeps its own
    Quick Wins and a year of the new plan counts only the new plan's (Quick Wins are not carried
    over). A milestone is done in ``year`` when an approved report of a period up to ``year`` marked
    it; such a report is of that revision's initiative, reported in a period of that revision (a
    milestone is marked only on its own Quick Win's initiative, reportable in its revision's years)."""
    wanted = {region_id: sorted(set(of_region)) for region_id, of_region in years.items()}
    counts = {(region_id, year): [0, 0] for region_id, of_region in wanted.items() for year in of_region}
    if counts:
        all_years = sorted({year for _region_id, year in counts})
        marked = InitiativeReport.milestones_done.through.objects.filter(
            milestone_id=OuterRef("pk"), initiativereport__status=core.APPROVED
        )
        year_of_report = "initiativereport__period__year"
        first_done = marked.order_by(year_of_report).values(year_of_report)
        region = OuterRef("quick_win__region_id")
        revision_in = {f"revision_{year}": revision_for_year(region, year) for year in all_years}
        rows = (
            Milestone.objects.filter(quick_win__region_id__in=sorted(wanted), year__lte=all_years[-1])
            .annotate(
                of_region=F("quick_win__region_id"),
                of_revision=F("quick_win__initiative__masterplan_id"),
                done_in=Subquery(first_done[:1]),
                **revision_in,
            )
            .order_by()
            .values("of_region", "of_revision", "year", "done_in", *revision_in)
        )
        for row in rows:
            for year in wanted[row["of_region"]]:
                if row["year"] <= year and row["of_revision"] == row[f"revision_{year}"]:
                    counted = counts[row["of_region"], year]
                    counted[1] += 1
                    counted[0] += row["done_in"] is not None and row["done_in"] <= year
    return {pair: QuickWinProgress(pair[1], done, planned) for pair, (done, planned) in counts.items()}

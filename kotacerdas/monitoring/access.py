"""Who may do what in monitoring, and access-checked getters of its records.

Every getter takes a region that already came from ``get_region_for_user``; a record of another
region, or (for OPD staff) of another OPD, is a 404 so its existence does not leak.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from django.db import router
from django.db.models import F, OuterRef, QuerySet, Subquery
from django.http import Http404

from kotacerdas.accounts.access import (
    Person,
    can_manage_region,
    get_region_for_user,
    is_national_admin,
    opds_of_user,
    roles_in_request,
)
from kotacerdas.accounts.models import Membership, Role
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.models import (
    Evidence,
    InitiativeReport,
    KpiReport,
    Milestone,
    OutcomeValue,
    Period,
    ReportTransition,
)
from kotacerdas.planning.access import initiatives_of, masterplan_for_year, revision_for_year
from kotacerdas.planning.models import Initiative, Kpi, QuickWin
from kotacerdas.regions.models import Opd, Region
from kotacerdas.web.compiled import compiled
from kotacerdas.web.memo import request_memo
from kotacerdas.web.pages import region_page


def can_manage_monitoring(user: Person, region: Region) -> bool:
    """Open and close periods, approve or return reports: the coordinator (and the national admin)."""
    return can_manage_region(user, region)


def can_unlock(user: Person) -> bool:
    return is_national_admin(user)


def reporter_opds(user: Person, region: Region) -> QuerySet[Opd]:
    return opds_of_user(user).filter(region=region)


def _reporter_opd_ids(user: Person, region: Region) -> set[int] | None:
    """The ids of :func:`reporter_opds` from the roles read for the request (a contributor's OPD is
    always of the membership's region: ``do_add_membership``); None outside a request."""
    roles = roles_in_request(user)
    return None if roles is None else roles.opds_in.get((Role.OPD_CONTRIBUTOR, region.pk), set())


def can_report(user: Person, region: Region) -> bool:
    """OPD staff report for their own OPD; the coordinator may report for any OPD."""
    if can_manage_monitoring(user, region):
        return True
    known = _reporter_opd_ids(user, region)
    return bool(known) if known is not None else reporter_opds(user, region).exists()


def reportable_initiatives(user: Person, region: Region, year: int | None = None) -> QuerySet[Initiative]:
    """The initiatives the person reports for: of the active masterplan, or with ``year``, of the
    revision that year belongs to (an earlier revision's period lists what it reported on)."""
    items = Initiative.objects.filter(region=region)  # the active masterplan's
    if year is not None:
        items = initiatives_of(masterplan_for_year(region, year))
    items = items.select_related("owner")
    if can_manage_monitoring(user, region):
        return items
    known = _reporter_opd_ids(user, region)
    if known is not None:
        return items.filter(owner_id__in=sorted(known))
    return items.filter(owner__in=reporter_opds(user, region))


def reads_every_report(user: Person, region: Region) -> bool:
    """The coordinator (and Ayu), the region's mentor and assessor read every report of the region."""
    if can_manage_monitoring(user, region):
        return True
    if not user.is_authenticated:
        return False
    readers = Membership.objects.filter(user=user, region=region, role__in=[Role.MENTOR, Role.ASSESSOR])
    return readers.exists()


def readable_initiatives(user: Person, region: Region, year: int | None = None) -> QuerySet[Initiative]:
    """Whose reports the person may read: every initiative (of the year's revision) for the readers
    above, else their OPD's."""
    if not reads_every_report(user, region):
        return reportable_initiatives(user, region, year)
    items = Initiative.objects.filter(region=region)  # the active masterplan's
    if year is not None:
        items = initiatives_of(masterplan_for_year(region, year))
    return items.select_related("owner")


def readable_kpis(user: Person, region: Region, year: int | None = None) -> QuerySet[Kpi]:
    return Kpi.all_revisions.filter(initiative__in=readable_initiatives(user, region, year)).select_related(
        "initiative", "initiative__owner"
    )


def reportable_kpis(user: Person, region: Region, year: int | None = None) -> QuerySet[Kpi]:
    return Kpi.all_revisions.filter(initiative__in=reportable_initiatives(user, region, year)).select_related(
        "initiative", "initiative__owner"
    )


def approved_kpi_years(kpi: Kpi) -> set[int]:
    """The years in which a realisation of ``kpi`` has been approved (for the planning page that
    corrects its targets: ``kotacerdas.planning.target_readers``)."""
    approved = KpiReport.objects.filter(kpi=kpi, status=core.APPROVED)
    return set(approved.values_list("period__year", flat=True))


def checked_id(pk: int) -> int:
    """An id from a URL, or 404 when no row can have it (SQLite cannot even compare a 30-digit id)."""
    if not 0 < pk < 2**63:
        raise Http404
    return pk


# Stand-ins in the SQL compiled once per process (kotacerdas.web.compiled) for the getters every report
# page and save runs: the i-th OPD of a contributor stands as _OPD - i.
_PK, _REGION, _OPD = -7_231_010, -7_231_011, -7_231_100
_YEAR = 32_123  # a year column is a positive small integer: a stand-in out of its range folds away


def _period_of(pk: int, region_id: int) -> QuerySet[Period]:
    return Period.objects.filter(pk=pk, region_id=region_id)


def get_period(region: Region, pk: int) -> Period:
    checked_id(pk)
    found: Period | None = compiled("period", router.db_for_read(Period), _period_of, _PK, _REGION).first(
        pk, region.pk
    )
    if found is None:
        raise Http404
    found.region = region  # the same row, already loaded: period.region asks no second query
    return found


def _reportable_kpi(region_id: int, year: int, pk: int, *opd_ids: int) -> QuerySet[Kpi]:
    """:func:`reportable_kpis` ``.filter(pk=pk)``, for a manager (no OPDs) or a contributor's OPDs."""
    initiatives = Initiative.all_revisions.filter(
        region_id=region_id, masterplan=revision_for_year(region_id, year)
    )
    initiatives = initiatives.select_related("owner")
    if opd_ids:
        initiatives = initiatives.filter(owner_id__in=list(opd_ids))
    kpis = Kpi.all_revisions.filter(initiative__in=initiatives)
    return kpis.select_related("initiative", "initiative__owner").filter(pk=pk)


def get_kpi_for_reporter(user: Person, region: Region, pk: int, year: int) -> Kpi:
    """A KPI the person reports on in a period of ``year`` (of the revision that year belongs to). In a
    request (every report page and save asks) through SQL compiled once per process for the person's
    reach, as :func:`reportable_kpis` would find it."""
    checked_id(pk)
    opds: tuple[int, ...] = ()
    if not can_manage_monitoring(user, region):
        known = _reporter_opd_ids(user, region)
        if known is None:  # outside a request
            try:
                return reportable_kpis(user, region, year).get(pk=pk)
            except Kpi.DoesNotExist:
                raise Http404 from None
        if not known:
            raise Http404
        opds = tuple(sorted(known))
    stand_ins = (_REGION, _YEAR, _PK, *(_OPD - i for i in range(len(opds))))
    query = compiled(("reportable kpi", len(opds)), router.db_for_read(Kpi), _reportable_kpi, *stand_ins)
    kpi: Kpi | None = query.first(region.pk, year, pk, *opds)
    if kpi is None:
        raise Http404
    memo = request_memo()
    if memo is not None:
        memo[_reports_on(user, region, pk, year)] = True
    return kpi


def _reports_on(user: Person, region: Region, kpi_id: int, year: int) -> tuple[str, Any, int, int, int]:
    return ("reports on kpi", getattr(user, "pk", None), region.pk, kpi_id, year)


_REPORT = -7_231_023  # a stand-in report id (kotacerdas.web.compiled)


def _report_column(report: KpiReport | InitiativeReport) -> str:
    return "kpi_report_id" if isinstance(report, KpiReport) else "initiative_report_id"


def report_history(report: KpiReport | InitiativeReport) -> list[ReportTransition]:
    """The report's review steps, oldest first, each with who took it (every report page shows them;
    the SQL compiled once per process and report kind)."""
    column = _report_column(report)

    def build(report_id: int) -> QuerySet[ReportTransition]:
        return ReportTransition.objects.filter(**{column: report_id}).select_related("actor")

    found: list[ReportTransition] = compiled(
        ("report history", column), router.db_for_read(ReportTransition), build, _REPORT
    ).objects(report.pk)
    return found


def report_evidence(report: KpiReport | InitiativeReport) -> list[Evidence]:
    """The report's evidence, oldest first (as :func:`report_history`, compiled once per kind)."""
    column = _report_column(report)

    def build(report_id: int) -> QuerySet[Evidence]:
        return Evidence.objects.filter(**{column: report_id})

    found: list[Evidence] = compiled(
        ("report evidence", column), router.db_for_read(Evidence), build, _REPORT
    ).objects(report.pk)
    return found


def may_report_on(user: Person, region: Region, kpi: Kpi, year: int) -> bool:
    """Whether the person reports on this KPI of the region (:func:`get_kpi_for_reporter`'s check,
    for the actions). A save asks it again after its page's getter found the KPI in the same request:
    that answer is kept for the request (the KPI, its initiative and owner are read once a save)."""
    memo = request_memo()
    if memo is not None and memo.get(_reports_on(user, region, kpi.pk, year)):
        return True
    try:
        get_kpi_for_reporter(user, region, kpi.pk, year)
    except Http404:
        return False
    return True


def get_kpi_for_reader(user: Person, region: Region, pk: int) -> Kpi:
    """A KPI of the region whose rule the person may read (OPD staff: their OPD's only)."""
    checked_id(pk)
    try:
        return readable_kpis(user, region).get(pk=pk)
    except Kpi.DoesNotExist:
        raise Http404 from None


def get_initiative_for_reporter(user: Person, region: Region, pk: int, year: int) -> Initiative:
    """An initiative the person reports on in a period of ``year`` (of that year's revision)."""
    checked_id(pk)
    try:
        return reportable_initiatives(user, region, year).get(pk=pk)
    except Initiative.DoesNotExist:
        raise Http404 from None


def get_kpi_report(user: Person, region: Region, pk: int) -> KpiReport:
    """A KPI report of the region that the person may read (OPD staff: their OPD's only)."""
    checked_id(pk)
    try:
        return KpiReport.objects.select_related("period", "kpi__initiative").get(
            pk=pk, period__region=region, kpi__in=readable_kpis(user, region)
        )
    except KpiReport.DoesNotExist:
        raise Http404 from None


def get_initiative_report(user: Person, region: Region, pk: int) -> InitiativeReport:
    checked_id(pk)
    try:
        return InitiativeReport.objects.select_related("period", "initiative").get(
            pk=pk, period__region=region, initiative__in=readable_initiatives(user, region)
        )
    except InitiativeReport.DoesNotExist:
        raise Http404 from None


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


# Pages where people report (POST needs the reporting right) and pages where Budi manages.
report_page = region_page(get_region_for_user, can_report)
manage_page = region_page(get_region_for_user, can_manage_monitoring)

"""Access-checked getters of monitoring's periods, the KPIs and initiatives reported on, and their reports.

Every getter takes a region that already came from ``get_region_for_user``; a record of another
region, or (for OPD staff) of another OPD, is a 404 so its existence does not leak.
"""

from __future__ import annotations

from typing import Any

from django.db import router
from django.db.models import QuerySet
from django.http import Http404

from kotacerdas.accounts.access import Person
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access.rights import (
    _reporter_opd_ids,
    can_manage_monitoring,
    readable_initiatives,
    readable_kpis,
    reportable_initiatives,
    reportable_kpis,
)
from kotacerdas.monitoring.models import Evidence, InitiativeReport, KpiReport, Period, ReportTransition
from kotacerdas.planning.access import revision_for_year
from kotacerdas.planning.models import Initiative, Kpi
from kotacerdas.regions.models import Region
from kotacerdas.web.compiled import compiled
from kotacerdas.web.memo import request_memo


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

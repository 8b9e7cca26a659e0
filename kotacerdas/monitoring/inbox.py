"""What monitoring asks of a person, for their inbox (kotacerdas.web.inbox).

* an OPD contributor: each open reporting period in which a KPI or an initiative of her OPD is not
  reported yet (no report submitted or approved), due on the period's closing date. What a period
  expects is what the region page's monitoring card counts (``overview.region_summary``): KPIs with a
  target that year and initiatives running that year;
* whoever wrote a report that came back, and its OPD's contributors: each KPI or initiative report
  the coordinator returned, with the reason;
* the region coordinator: each period with reports waiting for approval (the approval queue).

One query per source whatever the number of items, none for a person without the role.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import reduce
from operator import or_
from typing import Any

from django.db.models import Exists, F, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.db.models.lookups import Exact
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import inbox_roles
from kotacerdas.accounts.models import Role
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, Period, ReportTransition
from kotacerdas.planning.access import revision_for_year
from kotacerdas.planning.models import Initiative, Kpi
from kotacerdas.web.inbox import ASSIGNED, RETURNED, REVIEW, InboxItem, InboxQuery, InboxSource

SENT = (core.SUBMITTED, core.APPROVED)
# A KPI's targets are a JSON object keyed by year, and SQLite cannot look a key up by a column's
# value; so the years an open period can have are spelled out, around the inbox's day (an input of
# the rows, so the SQL kept per day stays right).
YEARS_BACK, YEARS_AHEAD = 4, 1  # a period left open longer than that is not asked for


def _period_item(kind: str, text: str, period: Period, url: str, **extra: object) -> InboxItem:
    return InboxItem(kind, text, url, period.region.code, period.region.name, **extra)  # type: ignore[arg-type]


def _period_revision() -> Coalesce:
    """The revision the period's year belongs to (an earlier one's period asks for that one's items),
    as seen from a KPI or initiative subquery of the period."""
    return revision_for_year(OuterRef(OuterRef("region")), OuterRef(OuterRef("year")))


def _kpi_unreported(opds: set[int], years: range) -> Exists:
    """A KPI of ``opds`` with a target in the period's year and no report sent for the period."""
    in_year = (Q(Exact(OuterRef("year"), year), targets__has_key=str(year)) for year in years)
    kpis = Kpi.all_revisions.filter(
        reduce(or_, in_year), initiative__masterplan=_period_revision(), initiative__owner_id__in=opds
    )
    # OuterRef("pk") is the KPI's here; the period is one level further out
    reported = KpiReport.objects.filter(period=OuterRef(OuterRef("pk")), kpi=OuterRef("pk"), status__in=SENT)
    return Exists(kpis.exclude(Exists(reported)))


def _initiative_unreported(opds: set[int]) -> Exists:
    reported = InitiativeReport.objects.filter(
        period=OuterRef(OuterRef("pk")), initiative=OuterRef("pk"), status__in=SENT
    )
    running = Initiative.all_revisions.filter(
        masterplan=_period_revision(),
        owner_id__in=opds,
        start_year__lte=OuterRef("year"),
        start_year__gt=OuterRef("year") - F("duration"),
    )
    return Exists(running.exclude(Exists(reported)))


def _periods_to_report(query: InboxQuery) -> QuerySet[Period] | None:
    roles = inbox_roles(query)
    regions = roles.of(Role.OPD_CONTRIBUTOR)
    if not regions or not roles.opds:
        return None
    years = range(query.today.year - YEARS_BACK, query.today.year + YEARS_AHEAD + 1)
    unreported = Q(_kpi_unreported(roles.opds, years)) | Q(_initiative_unreported(roles.opds))
    return Period.objects.filter(unreported, region_id__in=regions, state=core.OPEN).select_related("region")


def _report_item(period: Period) -> InboxItem:
    text = _("Report the realisation of period %(period)s") % {"period": period}
    url = reverse("monitoring:period", args=[period.region.code, period.pk])
    return _period_item(ASSIGNED, text, period, url, due=period.closes_on)


def _latest_reason(report_field: str) -> Subquery:
    moves = ReportTransition.objects.filter(**{report_field: OuterRef("pk")}, to_status=core.RETURNED)
    return Subquery(moves.order_by("-id").values("reason")[:1])


def _reporting_regions(query: InboxQuery) -> set[int]:
    return inbox_roles(query).of(Role.OPD_CONTRIBUTOR, Role.COORDINATOR)


@dataclass(frozen=True)
class _Returned:
    """A kind of report that can come back: what it reports on, that record's way to its OPD, and
    the page where the report is revised."""

    model: type[KpiReport] | type[InitiativeReport]
    subject: str  # the report's field naming what it reports on: "kpi" or "initiative"
    owner: str  # that record's owning OPD, as a lookup from the report
    page: str

    def rows(self, query: InboxQuery) -> QuerySet[Any] | None:
        regions = _reporting_regions(query)
        if not regions:
            return None
        theirs = Q(reported_by=query.user) | Q(**{f"{self.owner}__in": inbox_roles(query).opds})
        return (
            self.model.objects.filter(theirs, status=core.RETURNED, period__region_id__in=regions)
            .select_related("period__region", self.subject)
            .annotate(reason=_latest_reason(f"{self.subject}_report"))
        )

    def item(self, report: Any) -> InboxItem:
        period, subject = report.period, getattr(report, self.subject)
        names = {"name": subject.name, "period": period}
        text = _("Revise the report on “%(name)s” · period %(period)s") % names
        url = reverse(self.page, args=[period.region.code, period.pk, subject.pk])
        return _period_item(RETURNED, text, period, url, detail=report.reason or "")


RETURNED_KPI_REPORTS = _Returned(KpiReport, "kpi", "kpi__initiative__owner_id", "monitoring:kpi_report")
RETURNED_INITIATIVE_REPORTS = _Returned(
    InitiativeReport, "initiative", "initiative__owner_id", "monitoring:initiative_report"
)


def _periods_to_approve(query: InboxQuery) -> QuerySet[Period] | None:
    coordinated = inbox_roles(query).of(Role.COORDINATOR)
    if not coordinated:
        return None
    waiting = Q(Exists(KpiReport.objects.filter(period=OuterRef("pk"), status=core.SUBMITTED))) | Q(
        Exists(InitiativeReport.objects.filter(period=OuterRef("pk"), status=core.SUBMITTED))
    )
    return Period.objects.filter(waiting, region_id__in=coordinated).select_related("region")


def _approve_item(period: Period) -> InboxItem:
    text = _("Review the reports of period %(period)s") % {"period": period}
    return _period_item(REVIEW, text, period, reverse("monitoring:queue", args=[period.region.code]))


REPORTS = frozenset({"monitoring.kpireport", "monitoring.initiativereport"})
PLAN = frozenset({"planning.kpi", "planning.initiative", "planning.masterplan"})
# The rows read a report's status only, and a status changes only with a ReportTransition: saving a
# draft again (most of a reporting day's writes) cannot move them, so it counts nothing (issue 13).
STATUS_MOVES = frozenset({"monitoring.reporttransition", "monitoring.period"})
MONITORING_SOURCES = (
    InboxSource(
        _periods_to_report,
        _report_item,
        reads=REPORTS | {"monitoring.period"} | PLAN,
        moved_by=STATUS_MOVES | PLAN,
    ),
    *(
        InboxSource(
            returned.rows,
            returned.item,
            reads=REPORTS | STATUS_MOVES | PLAN,
            moved_by=STATUS_MOVES | PLAN,
        )
        for returned in (RETURNED_KPI_REPORTS, RETURNED_INITIATIVE_REPORTS)
    ),
    InboxSource(
        _periods_to_approve, _approve_item, reads=REPORTS | {"monitoring.period"}, moved_by=STATUS_MOVES
    ),
)

"""Ayu's national view: reporting completeness and progress per region, in a fixed number of queries.

The screen, the XLSX and the API (national_api.py) come from the same rows, so they cannot disagree;
percentages are written to one decimal rounded half up in all three (``shown``). Progress per region is
the roll-up of its latest approved initiative reports with the region's weighting, each initiative
weighed by its pagu in the region's plan of record, as on the region's monitoring page
(``overview.monitoring_of``): one query over the adopted plans of all regions.
"""

from __future__ import annotations

import io
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db.models import Count, OuterRef, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _
from openpyxl import Workbook

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.core import monitoring as core
from kotacerdas.core.spreadsheet import append_row
from kotacerdas.monitoring.access import QuickWinProgress, quick_win_progress_of
from kotacerdas.monitoring.models import InitiativeReport, KpiReport, MonitoringSettings, Period
from kotacerdas.planning.access import revision_for_year
from kotacerdas.planning.models import Initiative, Kpi
from kotacerdas.planning.roadmap_models import AdoptedItem
from kotacerdas.programme.models import Candidacy
from kotacerdas.regions.models import Region


@dataclass
class Row:
    region: Region
    period: Period | None
    expected: int
    reported: int
    approved: int
    progress: Decimal
    quick_win: QuickWinProgress | None = None  # of the period's year, as on the region's card

    @property
    def completeness(self) -> Decimal | None:
        """None without a period: a region that has not started reporting is not 100 % complete."""
        if self.period is None:
            return None
        return Decimal(100) if not self.expected else Decimal(self.reported * 100) / self.expected


def programme_regions() -> QuerySet[Region]:
    """Every region of the programme: selected in a cohort (the national dashboard's rows) or with a
    reporting period of its own. A selected region without a period is listed too, flagged, so a
    region that has not started monitoring is seen rather than missing from the list."""
    selected = Candidacy.objects.filter(status=Candidacy.Status.SELECTED).values("region_id")
    return Region.objects.filter(
        Q(pk__in=selected) | Q(pk__in=Period.objects.values("region_id"))
    ).select_related("province")


def regions_for(form: Any) -> QuerySet[Region]:
    """The programme's regions narrowed by a valid filter (province, size class, cohort), as the national
    dashboard narrows its rows (``programme.board.filtered``): a cohort keeps the regions it selected."""
    regions = programme_regions()
    if not (form.is_bound and form.is_valid()):
        return regions.order_by("name")
    data = form.cleaned_data
    if data.get("province"):
        regions = regions.filter(province=data["province"])
    if data.get("size_class"):
        regions = regions.filter(size_class=data["size_class"])
    if data.get("cohort"):
        in_cohort = Candidacy.objects.filter(cohort_id=data["cohort"], status=Candidacy.Status.SELECTED)
        regions = regions.filter(pk__in=in_cohort.values("region_id"))
    return regions.order_by("name")


def regions_for_user(user: Any, form: Any) -> QuerySet[Region]:
    """The rows of the national view, its XLSX and its API: the national admin's; 404 for anyone else
    (nothing says which regions report)."""
    if not is_national_admin(user):
        raise Http404
    return regions_for(form)


def without_period(regions: QuerySet[Region]) -> int:
    """How many of these regions have no reporting period yet (one query, at any number of regions)."""
    return regions.exclude(pk__in=Period.objects.values("region_id")).count()


def rows_for(regions: Iterable[Region]) -> list[Row]:
    """The rows of these regions (a page of them, or all), in their order: the page, the XLSX and the
    API all read them here."""
    regions = list(regions)
    ids = [region.pk for region in regions]
    by_region: dict[int, list[Period]] = defaultdict(list)
    for found in Period.objects.filter(region_id__in=ids):
        by_region[found.region_id].append(found)
    # the period each region reports now, as its own card shows it (core.current_period)
    latest: dict[int, Period] = {}
    for region_id, periods_of_region in by_region.items():
        latest[region_id] = core.current_period(periods_of_region) or periods_of_region[0]
    initiatives = list(
        Initiative.objects.filter(region_id__in=ids).only(
            "pk", "region_id", "code", "dimension", "start_year", "duration"
        )
    )
    # what a period expects is of the revision its year belongs to, as on the region's card and the
    # period's page (``overview.expected_items``); the progress is the active revision's, as on the
    # region's monitoring page
    revisions = (
        Period.objects.filter(pk__in=[p.pk for p in latest.values()])
        .annotate(revision=revision_for_year(OuterRef("region_id"), OuterRef("year")))
        .values("revision")
    )
    running = list(
        Initiative.all_revisions.filter(masterplan_id__in=revisions).values_list(
            "region_id", "start_year", "duration"
        )
    )
    kpi_years = list(
        Kpi.all_revisions.filter(initiative__masterplan_id__in=revisions).values_list(
            "initiative__region_id", "targets"
        )
    )
    done = (core.SUBMITTED, core.APPROVED)
    counts: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    periods = [p.pk for p in latest.values()]
    for model in (KpiReport, InitiativeReport):  # counted by the database, one row per region
        per_region = (
            model.objects.filter(period_id__in=periods)
            .values("period__region_id")
            .annotate(
                reported=Count("id", filter=Q(status__in=done)),
                approved=Count("id", filter=Q(status=core.APPROVED)),
            )
            .values_list("period__region_id", "reported", "approved")
            .order_by()
        )
        for region_id, reported, approved in per_region:
            counts[region_id][0] += reported
            counts[region_id][1] += approved
    methods = dict(
        MonitoringSettings.objects.filter(region_id__in=ids).values_list("region_id", "weight_method")
    )
    progress = _progress(initiatives, methods)
    # what each region's latest period expects, counted in one pass over the rows (not per region)
    expected_by: dict[int, int] = defaultdict(int)
    for region_id, start_year, duration in running:
        year = latest[region_id].year if region_id in latest else 0
        expected_by[region_id] += start_year <= year < start_year + duration
    for region_id, targets in kpi_years:
        year = latest[region_id].year if region_id in latest else 0
        expected_by[region_id] += str(year) in (targets or {})
    quick_wins = quick_win_progress_of({region_id: [p.year] for region_id, p in latest.items()})
    rows = []
    for region in regions:
        period = latest.get(region.pk)
        expected = expected_by[region.pk]
        reported, approved = counts[region.pk]
        rows.append(
            Row(
                region,
                period,
                expected,
                min(reported, expected),
                approved,
                progress.get(region.pk, Decimal(0)),
                quick_wins[region.pk, period.year] if period is not None else None,
            )
        )
    return rows


def _progress(initiatives: list[Initiative], methods: dict[int, str]) -> dict[int, Decimal]:
    ids = [i.pk for i in initiatives]
    latest: dict[int, tuple[tuple[int, int], Decimal]] = {}
    rows = InitiativeReport.objects.filter(initiative_id__in=ids, status=core.APPROVED).values_list(
        "initiative_id", "period__year", "period__quarter", "progress"
    )
    for initiative_id, year, quarter, value in rows:
        key = (year, quarter or 5)
        if initiative_id not in latest or latest[initiative_id][0] < key:
            latest[initiative_id] = (key, value)
    money = _adopted_pagu({i.region_id for i in initiatives})
    by_region: dict[int, list[core.InitiativeProgress]] = defaultdict(list)
    for i in initiatives:
        value = latest[i.pk][1] if i.pk in latest else Decimal(0)
        pagu = money.get((i.region_id, i.code), Decimal(0))
        by_region[i.region_id].append(core.InitiativeProgress(i.code, i.dimension, value, pagu))
    return {rid: core.roll_up(items, methods.get(rid, core.PAGU)).overall for rid, items in by_region.items()}


def as_xlsx(rows: list[Row]) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = _("Completeness")
    append_row(
        sheet,
        [
            _("Code"),
            _("Region"),
            _("Province"),
            _("Size class"),
            _("Period"),
            _("Expected reports"),
            _("Reported"),
            _("Approved"),
            _("Completeness (%)"),
            _("Progress (%)"),
            _("Quick Win milestones done"),
            _("Quick Win milestones planned"),
        ],
    )
    for row in rows:
        append_row(
            sheet,
            [
                row.region.code,
                row.region.name,
                row.region.province.name if row.region.province else "",
                row.region.size_class,
                *_figures(row),
            ],
        )
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _figures(row: Row) -> list[Any]:
    """The period and the figures of an XLSX row; a region without a period says so, with no figures."""
    if row.period is None or row.completeness is None:
        return [_("no reporting period yet"), None, None, None, None, None, None, None]
    return [
        str(row.period),
        row.expected,
        row.reported,
        row.approved,
        shown(row.completeness),
        shown(row.progress),
        row.quick_win.done if row.quick_win else 0,
        row.quick_win.planned if row.quick_win else 0,
    ]


def shown(percent: Decimal) -> float:
    """A percentage as the XLSX and the API give it: one decimal, rounded half up as the page writes it
    (``formatting.percent``), so 12.25 is 12.3 in all three (``round`` would give 12.2)."""
    return float(percent.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP))


def _adopted_pagu(region_ids: set[int]) -> dict[tuple[int, str], Decimal]:
    """(region, initiative code) → its whole pagu in the region's plan of record, the weight the region's
    page gives it (``monitoring.plan.pagu``: scheduled items only; a live budget changed after adoption
    does not count until the plan is adopted again)."""
    money: dict[tuple[int, str], Decimal] = defaultdict(Decimal)
    adopted = AdoptedItem.objects.filter(
        plan__region_id__in=region_ids, plan__superseded_at__isnull=True, start_year__isnull=False
    )
    for region_id, code, cost in adopted.values_list("plan__region_id", "code", "cost"):
        money[(region_id, code)] += sum(
            (Decimal(int(v)) for years in cost.values() for v in years.values()), Decimal(0)
        )
    return money

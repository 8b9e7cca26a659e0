"""Sari's report forms, Budi's approval queue and review, and the evidence files."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db.models import Q
from django.http import Http404, HttpResponse
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.access import (
    can_manage_monitoring,
    checked_id,
    get_initiative_for_reporter,
    get_initiative_report,
    get_kpi_for_reporter,
    get_kpi_report,
    get_period,
    manage_page,
    readable_initiatives,
    readable_kpis,
    reads_every_report,
    report_evidence,
    report_history,
    report_page,
    reporter_opds,
)
from kotacerdas.monitoring.actions.reports import (
    AnyReport,
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
    kpi_report_of,
    rule_of,
)
from kotacerdas.monitoring.forms import InitiativeReportForm, KpiReportForm, ReviewForm
from kotacerdas.monitoring.models import Evidence, InitiativeReport, KpiReport, KpiRule, Milestone, Period
from kotacerdas.monitoring.plan import kpi_target, pagu, plan_for
from kotacerdas.monitoring.statuses import Status, status_set
from kotacerdas.planning.models import FundingSource, Initiative
from kotacerdas.regions.models import Region
from kotacerdas.web import uploads
from kotacerdas.web.pages import RegionPage

R = TypeVar("R", KpiReport, InitiativeReport)


def _saved(report: AnyReport) -> str:
    return str(
        _("Report submitted for review.") if report.status == core.SUBMITTED else _("Report saved as draft.")
    )


def _report_context(page: RegionPage[Region], period: Period, report: AnyReport | None) -> dict[str, Any]:
    manager = can_manage_monitoring(page.user, page.region)
    status_allows = report is None or report.status in core.EDITABLE
    # the action's rule (require_writable): a closed period takes only returned reports, a locked none;
    # the form is not offered where the save would be refused (and an attached file lost)
    returned = report is not None and report.status == core.RETURNED
    period_allows = period.state == core.OPEN or (period.state == core.CLOSED and returned)
    return {
        "report": report,
        "transitions": report_history(report) if report else [],
        "evidence": report_evidence(report) if report else [],
        "editable": status_allows and period_allows,
        "period_note": None if period_allows or not status_allows else _period_note(period),
        "review_form": ReviewForm() if manager and report and report.status == core.SUBMITTED else None,
    }


def _period_note(period: Period) -> str:
    if period.state == core.LOCKED:
        return str(_("This reporting period is locked; nothing in it can be changed."))
    return str(_("This reporting period is closed; only returned reports can still be fixed."))


def _with_rows(report: R | None, period: Period, **target: Any) -> R | None:
    """The report with the period (its region already set) and the KPI or initiative the page loaded:
    its label and discussion thread ask no query for them again."""
    if report is not None:
        report.period = period
        for name, row in target.items():
            setattr(report, name, row)
    return report


def _submit(page: RegionPage[Region]) -> bool:
    return "submit" in page.request.POST


@report_page
def kpi_report(page: RegionPage[Region], period_id: int, kpi_id: int) -> HttpResponse:
    period = get_period(page.region, period_id)
    kpi = get_kpi_for_reporter(page.user, page.region, kpi_id, period.year)
    report = kpi_report_of(period, kpi)
    rule = rule_of(kpi)
    percentage = rule.kind == KpiRule.Kind.PERCENTAGE
    initial = (
        {
            "value": report.value,
            "numerator": report.numerator,
            "denominator": report.denominator,
            "narrative": report.narrative,
            "version": report.version,
        }
        if report
        else {"version": 0}  # the form started from no report at all
    )
    form = KpiReportForm(page.post, page.files, percentage=percentage, initial=initial)
    saved = page.save(
        form,
        lambda data: do_save_kpi_report(page.user, period, kpi, **data, submit=_submit(page)),
        _saved,
        then=reverse("monitoring:period", args=[page.region.code, period.pk]),
    )
    context = {
        "period": period,
        "kpi": kpi,
        "rule": rule,
        "form": form,
        "target": kpi_target(kpi, period.year),
    }
    return saved or page.render(
        "monitoring/kpi_report.html", {**context, **_report_context(page, period, report)}, form
    )


@report_page
def initiative_report(page: RegionPage[Region], period_id: int, initiative_id: int) -> HttpResponse:
    period = get_period(page.region, period_id)
    initiative = get_initiative_for_reporter(page.user, page.region, initiative_id, period.year)
    report = _with_rows(
        InitiativeReport.objects.filter(period=period, initiative=initiative).first(),
        period,
        initiative=initiative,
    )
    statuses = status_set(page.region)
    milestones = list(Milestone.objects.filter(quick_win__initiative=initiative))
    initial: dict[str, Any] = {"version": 0}  # the form started from no report at all
    if report:
        initial = {
            "implementation": report.implementation,
            "progress": report.progress,
            "narrative": report.narrative,
            "milestones": [m.pk for m in report.milestones_done.all()],
            "version": report.version,
        }
        initial.update({f"realised_{r.source}": r.amount for r in report.realisations.all()})
    form = InitiativeReportForm(
        page.post,
        page.files,
        initial=initial,
        milestones=milestones,
        statuses=[(s.code, s.label) for s in statuses.values()],
    )

    def save(data: dict[str, Any]) -> InitiativeReport:
        chosen = {int(pk) for pk in data.pop("milestones", [])}
        realised = {source: data.pop(f"realised_{source}") for source in FundingSource.values}
        return do_save_initiative_report(
            page.user,
            period,
            initiative,
            **data,
            realised=realised,
            milestones=[m for m in milestones if m.pk in chosen],
            submit=_submit(page),
        )

    saved = page.save(
        form, save, _saved, then=reverse("monitoring:period", args=[page.region.code, period.pk])
    )
    facts = _initiative_facts(page, period, initiative, report, statuses)
    context = {"period": period, "initiative": initiative, "form": form, **facts}
    return saved or page.render(
        "monitoring/initiative_report.html", {**context, **_report_context(page, period, report)}, form
    )


def _review(
    page: RegionPage[Region], report: AnyReport, template: str, context: dict[str, Any]
) -> HttpResponse:
    form = ReviewForm(page.post)
    saved = page.save(
        form,
        lambda data: do_review_report(page.user, report, **data),
        lambda t: str(
            _("Report approved.") if t.to_status == core.APPROVED else _("Report returned with your reason.")
        ),
        then=reverse("monitoring:queue", args=[page.region.code]),
    )
    common = _report_context(page, report.period, report)
    shown = form if common["review_form"] is not None or form.is_bound else None
    full = {**context, "period": report.period, **common, "review_form": shown}
    return saved or page.render(template, full, form)


@manage_page
def review_kpi(page: RegionPage[Region], kpi_report_id: int) -> HttpResponse:
    report = get_kpi_report(page.user, page.region, kpi_report_id)
    rule = rule_of(report.kpi)
    context = {"kpi": report.kpi, "rule": rule, "target": kpi_target(report.kpi, report.period.year)}
    return _review(page, report, "monitoring/kpi_report.html", context)


@manage_page
def review_initiative(page: RegionPage[Region], initiative_report_id: int) -> HttpResponse:
    """What Budi approves: the status, progress, realised rupiah against the pagu, and the narrative,
    as the reporter's page shows them."""
    report = get_initiative_report(page.user, page.region, initiative_report_id)
    facts = _initiative_facts(page, report.period, report.initiative, report, status_set(page.region))
    context = {"initiative": report.initiative, **facts}
    return _review(page, report, "monitoring/initiative_report.html", context)


def _initiative_facts(
    page: RegionPage[Region],
    period: Period,
    initiative: Initiative,
    report: InitiativeReport | None,
    statuses: dict[str, Status],
) -> dict[str, Any]:
    """The pagu of the plan of record for the period's year, and the report's status by its name."""
    planned = pagu(plan_for(page.region)).get(initiative.code, {})
    return {
        "pagu": {source: years.get(period.year, 0) for source, years in planned.items()},
        "implementation": statuses.get(report.implementation) if report else None,
    }


@manage_page
def queue(page: RegionPage[Region]) -> HttpResponse:
    """Budi's approval queue: every submitted report of the region, oldest first. OPD staff see their
    own OPD's reports only, as on every other monitoring page."""
    waiting = Q(period__region=page.region, status=core.SUBMITTED)
    kpis, initiatives = waiting, waiting
    if not reads_every_report(page.user, page.region):
        opds = reporter_opds(page.user, page.region)
        kpis &= Q(kpi__initiative__owner__in=opds)
        initiatives &= Q(initiative__owner__in=opds)
    return page.render(
        "monitoring/queue.html",
        {
            "kpi_reports": KpiReport.objects.filter(kpis)
            .select_related("period", "kpi__initiative__owner", "reported_by")
            .order_by("updated_at"),
            "initiative_reports": InitiativeReport.objects.filter(initiatives)
            .select_related("period", "initiative__owner", "reported_by")
            .order_by("updated_at"),
        },
    )


@report_page
def evidence_file(page: RegionPage[Region], evidence_id: int) -> HttpResponse:
    """A file of a report the person may see (OPD staff: their own OPD's)."""
    item = Evidence.objects.filter(pk=checked_id(evidence_id), period__region=page.region).first()
    if item is None or not item.file:
        raise Http404
    year = Period.objects.values_list("year", flat=True).get(pk=item.period_id)
    # whoever may read the report may read its evidence (Rina and Tono too, not only its reporters)
    seen = Q(kpi_report__kpi__in=readable_kpis(page.user, page.region, year)) | Q(
        initiative_report__initiative__in=readable_initiatives(page.user, page.region, year)
    )
    if not Evidence.objects.filter(seen, pk=item.pk).exists():
        raise Http404
    name = f"bukti-{page.region.code}-{item.pk}.{item.file_type}"
    served: HttpResponse = uploads.serve(item.file.name or "", name, item.file_type)  # type: ignore[assignment]
    return served

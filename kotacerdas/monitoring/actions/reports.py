"""Sari reports realisation for her OPD; Budi approves or returns with a reason.

One form, one action: the values, the narrative, an evidence file or link and (optionally) the
submission go together in one transaction, so a refusal (text in a numeric KPI, a denominator of 0,
a value outside the KPI's bounds, evidence missing where required) saves nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.core.validators import URLValidator
from django.db import router, transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.transitions import lock_state
from kotacerdas.audit.versioning import require_version
from kotacerdas.core import monitoring as core
from kotacerdas.core.formatting import editable
from kotacerdas.monitoring import notices
from kotacerdas.monitoring.access import can_manage_monitoring, may_report_on, reportable_initiatives
from kotacerdas.monitoring.actions.common import (
    coordinators,
    opd_staff,
    params,
    parse_number,
    period_url,
    require_writable,
)
from kotacerdas.monitoring.models import (
    Evidence,
    InitiativeReport,
    KpiReport,
    KpiRule,
    Milestone,
    Period,
    Realisation,
    ReportTransition,
    ReviewStatus,
)
from kotacerdas.monitoring.statuses import status_set
from kotacerdas.notifications.service import notify
from kotacerdas.planning.models import FundingSource, Initiative, Kpi
from kotacerdas.web import uploads
from kotacerdas.web.compiled import compiled, first_of
from kotacerdas.web.memo import request_memo

EVIDENCE_KINDS = ("pdf", "png", "jpg", "docx", "xlsx")
AnyReport = KpiReport | InitiativeReport


def _require_reporter(
    actor: User, period: Period, *, kpi: Kpi | None = None, initiative: Initiative | None = None
) -> None:
    if kpi is not None and not may_report_on(actor, period.region, kpi, period.year):
        raise ActionNotAllowed(_("You may report only for your own OPD's KPIs and initiatives."))
    if (
        initiative is not None
        and not reportable_initiatives(actor, period.region, period.year).filter(pk=initiative.pk).exists()
    ):
        raise ActionNotAllowed(_("You may report only for your own OPD's KPIs and initiatives."))


def _require_editable(report: AnyReport | None, period: Period) -> None:
    """Approved values cannot be edited; a submitted report waits for its review."""
    if report is None or report.pk is None:
        require_writable(period, reporting=True)
        return
    require_writable(period, reporting=report.status != core.RETURNED)
    if report.status == core.APPROVED:
        raise ValidationError(_("This report is approved; approved values cannot be edited."))
    if report.status == core.SUBMITTED:
        raise ValidationError(_("This report waits for review; it can be changed again if it is returned."))


# Stand-ins in the SQL compiled once per process for the reads every report page and save runs.
_KPI, _PERIOD = -7_231_020, -7_231_021


def _rule_of(kpi_id: int) -> Any:
    return first_of(KpiRule.objects.filter(kpi_id=kpi_id))


def rule_of(kpi: Kpi) -> KpiRule:
    """The KPI's rule (its defaults when it has none), read once a request: a save's page and its
    action both ask."""
    memo = request_memo()
    key = ("kpi rule", kpi.pk)
    if memo is not None and key in memo:
        kept: KpiRule = memo[key]
        return kept
    rule: KpiRule | None = compiled("kpi rule", router.db_for_read(KpiRule), _rule_of, _KPI).first(kpi.pk)
    rule = rule or KpiRule(kpi=kpi)
    if memo is not None:
        memo[key] = rule
    return rule


def _report_of(period_id: int, kpi_id: int) -> Any:
    return first_of(KpiReport.objects.filter(period_id=period_id, kpi_id=kpi_id))


def kpi_report_of(period: Period, kpi: Kpi) -> KpiReport | None:
    """The KPI's report in the period, if any (its period and KPI set from the rows given)."""
    query = compiled("kpi report", router.db_for_read(KpiReport), _report_of, _PERIOD, _KPI)
    report: KpiReport | None = query.first(period.pk, kpi.pk)
    if report is not None:  # the same rows as given: the audit's label and region ask no more queries
        report.period, report.kpi = period, kpi
    return report


def kpi_value(
    rule: KpiRule, value: Any = None, numerator: Any = None, denominator: Any = None
) -> tuple[Decimal, Decimal | None, Decimal | None]:
    """The KPI's value (a percentage from numerator/denominator), checked against its bounds."""
    if rule.kind == KpiRule.Kind.PERCENTAGE:
        top = parse_number(numerator, "numerator")
        bottom = parse_number(denominator, "denominator")
        assert top is not None and bottom is not None
        for name, count in (("numerator", top), ("denominator", bottom)):
            if count < 0:  # a share of something counted: -5 of 20 puskesmas is a typo
                raise ValidationError({name: _("A count cannot be negative.")})
        if bottom == 0:
            raise ValidationError({"denominator": _("The denominator cannot be 0.")})
        number = core.percentage(top, bottom).quantize(Decimal("0.0001"))
    else:
        parsed = parse_number(value, "value")
        assert parsed is not None
        number, top, bottom = parsed, None, None
    field = "numerator" if rule.kind == KpiRule.Kind.PERCENTAGE else "value"
    if (rule.minimum is not None and number < rule.minimum) or (
        rule.maximum is not None and number > rule.maximum
    ):
        low = "–" if rule.minimum is None else editable(rule.minimum)
        high = "–" if rule.maximum is None else editable(rule.maximum)
        raise ValidationError(
            {field: _("The value must lie between %(low)s and %(high)s.") % {"low": low, "high": high}}
        )
    return number, top, bottom


def _evidence(
    actor: User, report: AnyReport, *, label: str = "", link: str = "", upload: UploadedFile | None = None
) -> Evidence | None:
    link = link.strip()
    if not link and upload is None:
        return None
    if link:
        try:
            URLValidator(schemes=["https", "http"])(link)
        except ValidationError:
            raise ValidationError({"evidence_link": _("Enter a full web address (https://…).")}) from None
    read = uploads.read_upload(upload, "evidence_file", EVIDENCE_KINDS) if upload is not None else None
    item = Evidence(period=report.period, label=label.strip(), link=link, added_by=actor)
    if isinstance(report, KpiReport):
        item.kpi_report = report
    else:
        item.initiative_report = report
    if read is not None:
        item.file.name = uploads.store(read[0], "monitoring/evidence", read[1])
        item.file_type = read[1]
    item.save()
    return item


def _finish(actor: User, report: AnyReport, before: dict[str, Any] | None, action: str, submit: bool) -> None:
    region = report.period.region
    record(actor, action, report, before=before, after=snapshot(report), region=region)
    if submit:
        _move(actor, report, core.SUBMITTED, "")
        notify(
            coordinators(region),
            notices.SUBMITTED,
            params(report.period, item=label_of(report)),
            period_url(report.period),
        )


def label_of(report: AnyReport) -> str:
    if isinstance(report, KpiReport):
        return f"KPI “{report.kpi.name}”"
    return f"{report.initiative.code} {report.initiative.name}"


def do_save_kpi_report(
    actor: User,
    period: Period,
    kpi: Kpi,
    *,
    value: Any = None,
    numerator: Any = None,
    denominator: Any = None,
    narrative: str = "",
    evidence_label: str = "",
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    submit: bool = False,
    version: int | None = None,
) -> KpiReport:
    """Save Sari's realisation of ``kpi``; ``version`` is the report's version her form started from
    (0: there was no report yet), so a save over someone else's newer one is refused, not applied."""
    _require_reporter(actor, period, kpi=kpi)
    report = kpi_report_of(period, kpi)
    _require_editable(report, period)
    rule = rule_of(kpi)
    number, top, bottom = kpi_value(rule, value, numerator, denominator)
    with uploads.atomic_with_files():  # the evidence file goes with a failed save
        if report is not None:
            require_version(report, version)
        report = report or KpiReport(period=period, kpi=kpi, reported_by=actor)
        before = snapshot(report) if report.pk else None
        report.value, report.numerator, report.denominator = number, top, bottom
        report.narrative, report.reported_by = narrative.strip(), actor
        report.save()
        _evidence(actor, report, label=evidence_label, link=evidence_link, upload=evidence_file)
        if submit and rule.evidence_required and not report.evidence.exists():
            raise ValidationError(
                {"evidence_file": _("This KPI needs evidence: upload a file or give a link.")}
            )
        _finish(actor, report, before, "monitoring.kpi_report.save", submit)
    return report


def do_save_initiative_report(
    actor: User,
    period: Period,
    initiative: Initiative,
    *,
    implementation: str,
    progress: Any = None,
    realised: Mapping[str, Any] | None = None,
    milestones: Iterable[Milestone] = (),
    narrative: str = "",
    evidence_label: str = "",
    evidence_link: str = "",
    evidence_file: UploadedFile | None = None,
    submit: bool = False,
    version: int | None = None,
) -> InitiativeReport:
    _require_reporter(actor, period, initiative=initiative)
    report = InitiativeReport.objects.filter(period=period, initiative=initiative).first()
    if report is not None:  # the same rows as given (see do_save_kpi_report)
        report.period, report.initiative = period, initiative
    _require_editable(report, period)
    statuses = status_set(period.region)
    if implementation not in statuses:
        raise ValidationError({"implementation": _("Choose one of the region's implementation statuses.")})
    percent = parse_number(progress, "progress", required=False)
    percent = Decimal(statuses[implementation].progress) if percent is None else percent
    if not 0 <= percent <= 100:
        raise ValidationError({"progress": _("Progress is a percentage from 0 to 100.")})
    amounts = _amounts(realised or {})
    milestones = list(milestones)
    if any(m.quick_win.initiative_id != initiative.pk for m in milestones):
        raise ValidationError({"milestones": _("Choose milestones of this initiative's Quick Win.")})
    with uploads.atomic_with_files():
        if report is not None:  # as do_save_kpi_report: never over a newer report
            require_version(report, version)
        report = report or InitiativeReport(period=period, initiative=initiative, reported_by=actor)
        before = snapshot(report) if report.pk else None
        report.implementation, report.progress = implementation, percent
        report.narrative, report.reported_by = narrative.strip(), actor
        report.save()
        report.milestones_done.set(milestones)
        report.realisations.exclude(source__in=amounts).delete()
        for source, amount in amounts.items():
            Realisation.objects.update_or_create(report=report, source=source, defaults={"amount": amount})
        _evidence(actor, report, label=evidence_label, link=evidence_link, upload=evidence_file)
        _finish(actor, report, before, "monitoring.initiative_report.save", submit)
    return report


def _amounts(realised: Mapping[str, Any]) -> dict[str, Decimal]:
    amounts: dict[str, Decimal] = {}
    for source, raw in realised.items():
        if source not in FundingSource.values:
            raise ValidationError({"realised": _("Unknown funding source %(source)s.") % {"source": source}})
        amount = parse_number(raw, f"realised_{source}", required=False)
        if amount is None:
            continue
        if amount < 0:
            raise ValidationError({f"realised_{source}": _("A realised amount cannot be negative.")})
        amounts[source] = amount.quantize(Decimal(1))
    return amounts


def _move(actor: User, report: AnyReport, target: str, reason: str) -> ReportTransition:
    """One review transition inside the caller's transaction: lock, check, record who/when/why."""
    if not core.can_move(report.status, target):
        raise ValidationError(
            _("A report that is “%(status)s” cannot be moved to “%(target)s”.")
            % {"status": report.get_status_display(), "target": ReviewStatus(target).label}
        )
    lock_state(report, [state for state, targets in core.TRANSITIONS.items() if target in targets])
    before = snapshot(report, ["status"])
    link = {"kpi_report": report} if isinstance(report, KpiReport) else {"initiative_report": report}
    transition = ReportTransition.objects.create(
        period=report.period, from_status=report.status, to_status=target, actor=actor, reason=reason, **link
    )
    report.status = target
    report.save(update_fields=["status", "updated_at"])
    kind = "kpi_report" if isinstance(report, KpiReport) else "initiative_report"
    record(
        actor,
        f"monitoring.{kind}.{target}",
        report,
        before=before,
        after={"status": target, "reason": reason},
        region=report.period.region,
    )
    return transition


def do_submit_report(actor: User, report: AnyReport) -> ReportTransition:
    if isinstance(report, KpiReport):
        _require_reporter(actor, report.period, kpi=report.kpi)
    else:
        _require_reporter(actor, report.period, initiative=report.initiative)
    require_writable(report.period)
    if (
        isinstance(report, KpiReport)
        and rule_of(report.kpi).evidence_required
        and not report.evidence.exists()
    ):
        raise ValidationError({"evidence_file": _("This KPI needs evidence: upload a file or give a link.")})
    with transaction.atomic():
        transition = _move(actor, report, core.SUBMITTED, "")
        notify(
            coordinators(report.period.region),
            notices.SUBMITTED,
            params(report.period, item=label_of(report)),
            period_url(report.period),
        )
    return transition


def do_review_report(actor: User, report: AnyReport, *, decision: str, reason: str = "") -> ReportTransition:
    """Budi approves, or returns with a reason the OPD sees."""
    region = report.period.region
    if not can_manage_monitoring(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator may approve or return reports."))
    require_writable(report.period)
    reason = reason.strip()
    if decision not in (core.APPROVED, core.RETURNED):
        raise ValidationError({"decision": _("Choose approve or return for revision.")})
    if decision == core.RETURNED and not reason:
        raise ValidationError({"reason": _("Say what must be revised; the OPD sees this reason.")})
    with transaction.atomic():
        transition = _move(actor, report, decision, reason)
        owner = report.kpi.initiative.owner if isinstance(report, KpiReport) else report.initiative.owner
        kind = notices.APPROVED if decision == core.APPROVED else notices.RETURNED
        notify(
            [*opd_staff(region, owner), report.reported_by],
            kind,
            params(report.period, item=label_of(report), reason=reason),
            period_url(report.period),
        )
    return transition

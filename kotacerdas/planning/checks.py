"""Checks of the masterplan as a whole, shared by the sub-contexts that change it.

The consistency findings of the initiatives (order, years, budgets) are needed by the profile (a new
period must keep every initiative inside), the initiatives and their XLSX import, and the overview;
the Permendagri 90 code messages by the programme mapping and the initiatives.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext as _

from kotacerdas.core.budget_codes import BudgetCodeError, CodeLookup, lookup_budget_code, parse_budget_code
from kotacerdas.core.formatting import rupiah
from kotacerdas.core.masterplan_checks import Finding, PlannedInitiative, check_plan
from kotacerdas.planning.common import require_masterplan
from kotacerdas.planning.models import AdoptedItem, FundingSource, Initiative, Kpi, Masterplan
from kotacerdas.regions.models import Region
from kotacerdas.web.params import parse_int

# Findings that tie an initiative to the period (a new period must keep them all inside).
PERIOD_KINDS = {"start_before_period", "end_after_period"}
# Findings that block saving; the others are shown as warnings.
BLOCKING = {
    "cycle",
    "unknown_predecessor",
    "start_before_period",
    "end_after_period",
    "budget_outside_years",
    "budget_total_mismatch",
    "budget_negative",
}
FINDING_FIELD = {
    "cycle": "predecessors",
    "unknown_predecessor": "predecessors",
    "start_before_period": "start_year",
    "end_after_period": "duration",
    "budget_total_mismatch": "total_cost",
}


def finding_message(finding: Finding) -> str:
    """An Indonesian message for a masterplan consistency finding."""
    v = dict(finding.values)
    v["code"] = finding.code
    texts = {
        "cycle": _("The predecessors form a cycle: %(path)s."),
        "unknown_predecessor": _("%(code)s: predecessor %(predecessor)s does not exist."),
        "start_before_period": _(
            "%(code)s starts in %(start)s, before the masterplan period begins (%(first)s)."
        ),
        "end_after_period": _("%(code)s ends in %(end)s, after the masterplan period ends (%(last)s)."),
        "budget_outside_years": _(
            "%(code)s: budget in %(year)s (%(source)s), but the initiative runs in %(years)s."
        ),
        "budget_total_mismatch": _(
            "%(code)s: the budget rows add up to %(rows)s, not the stated total cost of %(declared)s."
        ),
        "budget_negative": _("%(code)s: the budget for %(year)s (%(source)s) is negative."),
        "predecessor_not_finished": _(
            "%(code)s starts before its predecessor %(predecessor)s finishes (%(finish)s)."
        ),
        "kpi_targets_outside_plan": _(
            "%(code)s: the KPI “%(kpi)s” has targets in %(target_years)s, but the adopted roadmap runs "
            "the initiative in %(adopted)s."
        ),
    }
    if "path" in v:
        v["path"] = " → ".join(str(p) for p in v["path"])  # type: ignore[attr-defined]
    for amount in ("rows", "declared"):
        if amount in v:
            v[amount] = rupiah(v[amount])  # type: ignore[arg-type]
    if "source" in v:
        v["source"] = source_name(str(v["source"]))
    if "start" in v and "end" in v:
        v["years"] = year_span(int(v["start"]), int(v["end"]))  # type: ignore[call-overload]
    return texts[finding.kind] % v


def finding_url(finding: Finding) -> str:
    """Where the person fixes what the finding names ("" when no page is more to the point)."""
    if finding.kind == "kpi_targets_outside_plan":
        v = finding.values
        return reverse("planning:initiative", args=[v["region"], v["initiative_id"]]) + f"#kpi-{v['kpi_id']}"
    return ""


@dataclass(frozen=True)
class FindingLine:
    text: str
    url: str = ""


def finding_lines(findings: Iterable[Finding]) -> list[FindingLine]:
    """The findings as a page lists them: the message and, where there is one, the page to fix it on."""
    return [FindingLine(finding_message(f), finding_url(f)) for f in findings]


def year_span(start: int, end: int) -> str:
    """The years something runs, as the books print them: "2027" for one year, else "2027–2029"."""
    return str(start) if end == start else f"{start}–{end}"


def source_name(code: str) -> str:
    """A funding source as people call it ("APBN/DAK"); a code no longer offered stays as stored."""
    return str(FundingSource(code).label) if code in FundingSource.values else code


def planned(
    initiative: Initiative,
    budget: Mapping[tuple[int, str], Decimal] | None = None,
    predecessors: Iterable[str] | None = None,
) -> PlannedInitiative:
    """The initiative as the core checks see it (its stored budget and predecessors unless given)."""
    if budget is None:
        budget = {(line.year, line.source): line.amount for line in initiative.budget_lines.all()}
    if predecessors is None:
        predecessors = [p.code for p in initiative.predecessors.all()]
    return PlannedInitiative(
        initiative.code,
        initiative.start_year,
        initiative.duration,
        tuple(predecessors),
        dict(budget),
        initiative.total_cost,
    )


def planned_initiatives(region: Region, *, exclude_pk: int | None = None) -> list[PlannedInitiative]:
    initiatives = Initiative.objects.filter(region=region).prefetch_related("budget_lines", "predecessors")
    if exclude_pk is not None:
        initiatives = initiatives.exclude(pk=exclude_pk)
    return [planned(i) for i in initiatives]


def plan_findings(
    region: Region, initiatives: Iterable[Initiative] | None = None, masterplan: Masterplan | None = None
) -> list[Finding]:
    """The findings of the region's plan; ``initiatives`` (all of the region's, with their budget lines
    and predecessors prefetched) and ``masterplan`` (its active one) save a page that already loaded
    them from loading them twice."""
    masterplan = masterplan or require_masterplan(region)
    plan = planned_initiatives(region) if initiatives is None else [planned(i) for i in initiatives]
    findings = check_plan(plan, (masterplan.period_start, masterplan.period_end))
    return findings + [outside.finding() for outside in kpi_targets_outside_plan(region)]


@dataclass(frozen=True)
class TargetsOutsidePlan:
    """A KPI with yearly targets before its initiative's adopted start or after its adopted end.

    Adopting a roadmap moves an initiative's start year and budget lines, never its KPI targets: those
    stay for the start year they were set for (``Kpi.targets_start_year``) until the coordinator shifts
    them (``do_shift_kpi_targets``) or edits them by hand."""

    kpi: Kpi
    initiative: Initiative
    plan_id: int
    adopted_start: int
    adopted_end: int
    years: tuple[int, ...]  # the target years outside the adopted span

    @property
    def shift(self) -> int | None:
        """Years to move the targets by to follow the adopted start; None when unknown or nothing."""
        anchor = self.kpi.targets_start_year
        if anchor is None or anchor == self.adopted_start:
            return None
        return self.adopted_start - anchor

    def finding(self) -> Finding:
        return Finding(
            "kpi_targets_outside_plan",
            self.initiative.code,
            {
                "kpi": self.kpi.name,
                "target_years": ", ".join(str(y) for y in self.years),
                "adopted": year_span(self.adopted_start, self.adopted_end),
                "region": self.initiative.region.code,
                "initiative_id": self.initiative.pk,
                "kpi_id": self.kpi.pk,
            },
        )


def kpi_targets_outside_plan(
    region: Region, *, initiative: Initiative | None = None
) -> list[TargetsOutsidePlan]:
    """The region's KPIs (or one initiative's) with targets outside the adopted roadmap's years.

    Only initiatives the current adopted plan schedules are compared; without an adopted plan, for an
    initiative added since or one the plan leaves unscheduled, there are no adopted years to compare with
    (the roadmap page lists those as changed since adoption or not in the plan)."""
    items = AdoptedItem.objects.filter(
        plan__region=region, plan__superseded_at__isnull=True, start_year__isnull=False
    )
    if initiative is not None:
        items = items.filter(initiative=initiative)
    adopted = {i.initiative_id: i for i in items.exclude(initiative=None)}
    if not adopted:
        return []
    kpis = Kpi.objects.filter(initiative__in=list(adopted)).select_related("initiative__region")
    found = []
    for kpi in kpis.order_by("initiative__code", "pk"):
        item = adopted[kpi.initiative_id]
        assert item.start_year is not None and item.end_year is not None
        target_years = [n for y in kpi.targets if (n := parse_int(str(y))) is not None]
        years = tuple(sorted(y for y in target_years if not item.start_year <= y <= item.end_year))
        if years:
            found.append(
                TargetsOutsidePlan(kpi, kpi.initiative, item.plan_id, item.start_year, item.end_year, years)
            )
    return found


def blocking_error(findings: list[Finding]) -> ValidationError | None:
    """The findings that block saving as one error keyed by form field, or None."""
    blocking = [f for f in findings if f.kind in BLOCKING]
    if not blocking:
        return None
    errors: dict[str, list[str]] = {}
    for finding in blocking:
        field = FINDING_FIELD.get(finding.kind, "__all__")
        errors.setdefault(field, []).append(finding_message(finding))
    return ValidationError(errors)


def budget_code_message(error: BudgetCodeError) -> str:
    """An Indonesian message for a malformed Permendagri 90 code."""
    messages = {
        "empty": _("Enter a code."),
        "characters": _("Use only digits and dots, for example 2.16.03.2.02.0014."),
        "parts": _("A code has 3 (program), 5 (kegiatan) or 6 (sub-kegiatan) parts, e.g. 2.16.03.2.02.0014."),
        "digits": _("The %(part)s part has the wrong number of digits."),
        "zero": _("The urusan cannot be 0."),
        "level": _("This is not a sub-kegiatan code (6 parts, e.g. 2.16.03.2.02.0014)."),
    }
    return _("“%(code)s”: %(problem)s") % {
        "code": error.code,
        "problem": messages.get(error.reason, str(error)) % {"part": error.part.replace("_", "-")},
    }


def code_lookup(code: str) -> CodeLookup | None:
    """What the shipped nomenclature says about a stored code (None for a malformed one)."""
    try:
        return lookup_budget_code(parse_budget_code(code))
    except BudgetCodeError:
        return None


def unknown_code_warning(found: CodeLookup) -> str:
    """A warning (never a refusal: the shipped nomenclature is partial and a newer decision may add
    codes) for a well-formed code the nomenclature says does not exist."""
    levels = {1: _("urusan"), 2: _("bidang urusan"), 3: _("program"), 5: _("kegiatan"), 6: _("sub-kegiatan")}
    level = levels[found.missing.count(".") + 1]
    return _(
        "“%(code)s”: %(level)s %(missing)s is not in the Permendagri 90 nomenclature (Kepmendagri "
        "050-5889/2021). Check the code."
    ) % {"code": found.code, "level": level, "missing": found.missing}


def budget_code_warnings(codes: Iterable[str]) -> list[str]:
    """One warning per well-formed code that does not exist in the nomenclature."""
    return [unknown_code_warning(f) for c in codes if (f := code_lookup(c)) is not None and f.missing]


def named_codes(codes: Iterable[str]) -> list[tuple[str, str, bool]]:
    """(code, its nomenclature name or "", whether it is known not to exist), for display."""
    rows = []
    for code in codes:
        found = code_lookup(code)
        rows.append((code, found.name if found else "", bool(found and found.missing)))
    return rows

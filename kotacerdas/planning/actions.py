"""Writes on a region's masterplan: permission → validation → transaction → audit.

Each do_* function changes one thing completely or not at all; a ValidationError
carries Indonesian messages keyed by form field.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.log import record, snapshot
from kotacerdas.core import ahp
from kotacerdas.core.budget_codes import BudgetCodeError, parse_budget_code
from kotacerdas.core.masterplan_checks import Finding, PlannedInitiative, check_plan
from kotacerdas.core.prioritisation import DEFAULT_CRITERIA
from kotacerdas.planning import reference
from kotacerdas.planning.access import can_edit_masterplan, masterplan_of
from kotacerdas.planning.models import (
    BudgetLine,
    FundingSource,
    Initiative,
    KeyIndicator,
    Kpi,
    Masterplan,
    Problem,
    ProgrammeMapping,
    QuickWin,
    Risk,
    RoadmapRun,
    Statement,
    SwotItem,
)
from kotacerdas.regions.models import Opd, Region

CRITERIA_IDS = [criterion.id for criterion in DEFAULT_CRITERIA]


# ----------------------------------------------------------------- helpers


def _require_editor(actor: Any, region: Region) -> None:
    if not can_edit_masterplan(actor, region):
        raise ActionNotAllowed(_("Only the coordinator of this region may change its masterplan."))


def require_masterplan(region: Region) -> Masterplan:
    masterplan = masterplan_of(region)
    if masterplan is None:
        raise ValidationError(_("Fill in the region profile and the masterplan period first."))
    return masterplan


def _save(actor: Any, obj: models.Model, action: str, region: Region, before: dict | None) -> None:
    obj.full_clean()
    obj.save()
    record(actor, action, obj, before=before, after=snapshot(obj), region=region)


def _delete(actor: Any, obj: models.Model, action: str, region: Region) -> None:
    with transaction.atomic():
        record(actor, action, obj, before=snapshot(obj), after=None, region=region)
        obj.delete()


def _check_dimension(dimension: str, element: str | None = None) -> None:
    if dimension not in dict(reference.dimensions()):
        raise ValidationError({"dimension": _("Choose one of the smart city dimensions.")})
    if element is not None and reference.dimension_of(element) != dimension:
        raise ValidationError({"element": _("Choose an element of the chosen dimension.")})


def _check_opds(region: Region, opds: Iterable[Opd | None], field: str) -> None:
    for opd in opds:
        if opd is not None and opd.region_id != region.pk:
            raise ValidationError({field: _("Choose an OPD of this region.")})


# ----------------------------------------------------------------- profile and analysis


PROFILE_FIELDS = [
    "period_start",
    "period_end",
    "rpjmd_start",
    "rpjmd_end",
    "population",
    "area_km2",
    "head_vision",
    "head_missions",
    "vision",
    "missions",
]


def do_save_profile(actor: Any, region: Region, **fields: Any) -> Masterplan:
    _require_editor(actor, region)
    masterplan = masterplan_of(region) or Masterplan(region=region, period_start=0, period_end=0)
    before = snapshot(masterplan) if masterplan.pk else None
    for name in PROFILE_FIELDS:
        if name in fields:
            setattr(masterplan, name, fields[name])
    start, end = masterplan.period_start, masterplan.period_end
    if not (2000 <= start <= end <= start + 19):
        raise ValidationError(
            {"period_end": _("The period must run forward and last at most 20 years (e.g. 2026–2030).")}
        )
    if masterplan.rpjmd_start and masterplan.rpjmd_end and masterplan.rpjmd_end < masterplan.rpjmd_start:
        raise ValidationError({"rpjmd_end": _("The RPJMD period must end after it starts.")})
    if masterplan.pk:
        items = [
            planned(i)
            for i in Initiative.objects.filter(region=region).prefetch_related("budget_lines", "predecessors")
        ]
        outside = sorted(
            {f.code for f in check_plan(items, (start, end)) if f.kind in PERIOD_KINDS},
        )
        if outside:
            raise ValidationError(
                {
                    "period_start": _("Initiatives %(codes)s would fall outside the new period.")
                    % {"codes": ", ".join(outside)}
                }
            )
    with transaction.atomic():
        _save(actor, masterplan, "masterplan.profile", region, before)
    return masterplan


def do_add_indicator(actor: Any, region: Region, **fields: Any) -> KeyIndicator:
    _require_editor(actor, region)
    indicator = KeyIndicator(region=region, **fields)
    with transaction.atomic():
        _save(actor, indicator, "masterplan.indicator.add", region, None)
    return indicator


def do_delete_indicator(actor: Any, indicator: KeyIndicator) -> None:
    _require_editor(actor, indicator.region)
    _delete(actor, indicator, "masterplan.indicator.delete", indicator.region)


def do_save_problem(
    actor: Any, region: Region, problem: Problem | None = None, *, opds: Iterable[Opd] = (), **fields: Any
) -> Problem:
    _require_editor(actor, region)
    opds = list(opds)
    _check_dimension(fields.get("dimension", ""), fields.get("element", ""))
    _check_opds(region, opds, "opds")
    problem = problem or Problem(region=region)
    before = snapshot(problem) if problem.pk else None
    for name, value in fields.items():
        setattr(problem, name, value.strip() if isinstance(value, str) else value)
    clash = Problem.objects.filter(region=region, code__iexact=problem.code).exclude(pk=problem.pk)
    if clash.exists():
        raise ValidationError({"code": _("This region already has a problem with this code.")})
    with transaction.atomic():
        _save(actor, problem, "masterplan.problem.save", region, before)
        problem.opds.set(opds)
    return problem


def do_delete_problem(actor: Any, problem: Problem) -> None:
    _require_editor(actor, problem.region)
    _delete(actor, problem, "masterplan.problem.delete", problem.region)


def do_save_swot_item(
    actor: Any, region: Region, item: SwotItem | None = None, *, scope: str, kind: str, text: str
) -> SwotItem:
    _require_editor(actor, region)
    if scope not in dict(reference.swot_scopes()):
        raise ValidationError({"scope": _("Choose a readiness element or a smart city dimension.")})
    item = item or SwotItem(region=region)
    before = snapshot(item) if item.pk else None
    item.scope, item.kind, item.text = scope, kind, text.strip()
    with transaction.atomic():
        _save(actor, item, "masterplan.swot.save", region, before)
    return item


def do_delete_swot_item(actor: Any, item: SwotItem) -> None:
    _require_editor(actor, item.region)
    _delete(actor, item, "masterplan.swot.delete", item.region)


def do_add_statement(actor: Any, region: Region, *, kind: str, dimension: str, text: str) -> Statement:
    _require_editor(actor, region)
    _check_dimension(dimension)
    statement = Statement(region=region, kind=kind, dimension=dimension, text=text.strip())
    with transaction.atomic():
        _save(actor, statement, "masterplan.statement.add", region, None)
    return statement


def do_delete_statement(actor: Any, statement: Statement) -> None:
    _require_editor(actor, statement.region)
    if statement.programmes.exists():
        raise ValidationError(_("Programmes are mapped to this goal; remove those mappings first."))
    _delete(actor, statement, "masterplan.statement.delete", statement.region)


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


def do_add_programme(
    actor: Any, region: Region, *, code: str, name: str, document: str, opd: Opd | None, goal: Statement
) -> ProgrammeMapping:
    _require_editor(actor, region)
    try:
        code = str(parse_budget_code(code))
    except BudgetCodeError as error:
        raise ValidationError({"code": budget_code_message(error)}) from None
    _check_opds(region, [opd], "opd")
    if goal.region_id != region.pk or goal.kind != Statement.Kind.GOAL:
        raise ValidationError({"goal": _("Choose a smart city goal of this region.")})
    mapping = ProgrammeMapping(
        region=region, code=code, name=name.strip(), document=document, opd=opd, goal=goal
    )
    with transaction.atomic():
        _save(actor, mapping, "masterplan.programme.add", region, None)
    return mapping


def do_delete_programme(actor: Any, mapping: ProgrammeMapping) -> None:
    _require_editor(actor, mapping.region)
    _delete(actor, mapping, "masterplan.programme.delete", mapping.region)


# ----------------------------------------------------------------- initiatives


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
            "%(code)s: budget in %(year)s (%(source)s), but the initiative runs %(start)s–%(end)s."
        ),
        "budget_total_mismatch": _(
            "%(code)s: the budget rows add up to Rp %(rows)s, not the stated total cost of Rp %(declared)s."
        ),
        "budget_negative": _("%(code)s: the budget for %(year)s (%(source)s) is negative."),
        "predecessor_not_finished": _(
            "%(code)s starts before its predecessor %(predecessor)s finishes (%(finish)s)."
        ),
    }
    if "path" in v:
        v["path"] = " → ".join(str(p) for p in v["path"])  # type: ignore[attr-defined]
    return texts[finding.kind] % v


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


def planned(
    initiative: Initiative,
    budget: Mapping[tuple[int, str], Decimal] | None = None,
    predecessors: Iterable[str] | None = None,
) -> PlannedInitiative:
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


def plan_findings(region: Region) -> list[Finding]:
    masterplan = require_masterplan(region)
    items = [
        planned(i)
        for i in Initiative.objects.filter(region=region).prefetch_related("budget_lines", "predecessors")
    ]
    return check_plan(items, (masterplan.period_start, masterplan.period_end))


def _blocking_error(findings: list[Finding]) -> ValidationError | None:
    blocking = [f for f in findings if f.kind in BLOCKING]
    if not blocking:
        return None
    errors: dict[str, list[str]] = {}
    for finding in blocking:
        field = FINDING_FIELD.get(finding.kind, "__all__")
        errors.setdefault(field, []).append(finding_message(finding))
    return ValidationError(errors)


def clean_subactivity_codes(codes: Iterable[str]) -> list[str]:
    cleaned, errors = [], []
    for code in codes:
        if not code.strip():
            continue
        try:
            cleaned.append(str(parse_budget_code(code, require="sub_kegiatan")))
        except BudgetCodeError as error:
            errors.append(budget_code_message(error))
    if errors:
        raise ValidationError({"subactivity_codes": errors})
    return cleaned


INITIATIVE_FIELDS = [
    "code",
    "name",
    "dimension",
    "element",
    "type",
    "description",
    "owner",
    "partners",
    "rpjmd_targets",
    "horizon",
    "start_year",
    "duration",
    "total_cost",
    "risks",
    "status",
    "mandatory",
    "citizen_benefit",
    "earliest_start_year",
]


def do_save_initiative(
    actor: Any,
    region: Region,
    initiative: Initiative | None = None,
    *,
    budget: Mapping[tuple[int, str], Decimal],
    predecessors: Iterable[Initiative] = (),
    problems: Iterable[Problem] = (),
    subactivity_codes: Iterable[str] = (),
    **fields: Any,
) -> Initiative:
    """Create or update an initiative with its budget rows, all checked against the whole plan."""
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    initiative = initiative or Initiative(region=region)
    before = snapshot(initiative) if initiative.pk else None
    for name in INITIATIVE_FIELDS:
        if name in fields:
            value = fields[name]
            setattr(initiative, name, value.strip() if isinstance(value, str) else value)
    _check_dimension(initiative.dimension, initiative.element)
    _check_opds(region, [fields.get("owner")], "owner")
    predecessors, problems = list(predecessors), list(problems)
    if any(p.region_id != region.pk for p in predecessors):
        raise ValidationError({"predecessors": _("Choose initiatives of this region.")})
    if any(p.region_id != region.pk for p in problems):
        raise ValidationError({"problems": _("Choose problems of this region.")})
    initiative.subactivity_codes = clean_subactivity_codes(subactivity_codes)
    clash = Initiative.objects.filter(region=region, code__iexact=initiative.code).exclude(pk=initiative.pk)
    if clash.exists():
        raise ValidationError({"code": _("This region already has an initiative with this code.")})
    budget = {key: Decimal(value) for key, value in budget.items() if value}
    bad_sources = {source for _year, source in budget} - set(FundingSource.values)
    if bad_sources:
        raise ValidationError(_("Unknown funding source: %(s)s.") % {"s": ", ".join(sorted(bad_sources))})
    initiative.full_clean()
    others = [
        planned(i)
        for i in Initiative.objects.filter(region=region)
        .exclude(pk=initiative.pk)
        .prefetch_related("budget_lines", "predecessors")
    ]
    mine = planned(initiative, budget, [p.code for p in predecessors])
    findings = check_plan([*others, mine], (masterplan.period_start, masterplan.period_end))
    error = _blocking_error([f for f in findings if f.code in ("", initiative.code)])
    if error is not None:
        raise error
    budget_before = (
        {f"{b.year} {b.source}": str(b.amount) for b in initiative.budget_lines.all()}
        if initiative.pk
        else None
    )
    with transaction.atomic():
        _save(actor, initiative, "masterplan.initiative.save", region, before)
        initiative.predecessors.set(predecessors)
        initiative.problems.set(problems)
        initiative.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(initiative=initiative, year=year, source=source, amount=amount)
            for (year, source), amount in sorted(budget.items())
        )
        record(
            actor,
            "masterplan.initiative.budget",
            initiative,
            before=budget_before,
            after={f"{year} {source}": str(amount) for (year, source), amount in sorted(budget.items())},
            region=region,
        )
    return initiative


def do_delete_initiative(actor: Any, initiative: Initiative) -> None:
    _require_editor(actor, initiative.region)
    if initiative.successors.exists():
        raise ValidationError(
            _("Other initiatives depend on this one (%(codes)s); change them first.")
            % {"codes": ", ".join(initiative.successors.values_list("code", flat=True))}
        )
    _delete(actor, initiative, "masterplan.initiative.delete", initiative.region)


def clean_targets(masterplan: Masterplan, targets: Mapping[int, Any]) -> dict[str, str]:
    cleaned = {}
    for year, value in sorted(targets.items()):
        if value in (None, ""):
            continue
        if year not in masterplan.years:
            raise ValidationError({"targets": _("Targets must lie inside the masterplan period.")})
        try:
            number = Decimal(str(value))
        except ArithmeticError:
            raise ValidationError({"targets": _("Targets must be numbers.")}) from None
        cleaned[str(year)] = format(number.normalize(), "f")
    return cleaned


def do_save_kpi(
    actor: Any,
    initiative: Initiative,
    kpi: Kpi | None = None,
    *,
    name: str,
    unit: str,
    baseline: Decimal | None,
    targets: Mapping[int, Any],
) -> Kpi:
    region = initiative.region
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    kpi = kpi or Kpi(initiative=initiative)
    before = snapshot(kpi) if kpi.pk else None
    kpi.name, kpi.unit, kpi.baseline = name.strip(), unit.strip(), baseline
    kpi.targets = clean_targets(masterplan, targets)
    with transaction.atomic():
        _save(actor, kpi, "masterplan.kpi.save", region, before)
    return kpi


def do_delete_kpi(actor: Any, kpi: Kpi) -> None:
    region = kpi.initiative.region
    _require_editor(actor, region)
    _delete(actor, kpi, "masterplan.kpi.delete", region)


# ----------------------------------------------------------------- prioritisation


def do_set_ahp_weights(
    actor: Any, region: Region, judgements: Mapping[tuple[str, str], str]
) -> ahp.AhpResult:
    """Weights from pairwise judgements (Saaty 1–9); stored with the judgements. Warns, never refuses,
    when CR ≥ 0.10 (the page names the judgements to revisit)."""
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    try:
        result = ahp.analyse(ahp.matrix_from_judgements(CRITERIA_IDS, judgements))
    except ahp.AhpError as error:
        raise ValidationError(_("The comparisons are incomplete or invalid: %(e)s") % {"e": error}) from None
    before = snapshot(masterplan, ["weight_method", "judgements", "weights"])
    masterplan.weight_method = "ahp"
    masterplan.judgements = {f"{a}|{b}": str(v) for (a, b), v in judgements.items()}
    masterplan.weights = result.weights()
    with transaction.atomic():
        masterplan.save(update_fields=["weight_method", "judgements", "weights"])
        record(
            actor,
            "masterplan.weights",
            masterplan,
            before=before,
            after=snapshot(masterplan, ["weight_method", "judgements", "weights"]),
            region=region,
        )
    return result


def do_set_direct_weights(actor: Any, region: Region, weights: Mapping[str, Decimal]) -> Masterplan:
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    if set(weights) != set(CRITERIA_IDS) or any(w < 0 for w in weights.values()):
        raise ValidationError(_("Give every criterion a weight of 0 or more."))
    total = sum(weights.values(), Decimal(0))
    if total <= 0:
        raise ValidationError(_("At least one weight must be above 0."))
    before = snapshot(masterplan, ["weight_method", "judgements", "weights"])
    masterplan.weight_method = "direct"
    masterplan.weights = {key: float(value / total) for key, value in weights.items()}
    with transaction.atomic():
        masterplan.save(update_fields=["weight_method", "weights"])
        record(
            actor,
            "masterplan.weights",
            masterplan,
            before=before,
            after=snapshot(masterplan, ["weight_method", "judgements", "weights"]),
            region=region,
        )
    return masterplan


def do_set_scores(actor: Any, region: Region, scores: Mapping[int, Mapping[str, float]]) -> None:
    """Scores per initiative id and criterion (1–5; cost is taken from the budget)."""
    _require_editor(actor, region)
    initiatives = {i.pk: i for i in Initiative.objects.filter(region=region, pk__in=list(scores))}
    if len(initiatives) != len(scores):
        raise ValidationError(_("Choose initiatives of this region."))
    for values in scores.values():
        if any(not 1 <= float(v) <= 5 for v in values.values()):
            raise ValidationError(_("Scores run from 1 (low) to 5 (high)."))
    with transaction.atomic():
        for pk, values in scores.items():
            initiative = initiatives[pk]
            before = {"scores": initiative.scores}
            initiative.scores = {k: float(v) for k, v in values.items()}
            initiative.save(update_fields=["scores"])
            record(
                actor,
                "masterplan.scores",
                initiative,
                before=before,
                after={"scores": initiative.scores},
                region=region,
            )


# ----------------------------------------------------------------- roadmap


def do_set_roadmap_constraints(
    actor: Any,
    region: Region,
    *,
    budget_ceilings: Mapping[int, Decimal],
    source_ceilings: Mapping[str, Mapping[int, Decimal]],
    opd_capacity: int,
    opd_capacities: Mapping[int, int | None] | None = None,
) -> Masterplan:
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    if opd_capacity < 1:
        raise ValidationError({"opd_capacity": _("An OPD must be able to run at least one initiative.")})
    capacities = {pk: n for pk, n in (opd_capacities or {}).items() if n is not None}
    if any(n < 1 for n in capacities.values()):
        raise ValidationError(_("An OPD must be able to run at least one initiative."))
    if set(capacities) - set(region.opds.values_list("pk", flat=True)):
        raise ValidationError(_("Choose an OPD of this region."))
    for amount in [*budget_ceilings.values(), *(v for s in source_ceilings.values() for v in s.values())]:
        if amount is not None and amount < 0:
            raise ValidationError(_("Budget ceilings cannot be negative."))
    fields = ["budget_ceilings", "source_ceilings", "opd_capacity", "opd_capacities"]
    before = snapshot(masterplan, fields)
    masterplan.budget_ceilings = {str(y): str(a) for y, a in budget_ceilings.items() if a is not None}
    masterplan.source_ceilings = {
        source: {str(y): str(a) for y, a in years.items() if a is not None}
        for source, years in source_ceilings.items()
        if any(a is not None for a in years.values())
    }
    masterplan.opd_capacity = opd_capacity
    masterplan.opd_capacities = {str(pk): n for pk, n in sorted(capacities.items())}
    with transaction.atomic():
        masterplan.save(update_fields=fields)
        record(
            actor,
            "masterplan.roadmap_constraints",
            masterplan,
            before=before,
            after=snapshot(masterplan, fields),
            region=region,
        )
    return masterplan


def do_pin_start(actor: Any, initiative: Initiative, year: int | None) -> Initiative:
    region = initiative.region
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    if (
        year is not None
        and not masterplan.period_start <= year <= masterplan.period_end - initiative.duration + 1
    ):
        raise ValidationError(
            {
                "year": _("%(code)s runs %(n)s year(s); pin a start between %(a)s and %(b)s.")
                % {
                    "code": initiative.code,
                    "n": initiative.duration,
                    "a": masterplan.period_start,
                    "b": masterplan.period_end - initiative.duration + 1,
                }
            }
        )
    before = snapshot(initiative, ["pinned_start_year"])
    initiative.pinned_start_year = year
    with transaction.atomic():
        initiative.save(update_fields=["pinned_start_year"])
        record(
            actor,
            "masterplan.pin",
            initiative,
            before=before,
            after=snapshot(initiative, ["pinned_start_year"]),
            region=region,
        )
    return initiative


def do_start_roadmap_run(actor: Any, region: Region, *, time_limit: float = 10.0) -> RoadmapRun:
    """Build the roadmap instance from the region's records and optimise it in the background."""
    from kotacerdas.planning.roadmap import build_instance
    from kotacerdas.planning.tasks import run_roadmap

    _require_editor(actor, region)
    if not 1 <= time_limit <= 120:
        raise ValidationError({"time_limit": _("The time limit must be between 1 and 120 seconds.")})
    built = build_instance(region)
    run = RoadmapRun(
        region=region,
        created_by=actor,
        instance=built.document,
        details=built.details,
        inputs_hash=built.inputs_hash(time_limit),
        time_limit=time_limit,
    )
    with transaction.atomic():
        run.save()
        record(
            actor,
            "masterplan.roadmap.run",
            run,
            before=None,
            after={"inputs_hash": run.inputs_hash, "time_limit": time_limit},
            region=region,
        )
        transaction.on_commit(lambda: run_roadmap.enqueue(run.pk))
    return run


# ----------------------------------------------------------------- quick wins


def do_set_quick_win_criteria(
    actor: Any,
    region: Region,
    *,
    max_years: int,
    cost_ceiling: Decimal | None,
    citizen_benefit: bool,
    min_readiness: Decimal | None,
) -> Masterplan:
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    if not 1 <= max_years <= 5:
        raise ValidationError({"max_years": _("Quick Wins finish within 1 to 5 years.")})
    fields = ["qw_max_years", "qw_cost_ceiling", "qw_citizen_benefit", "qw_min_readiness"]
    before = snapshot(masterplan, fields)
    masterplan.qw_max_years, masterplan.qw_cost_ceiling = max_years, cost_ceiling
    masterplan.qw_citizen_benefit, masterplan.qw_min_readiness = citizen_benefit, min_readiness
    with transaction.atomic():
        _save(actor, masterplan, "masterplan.quick_win_criteria", region, before)
    return masterplan


def do_select_quick_win(actor: Any, initiative: Initiative, *, year: int) -> QuickWin:
    region = initiative.region
    _require_editor(actor, region)
    masterplan = require_masterplan(region)
    if year not in masterplan.years[:2]:
        raise ValidationError(
            {"year": _("Quick Wins are chosen for the first or second year of the period.")}
        )
    if QuickWin.objects.filter(initiative=initiative).exists():
        raise ValidationError(_("%(code)s is already a Quick Win.") % {"code": initiative.code})
    quick_win = QuickWin(
        region=region, initiative=initiative, year=year, owner=initiative.owner, brand=initiative.name
    )
    with transaction.atomic():
        _save(actor, quick_win, "masterplan.quick_win.select", region, None)
    return quick_win


def do_save_quick_win_profile(actor: Any, quick_win: QuickWin, **fields: Any) -> QuickWin:
    region = quick_win.region
    _require_editor(actor, region)
    _check_opds(region, [fields.get("owner")], "owner")
    masterplan = require_masterplan(region)
    if "year" in fields and fields["year"] not in masterplan.years[:2]:
        raise ValidationError(
            {"year": _("Quick Wins are chosen for the first or second year of the period.")}
        )
    before = snapshot(quick_win)
    for name, value in fields.items():
        setattr(quick_win, name, value.strip() if isinstance(value, str) else value)
    with transaction.atomic():
        _save(actor, quick_win, "masterplan.quick_win.save", region, before)
    return quick_win


def do_remove_quick_win(actor: Any, quick_win: QuickWin) -> None:
    _require_editor(actor, quick_win.region)
    _delete(actor, quick_win, "masterplan.quick_win.remove", quick_win.region)


def do_add_risk(actor: Any, quick_win: QuickWin, **fields: Any) -> Risk:
    region = quick_win.region
    _require_editor(actor, region)
    for name in ("likelihood", "impact"):
        if not 1 <= int(fields.get(name) or 0) <= 5:
            raise ValidationError({name: _("Use a value from 1 (very low) to 5 (very high).")})
    risk = Risk(quick_win=quick_win, **fields)
    with transaction.atomic():
        _save(actor, risk, "masterplan.risk.add", region, None)
    return risk


def do_delete_risk(actor: Any, risk: Risk) -> None:
    region = risk.quick_win.region
    _require_editor(actor, region)
    _delete(actor, risk, "masterplan.risk.delete", region)

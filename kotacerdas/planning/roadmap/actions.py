"""Writes of the roadmap: its constraints, pinned starts and optimiser runs."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, save_audited
from kotacerdas.audit.versioning import require_version
from kotacerdas.core.formatting import rupiah
from kotacerdas.planning.checks import TargetsOutsidePlan, kpi_targets_outside_plan, source_name
from kotacerdas.planning.common import require_editor, require_masterplan
from kotacerdas.planning.models import (
    AdoptedItem,
    AdoptedPlan,
    BudgetLine,
    Initiative,
    Kpi,
    Masterplan,
    RoadmapRun,
)
from kotacerdas.planning.roadmap.instance import RECIPE_VERSION, build_instance
from kotacerdas.planning.roadmap.plan import cost_at, dropped_reasons, live_initiatives, whole_rupiah
from kotacerdas.planning.roadmap.tasks import run_roadmap
from kotacerdas.regions.models import Region
from kotacerdas.web.params import parse_int


def do_set_roadmap_constraints(
    actor: User,
    region: Region,
    *,
    budget_ceilings: Mapping[int, Decimal | None],
    source_ceilings: Mapping[str, Mapping[int, Decimal | None]],
    opd_capacity: int,
    opd_capacities: Mapping[int, int | None] | None = None,
) -> Masterplan:
    require_editor(actor, region)
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
    _check_source_ceilings(budget_ceilings, source_ceilings)
    changes = {
        "budget_ceilings": {str(y): str(a) for y, a in budget_ceilings.items() if a is not None},
        "source_ceilings": {
            source: {str(y): str(a) for y, a in years.items() if a is not None}
            for source, years in source_ceilings.items()
            if any(a is not None for a in years.values())
        },
        "opd_capacity": opd_capacity,
        "opd_capacities": {str(pk): n for pk, n in sorted(capacities.items())},
    }
    save_audited(actor, "masterplan.roadmap_constraints", masterplan, changes, region=region)
    return masterplan


def _check_source_ceilings(
    budget_ceilings: Mapping[int, Decimal | None], source_ceilings: Mapping[str, Mapping[int, Decimal | None]]
) -> None:
    """A source's pagu above the year's total pagu can never be used: most likely a mistyped amount."""
    errors = [
        _("The %(source)s ceiling for %(year)s (%(amount)s) is larger than the total ceiling (%(total)s).")
        % {"source": source_name(source), "year": year, "amount": rupiah(amount), "total": rupiah(total)}
        for source, years in source_ceilings.items()
        for year, amount in sorted(years.items())
        if amount is not None and (total := budget_ceilings.get(year)) is not None and amount > total
    ]
    if errors:
        raise ValidationError(errors)


def do_pin_start(actor: User, initiative: Initiative, year: int | None) -> Initiative:
    """Fix (or with None, free) the year the roadmap must start the initiative in."""
    region = initiative.region
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    last_start = masterplan.period_end - initiative.duration + 1
    if year is not None and not masterplan.period_start <= year <= last_start:
        raise ValidationError(
            {
                "year": _("%(code)s runs %(n)s year(s); pin a start between %(a)s and %(b)s.")
                % {
                    "code": initiative.code,
                    "n": initiative.duration,
                    "a": masterplan.period_start,
                    "b": last_start,
                }
            }
        )
    save_audited(actor, "masterplan.pin", initiative, {"pinned_start_year": year}, region=region)
    return initiative


def do_start_roadmap_run(actor: User, region: Region, *, time_limit: float = 10.0) -> RoadmapRun:
    """Build the roadmap instance from the region's records and optimise it in the background."""
    require_editor(actor, region)
    if not 1 <= time_limit <= 120:
        raise ValidationError({"time_limit": _("The time limit must be between 1 and 120 seconds.")})
    live = Initiative.objects.filter(region=region).exclude(status=Initiative.Status.CANCELLED)
    if not live.exists():  # nothing to schedule: say so, not "the roadmap cannot be computed from this data"
        raise ValidationError(
            _("There are no initiatives to schedule yet: add the masterplan's initiatives first.")
        )
    # records saved before durations were checked: name them here, not as the optimiser's English error
    broken = live.filter(duration__lt=1)
    if broken.exists():
        raise ValidationError(
            _("Give %(codes)s a duration of at least 1 year first.")
            % {"codes": ", ".join(broken.values_list("code", flat=True))}
        )
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


ADOPTABLE = ("optimal", "feasible")
HAND_EDITED_RECIPE = "planning-hand-edited/1"


def do_adopt_roadmap_run(actor: User, run: RoadmapRun) -> AdoptedPlan:
    """Adopt a finished run as the plan of record: the initiatives take its start years and pins.

    Refused for a run of another region's records, an unfinished run or one without a schedule, and a
    run whose inputs changed since (its schedule answers another question). The previous plan is
    superseded in the same transaction.
    """
    region = run.region
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    result = run.result or {}
    if run.state != RoadmapRun.State.DONE or result.get("status") not in ADOPTABLE:
        raise ValidationError(_("Only a finished roadmap run with a schedule can be adopted."))
    if _canonical(build_instance(region).document) != _canonical(run.instance):
        raise ValidationError(
            _(
                "The initiatives or constraints changed after this run; "
                "run the optimiser again and adopt the new run."
            )
        )
    schedule = {code: int(year) for code, year in (result.get("schedule_years") or {}).items()}
    start = int(run.instance["start_year"])
    pins = {
        i["id"]: start + int(i["pinned_start"]) for i in run.instance["initiatives"] if "pinned_start" in i
    }
    reasons = dropped_reasons(run)  # stored as worded now; readers word them again from the run
    recipe = {
        "recipe": RECIPE_VERSION,
        "run": run.pk,
        "solver": run.solver,
        "time_limit": run.time_limit,
        "status": result.get("status"),
        "objective": result.get("objective"),
    }
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()  # one adoption at a time
        initiatives = live_initiatives(region)
        for initiative in initiatives:
            if initiative.code in schedule:
                _move_initiative(actor, initiative, schedule[initiative.code], pins.get(initiative.code))
        items = [
            _item(i, schedule.get(i.code), reasons.get(i.code) or _("Not scheduled by the optimiser."))
            for i in live_initiatives(region)
        ]
        return _replace_plan(actor, masterplan, items, run=run, recipe=recipe, input_hash=run.inputs_hash)


def _canonical(document: dict[str, Any]) -> str:
    return json.dumps(document, sort_keys=True)


def do_confirm_schedule(actor: User, region: Region) -> AdoptedPlan:
    """Adopt the initiatives' entered start years (a hand-edited schedule) as the plan of record."""
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()
        initiatives = live_initiatives(region)
        if not initiatives:
            raise ValidationError(_("There are no initiatives to adopt yet."))
        items = [_item(i, i.start_year, "") for i in initiatives]
        content = {
            "items": [[i.code, i.start_year, i.duration, i.cost, sorted(i.predecessors)] for i in items],
            "ceilings": [masterplan.budget_ceilings, masterplan.source_ceilings],
        }
        digest = hashlib.sha256(json.dumps(content, sort_keys=True, default=str).encode()).hexdigest()
        recipe = {"recipe": HAND_EDITED_RECIPE}
        return _replace_plan(actor, masterplan, items, run=None, recipe=recipe, input_hash=digest)


def _move_initiative(actor: User, initiative: Initiative, start_year: int, pinned: int | None) -> None:
    """Start the initiative in ``start_year`` with its budget lines moved along (audited)."""
    delta = start_year - initiative.start_year
    if delta:
        lines = list(initiative.budget_lines.all())
        BudgetLine.objects.filter(pk__in=[line.pk for line in lines]).delete()
        for line in lines:
            line.pk = None
            line.year += delta
        BudgetLine.objects.bulk_create(lines)
    changes = {"start_year": start_year, "pinned_start_year": pinned}
    if any(getattr(initiative, name) != value for name, value in changes.items()):
        save_audited(actor, "masterplan.adopt.initiative", initiative, changes, region=initiative.region)


def _item(initiative: Initiative, start_year: int | None, reason: str) -> AdoptedItem:
    return AdoptedItem(
        initiative=initiative,
        code=initiative.code,
        name=initiative.name,
        dimension=initiative.dimension,
        owner=initiative.owner.short_name or initiative.owner.name,
        start_year=start_year,
        duration=initiative.duration,
        pinned_start_year=initiative.pinned_start_year,
        cost=cost_at(initiative, start_year) if start_year is not None else {},
        predecessors=sorted(p.code for p in initiative.predecessors.all()),
        reason="" if start_year is not None else reason,
    )


def _replace_plan(
    actor: User,
    masterplan: Masterplan,
    items: list[AdoptedItem],
    *,
    run: RoadmapRun | None,
    recipe: dict[str, Any],
    input_hash: str,
) -> AdoptedPlan:
    """Supersede the current plan and store the new one (call inside the action's transaction)."""
    region = masterplan.region
    now = timezone.now()
    AdoptedPlan.objects.filter(region=region, superseded_at__isnull=True).update(superseded_at=now)
    plan = AdoptedPlan.objects.create(
        region=region,
        masterplan=masterplan,
        run=run,
        adopted_by=actor,
        adopted_at=now,
        recipe=recipe,
        input_hash=input_hash,
        period_start=masterplan.period_start,
        period_end=masterplan.period_end,
        ceilings=whole_rupiah(masterplan.budget_ceilings),
        source_ceilings={
            s: whole_rupiah(v) for s, v in masterplan.source_ceilings.items() if whole_rupiah(v)
        },
    )
    for item in items:
        item.plan = plan
    AdoptedItem.objects.bulk_create(items)
    schedule = {item.code: item.start_year for item in items}
    after = {"run": run.pk if run else None, "recipe": recipe, "input_hash": input_hash, "schedule": schedule}
    record(actor, "masterplan.adopt", plan, before=None, after=after, region=region)
    return plan


def do_shift_kpi_targets(
    actor: User,
    region: Region,
    *,
    plan_id: int,
    versions: Mapping[int, int],
    initiative: Initiative | None = None,
) -> list[Kpi]:
    """Move the yearly targets of the KPIs outside the adopted roadmap (of one initiative, or all) by
    the years the adopted plan moved their initiative: adopted start − the start they were set for.

    ``plan_id`` and ``versions`` ({KPI id: version}) are what the person's page showed: refused when the
    roadmap was adopted again since, or a KPI changed, appeared or was deleted since (nothing is shifted
    by a difference the person did not see). Refused as a whole, with a reason per KPI, when a target
    would leave the masterplan period, or when no flagged KPI can follow the roadmap by shifting."""
    require_editor(actor, region)
    masterplan = require_masterplan(region)
    with transaction.atomic():
        Region.objects.select_for_update().filter(pk=region.pk).first()  # no adoption meanwhile
        current = AdoptedPlan.objects.filter(region=region, superseded_at__isnull=True).first()
        if current is None or current.pk != plan_id:
            raise ValidationError(
                _(
                    "The roadmap was adopted again after you opened this page; "
                    "reload the page and check the targets."
                )
            )
        seen = {kpi.pk: kpi for kpi in Kpi.objects.filter(pk__in=list(versions), initiative__region=region)}
        for pk, version in versions.items():
            if pk not in seen:
                raise ValidationError(
                    _("A KPI was deleted after you opened this page; reload the page and check the targets.")
                )
            require_version(seen[pk], version)
        flagged = [o for o in kpi_targets_outside_plan(region, initiative=initiative) if o.shift is not None]
        if {o.kpi.pk for o in flagged} != set(versions):
            raise ValidationError(
                _("The KPI targets changed after you opened this page; reload the page and check them.")
            )
        if not flagged:
            raise ValidationError(_("No KPI targets can be shifted to follow the adopted roadmap."))
        shifted = {o.kpi.pk: _shifted(o, masterplan.years) for o in flagged}
        errors = [
            _shift_refusal(o, int(year), int(year) + (o.shift or 0), masterplan)
            for o in flagged
            for year in shifted[o.kpi.pk][1]
        ]
        if errors:
            raise ValidationError(errors)
        for o in flagged:
            changes = {"targets": shifted[o.kpi.pk][0], "targets_start_year": o.adopted_start}
            save_audited(actor, "masterplan.kpi.shift_targets", o.kpi, changes, region=region)
    return [o.kpi for o in flagged]


def _shifted(outside: TargetsOutsidePlan, period: list[int]) -> tuple[dict[str, str], list[str]]:
    """The KPI's targets moved by its shift, and the years whose target would leave the period."""
    shift = outside.shift or 0
    years = {y: parse_int(str(y)) for y in outside.kpi.targets}  # a key that is no year stays as it is
    targets = {y if n is None else str(n + shift): outside.kpi.targets[y] for y, n in years.items()}
    leaving = [y for y, n in years.items() if n is not None and n + shift not in period]
    return dict(sorted(targets.items())), leaving


def _shift_refusal(outside: TargetsOutsidePlan, year: int, new: int, masterplan: Masterplan) -> str:
    return _(
        "%(code)s, KPI “%(kpi)s”: the %(year)s target would move to %(new)s, outside the masterplan "
        "period (%(first)s–%(last)s). Nothing was shifted; correct these targets by hand on the "
        "initiative's page."
    ) % {
        "code": outside.initiative.code,
        "kpi": outside.kpi.name,
        "year": year,
        "new": new,
        "first": masterplan.period_start,
        "last": masterplan.period_end,
    }


def shifted_message(kpis: list[Kpi]) -> str:
    return ngettext(
        "The targets of %(n)d KPI now follow the adopted roadmap.",
        "The targets of %(n)d KPIs now follow the adopted roadmap.",
        len(kpis),
    ) % {"n": len(kpis)}

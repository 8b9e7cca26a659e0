"""The plan of record: the region's adopted schedule as the pure ``PlanOfRecord`` every reader uses.

Readers (the roadmap and region pages, the books, the exports, the API) call :func:`plan_of_record`;
nobody reads an initiative's entered start year as "the plan". What changed since adoption is computed
here by comparing the adopted snapshot with the live initiatives, so it cannot drift.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db.models import Prefetch
from django.utils.translation import gettext as _

from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord, UnscheduledInitiative
from kotacerdas.planning import reports
from kotacerdas.planning.models import AdoptedItem, AdoptedPlan, BudgetLine, Initiative, RoadmapRun
from kotacerdas.regions.models import Region

Cost = dict[str, dict[str, int]]  # {"APBD": {"2026": 350000000}} as stored


def current_adopted_plan(region: Region) -> AdoptedPlan | None:
    """The region's plan of record as stored (not superseded), or None when nothing was adopted."""
    return (
        AdoptedPlan.objects.filter(region=region, superseded_at__isnull=True)
        .select_related("adopted_by")
        .prefetch_related(Prefetch("items", queryset=AdoptedItem.objects.order_by("code")))
        .first()
    )


def live_initiatives(region: Region) -> list[Initiative]:
    return list(
        Initiative.objects.filter(region=region)
        .exclude(status=Initiative.Status.CANCELLED)
        .select_related("owner")
        .prefetch_related("predecessors", Prefetch("budget_lines", queryset=BudgetLine.objects.all()))
    )


def cost_at(initiative: Initiative, start_year: int) -> Cost:
    """The initiative's budget lines moved to run from ``start_year`` (whole rupiah, per source and year).

    Lines outside the initiative's running years are left out, as the optimiser leaves them out.
    """
    cost: Cost = {}
    for line in initiative.budget_lines.all():
        offset = line.year - initiative.start_year
        if 0 <= offset < initiative.duration and line.amount:
            per_year = cost.setdefault(line.source, {})
            year = str(start_year + offset)
            per_year[year] = per_year.get(year, 0) + int(line.amount)
    return {source: dict(sorted(years.items())) for source, years in sorted(cost.items())}


def whole_rupiah(values: Mapping[str, Any]) -> dict[str, int]:
    """Stored ceilings ({"2026": "1500000000"}) as whole rupiah; empty values are no ceiling."""
    return {str(y): int(float(v)) for y, v in sorted(values.items()) if v not in (None, "")}


def plan_of_record(region: Region, *, with_changes: bool = True) -> PlanOfRecord | None:
    """The adopted schedule of ``region`` with what changed since, or None when nothing was adopted.

    ``with_changes=False`` leaves ``changes_since_adoption`` empty and the unscheduled reasons as stored at
    adoption: a reader of the adopted schedule only (monitoring's pagu) need not load every live initiative
    with its budget lines and predecessors, nor the adopted run to word the reasons in its language."""
    adopted = current_adopted_plan(region)
    if adopted is None:
        return None
    items = list(adopted.items.all())
    scheduled = [item for item in items if item.start_year is not None]
    unscheduled = [item for item in items if item.start_year is None]
    if with_changes:
        reasons = unscheduled_reasons(adopted, unscheduled)
    else:
        reasons = {item.code: item.reason for item in unscheduled}
    return PlanOfRecord(
        adopted_at=adopted.adopted_at,
        adopted_by=adopted.adopted_by.get_full_name() or adopted.adopted_by.get_username(),
        run_id=adopted.run_id,
        input_hash=adopted.input_hash,
        period=(adopted.period_start, adopted.period_end),
        ceilings={int(y): int(v) for y, v in adopted.ceilings.items()},
        source_ceilings={
            source: {int(y): int(v) for y, v in years.items()}
            for source, years in adopted.source_ceilings.items()
        },
        initiatives=tuple(_planned(item) for item in sorted(scheduled, key=lambda i: (i.start_year, i.code))),
        unscheduled=tuple(
            UnscheduledInitiative(code=i.code, name=i.name, reason=reasons[i.code])
            for i in items
            if i.start_year is None
        ),
        changes_since_adoption=(
            tuple(changes_since(adopted, items, live_initiatives(region))) if with_changes else ()
        ),
    )


def unscheduled_reasons(adopted: AdoptedPlan, items: list[AdoptedItem]) -> dict[str, str]:
    """Why each unscheduled item is out of the plan, in the active language when the adopted run is kept
    (it holds the facts); the sentence stored at adoption, in the adopter's language, otherwise."""
    if not items or adopted.run is None:  # the run is read only when something is left out
        return {item.code: item.reason for item in items}
    dropped = dropped_reasons(adopted.run)
    return {item.code: dropped.get(item.code) or _("Not scheduled by the optimiser.") for item in items}


def dropped_reasons(run: RoadmapRun) -> dict[str, str]:
    """Why the run leaves each dropped initiative out of the plan, in the active language."""
    # each reason is a sentence of its own ("… is used up. The …"), not an item of a list
    return {o["code"]: " ".join(o["reasons"]) for o in reports.outcomes(run) if o["outcome"] == "dropped"}


def _planned(item: AdoptedItem) -> PlannedInitiative:
    assert item.start_year is not None  # only scheduled items are planned
    return PlannedInitiative(
        code=item.code,
        name=item.name,
        dimension=item.dimension,
        owner=item.owner,
        start_year=item.start_year,
        end_year=item.start_year + item.duration - 1,
        cost_by_source={
            source: {int(y): int(v) for y, v in years.items()} for source, years in item.cost.items()
        },
        predecessors=tuple(item.predecessors),
    )


def changes_since(adopted: AdoptedPlan, items: Iterable[AdoptedItem], live: list[Initiative]) -> list[str]:
    """Sentences (active language) naming what differs between the adopted snapshot and the records."""
    by_id = {initiative.pk: initiative for initiative in live}
    changes: list[str] = []
    seen: set[int] = set()
    for item in items:
        initiative = by_id.get(item.initiative_id) if item.initiative_id else None
        if initiative is None:
            changes.append(_("%(code)s was deleted or cancelled after adoption.") % {"code": item.code})
            continue
        seen.add(initiative.pk)
        changes.extend(_item_changes(item, initiative))
    for initiative in sorted(live, key=lambda i: i.code):
        if initiative.pk not in seen:
            changes.append(_("%(code)s was added after adoption.") % {"code": initiative.code})
    return changes


def _item_changes(item: AdoptedItem, initiative: Initiative) -> list[str]:
    code = initiative.code
    changes = []
    if item.start_year is not None and initiative.start_year != item.start_year:
        changes.append(
            _("%(code)s: start year %(old)s → %(new)s.")
            % {"code": code, "old": item.start_year, "new": initiative.start_year}
        )
    if item.name and initiative.name != item.name:  # the plan keeps the name it was adopted with
        changes.append(
            _("%(code)s: renamed “%(old)s” → “%(new)s”.")
            % {"code": code, "old": item.name, "new": initiative.name}
        )
    if initiative.duration != item.duration:
        changes.append(
            _("%(code)s: duration %(old)s → %(new)s years.")
            % {"code": code, "old": item.duration, "new": initiative.duration}
        )
    start = item.start_year if item.start_year is not None else initiative.start_year
    if item.start_year is not None and cost_at(initiative, start) != item.cost:
        changes.append(_("%(code)s: budget lines changed.") % {"code": code})
    if sorted(p.code for p in initiative.predecessors.all()) != sorted(item.predecessors):
        changes.append(_("%(code)s: predecessors changed.") % {"code": code})
    return changes

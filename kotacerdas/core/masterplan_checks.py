"""Consistency checks of a masterplan's initiatives, before anything is saved.

Pure functions over plain values. Each finding is a :class:`Finding` with a
stable ``kind`` and the values a message needs, so the web layer can phrase
it in Bahasa Indonesia:

* ``cycle`` - predecessors form a cycle (``path`` lists the codes around it);
* ``unknown_predecessor`` - a predecessor code that is not in the plan;
* ``start_before_period`` / ``end_after_period`` - the initiative does not fit the period;
* ``budget_outside_years`` - a budget row in a year the initiative does not run;
* ``budget_total_mismatch`` - the rows do not add up to the declared total;
* ``budget_negative`` - a negative amount;
* ``predecessor_not_finished`` - starts before a predecessor finishes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from kotacerdas.core.plan import PlanOfRecord


@dataclass(frozen=True)
class PlannedInitiative:
    code: str
    start_year: int
    duration: int
    predecessors: tuple[str, ...] = ()
    # (year, source) -> amount
    budget: Mapping[tuple[int, str], Decimal] = field(default_factory=dict)
    total_cost: Decimal | None = None  # declared total; None = not declared

    @property
    def end_year(self) -> int:
        return self.start_year + self.duration - 1


@dataclass(frozen=True)
class Finding:
    kind: str
    code: str  # the initiative concerned ("" for plan-wide findings)
    values: Mapping[str, object] = field(default_factory=dict)


def find_cycle(edges: Mapping[str, Iterable[str]]) -> list[str] | None:
    """A cycle in ``node -> predecessors`` as a closed path [a, b, ..., a], or None."""
    state: dict[str, int] = {}
    stack: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        stack.append(node)
        for nxt in edges.get(node, ()):
            if state.get(nxt) == 1:
                return [*stack[stack.index(nxt) :], nxt]
            if nxt not in state and nxt in edges:
                found = visit(nxt)
                if found:
                    return found
        stack.pop()
        state[node] = 2
        return None

    for node in sorted(edges):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def check_initiative(item: PlannedInitiative, period: tuple[int, int]) -> list[Finding]:
    """Findings about one initiative on its own: period fit and budget rows."""
    first, last = period
    findings: list[Finding] = []
    if item.start_year < first:
        findings.append(Finding("start_before_period", item.code, {"start": item.start_year, "first": first}))
    if item.end_year > last:
        findings.append(Finding("end_after_period", item.code, {"end": item.end_year, "last": last}))
    for (year, source), amount in sorted(item.budget.items()):
        if amount < 0:
            findings.append(Finding("budget_negative", item.code, {"year": year, "source": source}))
        if amount and not item.start_year <= year <= item.end_year:
            findings.append(
                Finding(
                    "budget_outside_years",
                    item.code,
                    {"year": year, "source": source, "start": item.start_year, "end": item.end_year},
                )
            )
    total = sum(item.budget.values(), Decimal(0))
    if item.total_cost is not None and total != item.total_cost:
        findings.append(
            Finding("budget_total_mismatch", item.code, {"rows": total, "declared": item.total_cost})
        )
    return findings


def check_plan(items: Sequence[PlannedInitiative], period: tuple[int, int]) -> list[Finding]:
    """Every finding of the plan: each initiative's own, then the dependency graph."""
    findings = [finding for item in items for finding in check_initiative(item, period)]
    by_code = {item.code: item for item in items}
    for item in items:
        for predecessor in item.predecessors:
            if predecessor not in by_code:
                findings.append(Finding("unknown_predecessor", item.code, {"predecessor": predecessor}))
            elif by_code[predecessor].end_year >= item.start_year:
                findings.append(
                    Finding(
                        "predecessor_not_finished",
                        item.code,
                        {"predecessor": predecessor, "finish": by_code[predecessor].end_year},
                    )
                )
    cycle = find_cycle({item.code: item.predecessors for item in items})
    if cycle:
        findings.append(Finding("cycle", "", {"path": tuple(cycle)}))
    return findings


def check_plan_of_record(plan: PlanOfRecord) -> list[Finding]:
    """What stops a book version printing ``plan`` from being approved (the approval's blocking checks).

    * ``ceiling_exceeded`` (year, planned, ceiling) - the year's planned spend is over the yearly pagu;
    * ``source_ceiling_exceeded`` (source, year, planned, ceiling) - the same for one funding source;
    * ``predecessor_not_finished`` (predecessor, start, finish) - starts before a predecessor ends;
    * ``predecessor_not_scheduled`` (predecessor) - its predecessor is not in the plan;
    * ``start_before_period`` / ``end_after_period`` - it does not fit the masterplan period.
    """
    findings: list[Finding] = []
    for year, total in plan.totals_by_year().items():
        ceiling = plan.ceilings.get(year)
        if ceiling is not None and total > ceiling:
            findings.append(
                Finding("ceiling_exceeded", "", {"year": year, "planned": total, "ceiling": ceiling})
            )
    for source, per_year in sorted(plan.totals_by_source().items()):
        for year, total in per_year.items():
            ceiling = plan.source_ceilings.get(source, {}).get(year)
            if ceiling is not None and total > ceiling:
                values = {"source": source, "year": year, "planned": total, "ceiling": ceiling}
                findings.append(Finding("source_ceiling_exceeded", "", values))
    scheduled = {item.code: item for item in plan.initiatives}
    first, last = plan.period
    for item in plan.initiatives:
        if item.start_year < first:
            findings.append(
                Finding("start_before_period", item.code, {"start": item.start_year, "first": first})
            )
        if item.end_year > last:
            findings.append(Finding("end_after_period", item.code, {"end": item.end_year, "last": last}))
        for code in item.predecessors:
            before = scheduled.get(code)
            if before is None:
                findings.append(Finding("predecessor_not_scheduled", item.code, {"predecessor": code}))
            elif item.start_year <= before.end_year:
                values = {"predecessor": code, "start": item.start_year, "finish": before.end_year}
                findings.append(Finding("predecessor_not_finished", item.code, values))
    return findings

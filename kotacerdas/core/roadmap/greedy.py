"""The greedy baseline: best benefit per rupiah first, each at its earliest feasible start.

Must-run initiatives (mandatory, pinned, and what they depend on) are placed
first in dependency order; the rest follow by benefit/cost, repeating passes so
that a successor skipped because its predecessor was not yet placed gets
another chance. It is the yardstick the optimiser is measured against and the
optimiser's warm start.
"""

from __future__ import annotations

from kotacerdas.core.roadmap.instance import Initiative, RoadmapInstance, topological_order
from kotacerdas.core.roadmap.ledger import Ledger, must_run_ids, start_windows


def greedy_schedule(instance: RoadmapInstance) -> dict[str, int]:
    """A feasible schedule (possibly missing must-run initiatives that did not fit)."""
    windows = start_windows(instance)
    ledger = Ledger(instance)
    must_run = must_run_ids(instance)
    for initiative in topological_order(instance):
        if initiative.id in must_run:
            _place_earliest(ledger, initiative, windows[initiative.id])
    remaining = sorted(
        (i for i in instance.initiatives if i.id not in must_run),
        key=lambda i: (-_benefit_per_cost(i), -i.benefit, i.id),
    )
    placed_any = True
    while placed_any:
        placed_any = False
        for initiative in list(remaining):
            if not all(p in ledger.schedule for p in initiative.predecessors):
                continue
            remaining.remove(initiative)
            placed_any |= _place_earliest(ledger, initiative, windows[initiative.id])
    return dict(ledger.schedule)


def _place_earliest(ledger: Ledger, initiative: Initiative, window: range) -> bool:
    for start in window:
        if ledger.fits(initiative, start):
            ledger.place(initiative, start)
            return True
    return False


def _benefit_per_cost(initiative: Initiative) -> float:
    # Free initiatives come first: they cost nothing but capacity.
    return initiative.benefit / initiative.total_cost if initiative.total_cost > 0 else float("inf")

"""Large neighbourhood search (LNS) running beside the main HiGHS solve.

On large instances HiGHS proves a tight bound within a second or two, but its
incumbent improves slowly: at 300 initiatives the gap at 10 s is almost all on
the primal side. So while the main solve works on the bound, a second thread
runs LNS on the other core: take the best schedule known, free a slice of it
(the initiatives of a few OPDs, or every start inside a band of years), fix
everything else, and let a second HiGHS object re-optimise the slice for a
fraction of a second. A slice that solved to optimality grows next time; one
that hit its time limit shrinks.

The two share a :class:`SharedIncumbent`: the main solve publishes each
improving schedule it finds (``cbMipImprovingSolution``) and takes the LNS's
better ones through ``cbMipUserSolution``, which also lets it prune more.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Sequence

import highspy
import numpy as np

from kotacerdas.core.roadmap.model import TimeIndexedModel
from kotacerdas.core.roadmap.solver import load_model

# Rounds are short so that many neighbourhoods fit in a few seconds.
ROUND_SECONDS = 0.6
INITIAL_FREE_SHARE = 0.2
MIN_FREE_SHARE, MAX_FREE_SHARE = 0.08, 0.6
FEASIBLE = 2  # HiGHS primal_solution_status for a feasible solution


class SharedIncumbent:
    """The best column values known to either thread (a maximisation)."""

    def __init__(self, objective: Sequence[float], values: Sequence[float] | None) -> None:
        self._objective = np.asarray(objective, dtype=np.float64)
        self._lock = threading.Lock()
        self.values: np.ndarray | None = None
        self.value = float("-inf")
        self.stop = threading.Event()
        if values is not None:
            self.offer(values)

    def offer(self, values: Sequence[float] | np.ndarray) -> bool:
        rounded = np.round(np.asarray(values, dtype=np.float64))
        value = float(self._objective @ rounded)
        with self._lock:
            if value <= self.value + 1e-9 * max(1.0, abs(self.value)):
                return False
            self.values, self.value = rounded, value
            return True

    def snapshot(self) -> tuple[np.ndarray | None, float]:
        with self._lock:
            return self.values, self.value


def connect(highs: highspy.Highs, shared: SharedIncumbent) -> None:
    """Let the main solve publish its improving schedules and receive better LNS ones."""

    def publish(event: highspy.highs.HighsCallbackEvent) -> None:
        shared.offer(np.asarray(event.data_out.mip_solution))

    def receive(event: highspy.highs.HighsCallbackEvent) -> None:
        values, value = shared.snapshot()
        better = value > event.data_out.mip_primal_bound + 1e-9 * max(1.0, abs(value))
        if values is not None and better and event.data_in is not None:
            event.data_in.setSolution(values)

    highs.cbMipImprovingSolution.subscribe(publish)
    highs.cbMipUserSolution.subscribe(receive)


def run_lns(
    model: TimeIndexedModel,
    shared: SharedIncumbent,
    deadline: float,
    agency_of_column: Sequence[str],
    seed: int = 0,
) -> int:
    """Improve ``shared`` until ``deadline`` or ``shared.stop``; returns the number of rounds."""
    highs = load_model(model)
    highs.setOptionValue("mip_rel_gap", 1e-4)
    highs.setOptionValue("random_seed", seed)
    highs.setOptionValue("threads", 1)
    rng = random.Random(seed)
    count = len(model.columns)
    columns = np.arange(count, dtype=np.int32)
    agencies = sorted(set(agency_of_column))
    agency_array = np.asarray(agency_of_column)
    start_array = np.asarray([start for _, start in model.columns])
    horizon = int(start_array.max()) + 1 if count else 1
    share = INITIAL_FREE_SHARE
    rounds = 0
    while not shared.stop.is_set() and (left := deadline - time.perf_counter()) > 0.05:
        best, _ = shared.snapshot()
        if best is None:
            shared.stop.wait(0.05)
            continue
        if rounds % 2 == 0:
            free = _agency_slice(rng, agencies, agency_array, share, count)
        else:
            free = _year_slice(rng, start_array, horizon, share)
        rounds += 1
        highs.changeColsBounds(count, columns, np.where(free, 0.0, best), np.where(free, 1.0, best))
        highs.setOptionValue("time_limit", min(ROUND_SECONDS, left))
        highs.setSolution(count, columns, best)
        highs.run()
        if highs.getInfo().primal_solution_status == FEASIBLE:
            shared.offer(highs.getSolution().col_value)
        solved_fully = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
        share = min(MAX_FREE_SHARE, share * 1.15) if solved_fully else max(MIN_FREE_SHARE, share / 1.3)
        highs.clearSolver()
    return rounds


def _agency_slice(
    rng: random.Random, agencies: list[str], agency_array: np.ndarray, share: float, count: int
) -> np.ndarray:
    """Free every column of randomly chosen OPDs until about ``share`` of the columns are free."""
    order = list(agencies)
    rng.shuffle(order)
    free = np.zeros(count, dtype=bool)
    for agency in order:
        free |= agency_array == agency
        if free.sum() >= share * count:
            break
    return free


def _year_slice(rng: random.Random, start_array: np.ndarray, horizon: int, share: float) -> np.ndarray:
    """Free every start inside a random band of consecutive years (about ``share`` of the horizon)."""
    width = max(2, round(share * horizon * 1.5))
    first = rng.randrange(max(1, horizon - width + 1))
    return (start_array >= first) & (start_array < first + width)

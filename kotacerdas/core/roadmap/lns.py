"""Large neighbourhood search (LNS) running beside the main HiGHS solve.

On large instances HiGHS proves a tight bound within a second or two, but its
incumbent improves slowly: at 300 initiatives the gap at 10 s is almost all on
the primal side. So while the main solve works on the bound, a second thread
runs LNS on the other core: take the best schedule known, free every start in
a few years (alternately a band of consecutive years and years picked at
random), fix everything else, and let a second HiGHS object re-optimise those
years for a fraction of a second. A neighbourhood solved to optimality widens
the next one; one that hit its time limit narrows it. Every few rounds a global
"kernel" round instead allows every start that the LP relaxation or the
incumbent uses and fixes all other starts out.

The two share a :class:`SharedIncumbent`: the main solve publishes each
improving schedule it finds (``cbMipImprovingSolution``) and takes the LNS's
better ones through ``cbMipUserSolution``, which also lets it prune more.
On large models, when the main solve's tree search stops moving the bound
(:class:`StallWatch`), it is interrupted, its bound kept, and a second LNS
thread takes over its core.
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
ROUND_SECONDS = 0.5
INITIAL_BAND_YEARS = 3
MIN_BAND_YEARS = 2
# Every KERNEL_EVERY-th round (the first included) re-optimises over the LP relaxation's support plus
# the incumbent, a global move that the year neighbourhoods cannot make. (At 300 initiatives only the
# first ever improved; stopping them after one found nothing gained nothing there and measured worse
# at 150, see bench/roadmap/README.md, 2026-12-04.)
KERNEL_EVERY = 6
FEASIBLE = 2  # HiGHS primal_solution_status for a feasible solution
# The main solve stops once its bound moved less than STALL_TOLERANCE (relative) over the last
# STALL_WINDOW_SHARE of the time limit, but never before STALL_MIN_SHARE of it (seconds of the main
# solve's own CPU time, so that on a loaded machine the tree gets the work it would get on an idle one).
STALL_TOLERANCE = 1e-4
STALL_WINDOW_SHARE = 0.15
STALL_MIN_SHARE = 0.25
# ... and only on models with at least this many columns (about 200 initiatives x 10 years): on
# smaller ones the tree search's bound can stay flat for a while and then close to a proof.
STALL_MIN_COLUMNS = 1500


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


class StallWatch:
    """Says when the main solve's dual bound has stopped moving, so its core is better spent on LNS.

    On small instances branch-and-bound keeps tightening the bound and should
    run to the end; on large ones the bound is final after the root and the
    tree search only burns time the primal side needs.
    """

    def __init__(self, time_limit: float) -> None:
        self.earliest = STALL_MIN_SHARE * time_limit
        self.window = max(STALL_WINDOW_SHARE * time_limit, 1.0)
        self.samples: list[tuple[float, float]] = []

    def stalled(self, seconds: float, bound: float, nodes: int = 1) -> bool:
        # The root node runs HiGHS' own heuristics (RINS, RENS, ...), which find the schedules the
        # search then improves; the bound is flat meanwhile, so only the tree search is judged.
        if nodes < 1 or not np.isfinite(bound):
            return False
        if not self.samples or seconds - self.samples[-1][0] >= 0.1:
            self.samples.append((seconds, bound))
        if seconds < self.earliest:
            return False
        older = [b for t, b in self.samples if t <= seconds - self.window]
        return bool(older) and abs(older[-1] - bound) <= STALL_TOLERANCE * max(1.0, abs(bound))


def connect(highs: highspy.Highs, shared: SharedIncumbent, watch: StallWatch | None = None) -> None:
    """Let the main solve publish its improving schedules, receive better LNS ones, and stop
    early (keeping its bound) when ``watch`` says its bound has stalled.

    ``watch`` is fed the CPU time of the main solve's thread (the callbacks run in
    it), not the wall clock: on a loaded machine the tree does less per second.
    """
    began = time.thread_time()

    def publish(event: highspy.highs.HighsCallbackEvent) -> None:
        shared.offer(np.asarray(event.data_out.mip_solution))

    def receive(event: highspy.highs.HighsCallbackEvent) -> None:
        values, value = shared.snapshot()
        better = value > event.data_out.mip_primal_bound + 1e-9 * max(1.0, abs(value))
        if values is not None and better and event.data_in is not None:
            event.data_in.setSolution(values)

    def interrupt_when_stalled(event: highspy.highs.HighsCallbackEvent) -> None:
        out = event.data_out
        seconds = time.thread_time() - began
        if watch is not None and watch.stalled(seconds, out.mip_dual_bound, out.mip_node_count):
            event.interrupt()

    highs.cbMipImprovingSolution.subscribe(publish)
    highs.cbMipUserSolution.subscribe(receive)
    highs.cbMipInterrupt.subscribe(interrupt_when_stalled)


def run_lns(model: TimeIndexedModel, shared: SharedIncumbent, deadline: float, seed: int = 0) -> int:
    """Improve ``shared`` until ``deadline`` or ``shared.stop``; returns the number of rounds."""
    highs = load_model(model)
    highs.setOptionValue("mip_rel_gap", 1e-4)
    highs.setOptionValue("random_seed", seed)
    highs.setOptionValue("threads", 1)
    rng = random.Random(seed)
    count = len(model.columns)
    columns = np.arange(count, dtype=np.int32)
    starts = np.asarray([start for _, start in model.columns])
    horizon = int(starts.max()) + 1 if count else 1
    support = _lp_support(highs, count)
    width = min(INITIAL_BAND_YEARS, horizon)
    rounds = 0
    while not shared.stop.is_set() and (left := deadline - time.perf_counter()) > 0.05:
        best, _ = shared.snapshot()
        if best is None:
            shared.stop.wait(0.05)
            continue
        kernel_round = rounds % KERNEL_EVERY == 0
        if kernel_round:
            # Everything the LP relaxation or the incumbent uses may be chosen; the rest stays out.
            lower, upper = np.zeros(count), (support | (best > 0.5)).astype(np.float64)
        else:
            pick = _band if rounds % 2 == 0 else _scattered
            free = pick(rng, starts, horizon, width)
            lower, upper = np.where(free, 0.0, best), np.where(free, 1.0, best)
        highs.changeColsBounds(count, columns, lower, upper)
        highs.setOptionValue("time_limit", min(ROUND_SECONDS, left))
        highs.setSolution(count, columns, best)
        highs.run()
        if highs.getInfo().primal_solution_status == FEASIBLE:
            shared.offer(highs.getSolution().col_value)
        # A neighbourhood solved to optimality had room to spare: widen the next; narrow after a timeout.
        if not kernel_round:
            solved = highs.getModelStatus() == highspy.HighsModelStatus.kOptimal
            width = min(width + 1, horizon) if solved else max(width - 1, MIN_BAND_YEARS)
        rounds += 1
        highs.clearSolver()
    return rounds


def _lp_support(highs: highspy.Highs, count: int) -> np.ndarray:
    """Columns with a positive value in the LP relaxation (the "kernel" of kernel search / RENS)."""
    columns = np.arange(count, dtype=np.int32)
    continuous = np.full(count, highspy.HighsVarType.kContinuous.value, dtype=np.uint8)
    highs.changeColsIntegrality(count, columns, continuous)
    highs.run()
    values = (
        np.asarray(highs.getSolution().col_value)
        if highs.getInfo().primal_solution_status == FEASIBLE
        else None
    )
    integer = np.full(count, highspy.HighsVarType.kInteger.value, dtype=np.uint8)
    highs.changeColsIntegrality(count, columns, integer)
    highs.clearSolver()
    return values > 1e-6 if values is not None else np.ones(count, dtype=bool)


def _band(rng: random.Random, starts: np.ndarray, horizon: int, width: int) -> np.ndarray:
    """Free every start in ``width`` consecutive years: money can move between neighbouring years."""
    first = rng.randrange(horizon - width + 1)
    return np.asarray((starts >= first) & (starts < first + width))


def _scattered(rng: random.Random, starts: np.ndarray, horizon: int, width: int) -> np.ndarray:
    """Free every start in ``width`` random years: lets an initiative jump far earlier or later."""
    return np.isin(starts, rng.sample(range(horizon), width))

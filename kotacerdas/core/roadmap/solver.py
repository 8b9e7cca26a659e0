"""Solving the time-indexed model with HiGHS (highspy, pinned in pyproject.toml).

Why HiGHS: an LP-based branch-and-cut solver returns a certified dual bound,
which is what lets us print "within x% of optimal". (OR-Tools and highspy
cannot share a process, see or-tools issue 5246, so the project uses only this one.)

Settings that matter:

* ``mip_rel_gap`` defaults to 1e-4 in HiGHS, which stops *before* a proof of
  optimality; we ask for ``gap_target`` (default 1e-6) and report our own gap.
* the greedy schedule is handed over as a starting incumbent (``setSolution``),
  so even a run stopped very early has a feasible answer at least as good as greedy.
* ``random_seed`` is fixed and each HiGHS object uses one thread; the two cores
  are used by running a second object for the search (see :mod:`.lns`).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass

import highspy
import numpy as np

from kotacerdas.core.roadmap.model import INFINITY, RowLabel, TimeIndexedModel

SOLVER_NAME = f"HiGHS {highspy.Highs().version()}"


@dataclass(frozen=True)
class SolverOutcome:
    status: str  # optimal, feasible, infeasible, unknown
    values: list[float] | None
    bound: float | None
    seconds: float
    nodes: int


def solve_model(
    model: TimeIndexedModel,
    time_limit: float,
    gap_target: float = 1e-6,
    start: list[float] | None = None,
    seed: int = 0,
    maximise: bool = True,
    integer_columns: int | None = None,
    prepare: Callable[[highspy.Highs], None] | None = None,
) -> SolverOutcome:
    """Solve ``model`` (first ``integer_columns`` columns binary, the rest continuous).

    ``prepare`` may subscribe callbacks on the HiGHS object before the run.
    """
    highs = load_model(model, maximise, integer_columns)
    _configure(highs, time_limit, gap_target, seed)
    if prepare is not None:
        prepare(highs)
    if start is not None:
        indices = np.arange(len(start), dtype=np.int32)
        highs.setSolution(len(start), indices, np.asarray(start, dtype=np.float64))
    began = time.perf_counter()
    highs.run()
    seconds = time.perf_counter() - began
    return _outcome(highs, seconds)


def load_model(
    model: TimeIndexedModel, maximise: bool = True, integer_columns: int | None = None
) -> highspy.Highs:
    """A quiet HiGHS object holding ``model`` (first ``integer_columns`` columns 0-1, default all)."""
    highs = highspy.Highs()
    highs.setOptionValue("output_flag", False)
    count = len(model.columns)
    bounded = count if integer_columns is None else integer_columns
    highs.addVars(count, np.zeros(count), _upper(model, bounded))
    indices = np.arange(count, dtype=np.int32)
    highs.changeColsCost(count, indices, np.asarray(model.objective, dtype=np.float64))
    binaries = count if integer_columns is None else integer_columns
    if binaries:
        kinds = np.full(binaries, highspy.HighsVarType.kInteger.value, dtype=np.uint8)
        highs.changeColsIntegrality(binaries, indices[:binaries], kinds)
    starts, column_indices, values = _csr(model)
    highs.addRows(
        len(model.row_entries),
        np.asarray(model.row_lower, dtype=np.float64),
        np.asarray(model.row_upper, dtype=np.float64),
        len(values),
        starts,
        column_indices,
        values,
    )
    sense = highspy.ObjSense.kMaximize if maximise else highspy.ObjSense.kMinimize
    highs.changeObjectiveSense(sense)
    return highs


def _upper(model: TimeIndexedModel, bounded: int) -> np.ndarray:
    """Upper bounds: 1 for the first ``bounded`` (0-1) columns, none for slack columns."""
    upper = np.full(len(model.columns), np.inf)
    upper[:bounded] = 1.0
    return upper


def _csr(model: TimeIndexedModel) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    starts = np.zeros(len(model.row_entries), dtype=np.int32)
    flat: list[tuple[int, float]] = []
    for row, entries in enumerate(model.row_entries):
        starts[row] = len(flat)
        flat.extend(entries)
    columns = np.fromiter((c for c, _ in flat), dtype=np.int32, count=len(flat))
    values = np.fromiter((v for _, v in flat), dtype=np.float64, count=len(flat))
    return starts, columns, values


def _configure(highs: highspy.Highs, time_limit: float, gap_target: float, seed: int) -> None:
    highs.setOptionValue("time_limit", float(time_limit))
    highs.setOptionValue("mip_rel_gap", float(gap_target))
    highs.setOptionValue("mip_abs_gap", 1e-9)
    highs.setOptionValue("random_seed", int(seed))
    highs.setOptionValue("threads", 1)


def _outcome(highs: highspy.Highs, seconds: float) -> SolverOutcome:
    status = highs.getModelStatus()
    info = highs.getInfo()
    has_solution = info.primal_solution_status == 2  # kSolutionStatusFeasible
    values = list(highs.getSolution().col_value) if has_solution else None
    bound = float(info.mip_dual_bound) if np.isfinite(info.mip_dual_bound) else None
    if status == highspy.HighsModelStatus.kOptimal:
        label = "optimal"
    elif status == highspy.HighsModelStatus.kInfeasible:
        label = "infeasible"
    elif has_solution:
        label = "feasible"
    else:
        label = "unknown"
    return SolverOutcome(label, values, bound, seconds, int(info.mip_node_count))


def elastic_model(model: TimeIndexedModel) -> tuple[TimeIndexedModel, list[tuple[int, RowLabel, float]]]:
    """A copy of ``model`` whose budget and capacity rows may be exceeded at a price.

    Minimising the price finds how far the must-run set overshoots each ceiling,
    which names the constraints that make an instance infeasible. Budget slack is
    measured relative to that year's ceiling so years and currencies compare.
    """
    elastic = TimeIndexedModel(
        columns=list(model.columns),
        objective=[0.0] * len(model.columns),
        row_lower=list(model.row_lower),
        row_upper=list(model.row_upper),
        row_entries=[list(entries) for entries in model.row_entries],
        row_labels=list(model.row_labels),
        column_of=dict(model.column_of),
    )
    slacks: list[tuple[int, RowLabel, float]] = []
    for row, label in enumerate(model.row_labels):
        if label.kind not in ("budget", "agency_capacity"):
            continue
        scale = max(abs(model.row_upper[row]), 1.0) if label.kind == "budget" else 1.0
        column = len(elastic.columns)
        elastic.columns.append((f"slack:{row}", 0))
        elastic.objective.append(1.0 / scale)
        elastic.row_entries[row].append((column, -1.0))
        slacks.append((column, label, model.row_upper[row]))
    return elastic, slacks


__all__ = ["INFINITY", "SOLVER_NAME", "SolverOutcome", "elastic_model", "load_model", "solve_model"]

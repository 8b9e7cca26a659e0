"""Aggregation up the framework, level by level (COINr ``Aggregate`` and its ``a_*`` functions).

The engine works on a batch of replications at once: the level-1 matrix (units x indicators) is
shared, and each replication r brings its own weight vector ``weights[r]``. Weighted sums over the
children of one parent are then one matrix product for all replications, which is what makes the
uncertainty analysis fast. The nominal pipeline is simply a batch of one.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Framework

AGGREGATORS = ("a_amean", "a_gmean", "a_hmean", "a_genmean", "a_copeland")
# Copeland scores compare to 0.5; sums of weights that are exactly 0.5 in exact arithmetic can land
# one ulp off in floating point (R sums in extended precision), so values this close count as 0.5.
COPELAND_TIE_TOLERANCE = 1e-12


@dataclass(frozen=True)
class LevelSpec:
    """How to aggregate into one level: method, its parameters and the data-availability threshold."""

    method: str = "a_amean"
    params: Mapping[str, Any] | None = None
    dat_thresh: float | None = None


def level_specs(
    f_ag: str | Sequence[str],
    f_ag_para: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None,
    dat_thresh: float | Sequence[float] | None,
    n_levels: int,
) -> list[LevelSpec]:
    """Expand COINr-style arguments (one value for all levels, or one per aggregation level)."""
    n = n_levels - 1
    methods = [f_ag] * n if isinstance(f_ag, str) else list(f_ag)
    paras = [f_ag_para] * n if f_ag_para is None or isinstance(f_ag_para, Mapping) else list(f_ag_para)
    threshs = (
        [dat_thresh] * n if dat_thresh is None or isinstance(dat_thresh, int | float) else list(dat_thresh)
    )
    for name, values in (("method", methods), ("params", paras), ("dat_thresh", threshs)):
        if len(values) != n:
            raise CompositeIndexError(
                f"aggregate: {name} must be one value or {n} values (one per level above 1)"
            )
    for method in methods:
        if method not in AGGREGATORS:
            raise CompositeIndexError(f"aggregate: method '{method}' is not one of {', '.join(AGGREGATORS)}")
    for t in threshs:
        if t is not None and not 0 <= t <= 1:
            raise CompositeIndexError(f"aggregate: dat_thresh must be between 0 and 1, got {t}")
    return [LevelSpec(m, dict(p or {}), t) for m, p, t in zip(methods, paras, threshs, strict=True)]


def weight_matrix(
    framework: Framework, weight_sets: Sequence[Mapping[str, float]] | None = None
) -> np.ndarray:
    """One row per weight set, one column per code of ``framework.all_codes`` (iMeta weights by default)."""
    codes = framework.all_codes
    rows = weight_sets or [framework.weight]
    return np.array([[float(ws.get(c, framework.weight[c])) for c in codes] for ws in rows])


def _weighted_sum(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    """sum_j x[..., u, j] * w[r, j] -> (R, u); x is shared (u, c) or per replication (R, u, c)."""
    if x.ndim == 2:
        return (x @ w.T).T
    return np.einsum("ruj,rj->ru", x, w)


def _check_domain(x: np.ndarray, method: str, parent: str, units: Sequence[str], positive: bool) -> None:
    bad = (x <= 0) if positive else (x == 0)
    if np.any(bad):
        unit = units[int(np.argwhere(bad)[0][-2])]
        need = "positive" if positive else "non-zero"
        raise CompositeIndexError(
            f"aggregate {method}: '{parent}' needs {need} values but unit '{unit}' has "
            f"{'a zero or negative' if positive else 'a zero'} child value "
            f"(normalise to a strictly positive range first, e.g. n_minmax with l_u [1, 100])"
        )


def _long_sum(values: np.ndarray) -> np.ndarray:
    """Row sums accumulated in extended precision and rounded once, like R's ``sum``."""
    return np.sum(values.astype(np.longdouble), axis=-1).astype(float)


def _aggregate_exactly(
    x: np.ndarray, w: np.ndarray, spec: LevelSpec, parent: str, units: Sequence[str]
) -> np.ndarray:
    """One weight row on shared data, in the order of operations of COINr's a_* functions.

    Reproducing R's arithmetic (normalise the weights, multiply, sum in extended precision) makes
    the nominal scores agree with COINr to the last bit in nearly every cell, so that scores equal
    in COINr are equal here and ranks tie the same way.
    """
    present = ~np.isnan(x)
    weights = np.where(present, w[0], 0.0)
    safe = np.where(present, x, 1.0)
    with np.errstate(invalid="ignore", divide="ignore"):
        if spec.method == "a_amean":
            normalised = weights / _long_sum(weights)[:, None]
            return _long_sum(np.where(present, normalised * safe, 0.0))[None, :]
        if spec.method == "a_gmean":
            _check_domain(safe, spec.method, parent, units, positive=True)
            return np.exp(_long_sum(weights * np.log(safe)) / _long_sum(weights))[None, :]
        if spec.method == "a_hmean":
            _check_domain(safe, spec.method, parent, units, positive=False)
            return (_long_sum(weights) / _long_sum(np.where(present, weights / safe, 0.0)))[None, :]
    return _aggregate_group(x, w, spec, parent, units)


def _aggregate_group(
    x: np.ndarray, w: np.ndarray, spec: LevelSpec, parent: str, units: Sequence[str]
) -> np.ndarray:
    """Scores (R, u) of one parent from its children's values ``x`` and weights ``w`` (R, c)."""
    present = ~np.isnan(x)
    xz = np.where(present, x, 0.0)
    params = spec.params or {}
    has_gaps = not present.all()
    denominator = (
        _weighted_sum(present.astype(float), w)
        if has_gaps
        else np.broadcast_to(w.sum(axis=1)[:, None], (w.shape[0], x.shape[-2]))
    )
    with np.errstate(invalid="ignore", divide="ignore"):
        if spec.method == "a_amean":
            return _weighted_sum(xz, w) / denominator
        if spec.method == "a_gmean":
            _check_domain(np.where(present, x, 1.0), spec.method, parent, units, positive=True)
            return np.exp(_weighted_sum(np.log(np.where(present, x, 1.0)), w) / denominator)
        if spec.method == "a_hmean":
            _check_domain(np.where(present, x, 1.0), spec.method, parent, units, positive=False)
            return denominator / _weighted_sum(np.where(present, 1.0 / np.where(present, x, 1.0), 0.0), w)
        if spec.method == "a_genmean":
            return _generalised_mean(x, w, params, parent, units)
        return _copeland(x, w, units)


def _generalised_mean(
    x: np.ndarray, w: np.ndarray, params: Mapping[str, Any], parent: str, units: Sequence[str]
) -> np.ndarray:
    if "p" not in params:
        raise CompositeIndexError("aggregate a_genmean: params.p is required")
    p = float(params["p"])
    if p == 0:
        raise CompositeIndexError("aggregate a_genmean: p = 0 is the geometric mean, use a_gmean")
    if p < 0:
        _check_domain(np.nan_to_num(x, nan=1.0), "a_genmean", parent, units, positive=True)
    # as in COINr, a missing child makes the generalised mean missing
    return (_weighted_sum(x**p, w) / w.sum(axis=1)[:, None]) ** (1 / p)


def _copeland(x: np.ndarray, w: np.ndarray, units: Sequence[str]) -> np.ndarray:
    """Copeland scores: for each pair, +1 if the weighted share of children where a unit is better
    (ties count half) exceeds 0.5, -1 if below, 0 if equal; summed over the other units.

    COINr (``outrankMatrix``) scores each pair once, for the unit that comes first in uCode order
    (``new_coin`` sorts iData by uCode), and gives the other unit 1 minus that share. A child missing
    for either unit counts for neither in that share, so its weight goes to the *later* unit: with
    missing values the scores depend on the order of the units. Scoring the pairs in uCode order
    reproduces COINr whatever order the rows arrive in (without missing values the order is moot).
    """
    wn = w / w.sum(axis=1, keepdims=True)
    order = np.argsort(np.asarray(units, dtype=str), kind="stable")
    sorted_x = x[..., order, :]
    if x.ndim == 2:
        scores = _copeland_shared(sorted_x, wn)
    else:
        scores = np.stack([_copeland_shared(sorted_x[r], wn[r : r + 1])[0] for r in range(x.shape[0])])
    out = np.empty_like(scores)
    out[..., order] = scores
    return out


@lru_cache(maxsize=8)
def _pairs(n_units: int) -> tuple[np.ndarray, np.ndarray, Any]:
    """Unit pairs (i < k) and the units x pairs matrix adding a pair's vote to i, subtracting it from k."""
    from scipy import sparse  # only Copeland needs it; keep the command line quick to start

    first, second = np.triu_indices(n_units, k=1)
    n_pairs = first.size
    incidence = sparse.csr_matrix(
        (
            np.concatenate([np.ones(n_pairs), -np.ones(n_pairs)]),
            (np.concatenate([first, second]), np.concatenate([np.arange(n_pairs)] * 2)),
        ),
        shape=(n_units, n_pairs),
    )
    return first, second, incidence


def _copeland_shared(x: np.ndarray, wn: np.ndarray) -> np.ndarray:
    first, second, incidence = _pairs(x.shape[0])
    a, b = x[first], x[second]  # (pairs, c)
    # COINr fills only the upper triangle and sets the lower to 1 - upper, so each pair is scored once
    outrank = (a > b).astype(float) @ wn.T + 0.5 * ((a == b).astype(float) @ wn.T)  # (pairs, R)
    outrank[np.abs(outrank - 0.5) < COPELAND_TIE_TOLERANCE] = 0.5
    vote = np.sign(outrank - 0.5)  # +1 the first unit wins, -1 it loses (and the other wins)
    return np.asarray((incidence @ vote).T)


def aggregate_batch(
    level1: np.ndarray,
    framework: Framework,
    specs: Sequence[LevelSpec],
    weights: np.ndarray,
    units: Sequence[str],
    top_only: bool = False,
    exact: bool = False,
) -> list[np.ndarray]:
    """Scores for levels 2..L, each (R, units, codes of that level), for R weight rows at once.

    While the data below are shared and a level's weights are the same in every row, that level is
    computed once and stays shared (perturbing only upper-level weights costs nothing below them).
    With ``top_only`` intermediate levels are not returned, to bound memory; ``exact`` follows R's
    order of operations where the data are shared (the nominal build).
    """
    positions = {code: i for i, code in enumerate(framework.all_codes)}
    n_rows = weights.shape[0]
    below: np.ndarray = level1
    out: list[np.ndarray] = []
    for level, spec in enumerate(specs, start=2):
        child_weights = weights[:, [positions[c] for c in framework.levels[level - 2]]]
        shared = below.ndim == 2 and bool(np.all(child_weights == child_weights[:1]))
        if shared:
            child_weights = child_weights[:1]
        n_present = (~np.isnan(below)).astype(float)
        columns = []
        aggregate_one = _aggregate_exactly if exact and shared else _aggregate_group
        for parent, idx in framework.groups(level):
            scores = aggregate_one(below[..., idx], child_weights[:, idx], spec, parent, units)
            if spec.dat_thresh is not None:
                share = n_present[..., idx].sum(axis=-1) / len(idx)
                scores = np.where(np.broadcast_to(share < spec.dat_thresh, scores.shape), np.nan, scores)
            columns.append(scores)
        stacked = np.stack(columns, axis=-1)
        below = stacked[0] if shared else stacked
        if not top_only or level == framework.n_levels:
            out.append(np.broadcast_to(stacked, (n_rows, *stacked.shape[1:])))
    return out


def aggregate(
    level1: np.ndarray,
    framework: Framework,
    units: Sequence[str],
    f_ag: str | Sequence[str] = "a_amean",
    f_ag_para: Mapping[str, Any] | Sequence[Mapping[str, Any]] | None = None,
    w: Mapping[str, float] | None = None,
    dat_thresh: float | Sequence[float] | None = None,
) -> np.ndarray:
    """COINr's "Aggregated" data set: units x all codes (indicators first, then each level up)."""
    specs = level_specs(f_ag, f_ag_para, dat_thresh, framework.n_levels)
    weights = weight_matrix(framework, [w] if w else None)
    levels = aggregate_batch(level1, framework, specs, weights, units, exact=True)
    return np.concatenate([level1, *[scores[0] for scores in levels]], axis=1)

"""How sure is a rank? The 5–95 % band of each region's rank within its size class.

The five part scores of the verified regions become a two-level composite index (parts → total) for
the composite-index engine (kotacerdas.core.index). The nominal index is the official one: no
normalisation, weighted arithmetic mean with the instrument's weights. The uncertainty recipe then
varies what a reasonable evaluator could have chosen differently:

* every part weight ±25 % (100 noisy weight sets, COINr's get_noisy_weights);
* normalisation: none, or min-max onto 1–100;
* aggregation: weighted arithmetic mean, or the generalised mean with p = ½, which compensates a weak
  part less. (The geometric mean is not used: a part score of 0 has no logarithm.)

Each run ranks the regions within their size class; per region the band is the 5 % and 95 %
quantiles of those ranks and their median (R's type-7 quantiles, as COINr's RankStats). A rank is
*robust* when the band is no wider than ``robust_width`` ranks (default 0: the same rank in at least
90 % of the runs).

A part on which every region has the same score cannot move any rank under any of these options
(all are monotone in the remaining parts), and min-max cannot scale it, so it is left out of the
runs. Same entries, recipe and seed give identical bands.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from kotacerdas.core.evaluation.entries import PARTS
from kotacerdas.core.evaluation.ranking import Scored
from kotacerdas.core.index.aggregate import weight_matrix
from kotacerdas.core.index.inputs import Dataset, framework_from_rows
from kotacerdas.core.index.ranks import rank_rows
from kotacerdas.core.index.recipe import make_recipe
from kotacerdas.core.index.uncertainty import declare_inputs, evaluate_runs

TOP = "Index"
DEFAULT_RECIPE: dict[str, Any] = {
    "normalise": {"method": "none"},
    "aggregate": {"method": "a_amean"},
    "uncertainty": {
        "weights": {"noise": {"1": 0.25}, "sets": 100},
        "normalise": ["none", {"method": "n_minmax", "params": {"l_u": [1, 100]}}],
        "aggregate": ["a_amean", {"method": "a_genmean", "params": {"p": 0.5}}],
    },
}


@dataclass(frozen=True)
class RankBand:
    """The rank within the size class: nominal (exact), and the 5 %, 50 % and 95 % of the runs."""

    nominal: int
    q05: float
    median: float
    q95: float
    robust: bool


def rank_bands(
    ranked: Sequence[Scored],
    weights: Mapping[str, Fraction],
    replications: int,
    seed: int,
    recipe: Mapping[str, Any] | None = None,
    robust_width: float = 0.0,
) -> dict[str, RankBand]:
    """Band of every ranked entry (region code → RankBand); entries must carry ``rank_in_class``."""
    if replications < 2:
        raise ValueError(f"uncertainty needs at least 2 replications, got {replications}")
    codes = tuple(item.region_code for item in ranked)
    values = np.array([[float(item.entry.parts[part]) for part in PARTS] for item in ranked], dtype=float)
    varying = [j for j in range(len(PARTS)) if values.shape[0] and np.ptp(values[:, j]) > 0]
    if len(codes) < 2 or not varying:  # nothing can move: every run gives the nominal ranks
        run_ranks = np.tile([float(item.rank_in_class or 0) for item in ranked], (replications, 1))
        return _bands(ranked, run_ranks, robust_width)
    scores = _run_scores(
        codes, values[:, varying], [PARTS[j] for j in varying], weights, replications, seed, recipe
    )
    run_ranks = np.full(scores.shape, np.nan)
    classes = np.array([item.size_class for item in ranked])
    for size_class in sorted(set(classes.tolist())):
        members = np.flatnonzero(classes == size_class)
        run_ranks[:, members] = rank_rows(scores[:, members])
    return _bands(ranked, run_ranks, robust_width)


def _run_scores(
    codes: tuple[str, ...],
    values: np.ndarray,
    parts: Sequence[str],
    weights: Mapping[str, Fraction],
    replications: int,
    seed: int,
    recipe_data: Mapping[str, Any] | None,
) -> np.ndarray:
    """The total of every region in every run (runs × regions), from the index engine."""
    meta = [
        {"iCode": part, "Level": "1", "Parent": TOP, "Direction": "1", "Weight": repr(float(weights[part]))}
        | {"Type": "Indicator"}
        for part in parts
    ]
    meta.append(
        {"iCode": TOP, "Level": "2", "Parent": "", "Direction": "1", "Weight": "1", "Type": "Aggregate"}
    )
    framework = framework_from_rows(meta)
    dataset = Dataset(units=codes, values=values)
    recipe = make_recipe(dict(recipe_data or DEFAULT_RECIPE))
    rng = np.random.default_rng(seed)
    nominal_weights = weight_matrix(framework)[0]
    inputs = declare_inputs(recipe, framework, nominal_weights, rng)
    sample = rng.random((replications, len(inputs)))
    sizes = np.array([len(item.options) for item in inputs])
    choices = np.minimum((sample * sizes).astype(int), sizes - 1)  # as the engine picks options
    _, scores, failed = evaluate_runs(
        framework, dataset, recipe, inputs, choices, nominal_weights, codes, TOP, keep_scores=True
    )
    if failed or scores is None:
        raise ValueError(f"rank uncertainty: {failed} of {replications} runs could not be computed")
    return scores


def _bands(ranked: Sequence[Scored], run_ranks: np.ndarray, robust_width: float) -> dict[str, RankBand]:
    q05, median, q95 = np.quantile(run_ranks, [0.05, 0.5, 0.95], axis=0)
    return {
        item.region_code: RankBand(
            nominal=int(item.rank_in_class or 0),
            q05=float(q05[i]),
            median=float(median[i]),
            q95=float(q95[i]),
            robust=bool(q95[i] - q05[i] <= robust_width),
        )
        for i, item in enumerate(ranked)
    }

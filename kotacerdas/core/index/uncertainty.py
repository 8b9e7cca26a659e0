"""Monte Carlo uncertainty and variance-based sensitivity analysis of the ranks (COINr get_sensitivity).

Uncertain assumptions are declared in ``recipe.uncertainty``; each key is one uncertain input:

    weights:   {noise: {2: 0.25, 3: 0.25}, sets: 100}   # +-25% on level-2 and level-3 weights
    impute:    [{method: i_mean}, {method: i_median}]     # alternatives to the recipe step
    treat:     [{method: winsorise, params: {winmax: 3}}, {method: none}]
    normalise: [{method: n_minmax, params: {l_u: [1, 100]}}, {method: n_zscore, params: {m_sd: [10, 2]}}]
    aggregate: [{method: a_amean}, {method: a_gmean}]
    exclude:   [LPI, Flights]                              # keep all, or drop one of these

Every input is discrete, as in COINr: a uniform draw u picks option floor(u * n_options). The
weight input picks one of ``sets`` noisy weight sets drawn up front (COINr's get_noisy_weights).

Speed comes from never re-running the pipeline per replication: the steps before aggregation are run
once per distinct combination of their alternatives, and aggregation runs vectorised over chunks of
replications that share that combination and aggregation method (see ``aggregate_batch``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kotacerdas.core.index.aggregate import aggregate_batch, level_specs, weight_matrix
from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.pipeline import aggregation_weights, build, prepare
from kotacerdas.core.index.ranks import rank_rows
from kotacerdas.core.index.recipe import Recipe, Step, make_step
from kotacerdas.core.index.sobol import SobolIndices, saltelli_sample, sobol_indices

ALTERNATIVE_STEPS = ("impute", "treat", "normalise", "aggregate")
PRE_AGGREGATION = ("impute", "treat", "normalise")
INPUT_KEYS = ("weights", *ALTERNATIVE_STEPS, "exclude")
DEFAULT_WEIGHT_SETS = 100
DEFAULT_CHUNK = 512
# Copeland compares every pair of units in every run: cap a chunk's pair table at ~256 MB.
COPELAND_CHUNK_BYTES = 256 * 2**20


@dataclass(frozen=True)
class UncertainInput:
    name: str
    options: tuple[Any, ...]  # Steps, weight rows (np arrays) or excluded iCodes (None = keep all)


@dataclass(frozen=True)
class UncertaintyResult:
    units: tuple[str, ...]
    target: str
    nominal_scores: np.ndarray
    nominal_ranks: np.ndarray
    ranks: np.ndarray  # (runs, units), float32, NaN where a run failed or a unit had no score
    inputs: tuple[UncertainInput, ...]
    choices: np.ndarray  # (runs, inputs) option index of each input in each run
    n_base: int
    sensitivity: SobolIndices | None
    failed_runs: int

    def rank_statistics(self) -> list[dict[str, Any]]:
        """Per unit: nominal rank, mean and median rank and the 5-95% interval (as COINr's RankStats)."""
        runs = self.ranks[: 2 * self.n_base] if self.sensitivity is not None else self.ranks
        runs = runs.astype(float)
        with np.errstate(all="ignore"):
            mean = np.nanmean(runs, axis=0)
            q05, median, q95 = np.nanquantile(runs, [0.05, 0.5, 0.95], axis=0)
        return [
            {
                "uCode": unit,
                "nominal": float(self.nominal_ranks[i]),
                "mean": float(mean[i]),
                "median": float(median[i]),
                "q05": float(q05[i]),
                "q95": float(q95[i]),
            }
            for i, unit in enumerate(self.units)
        ]


# ---------------------------------------------------------------- declaring inputs


def _alternatives(recipe: Recipe, key: str, specs: Any) -> tuple[Step, ...]:
    nominal = recipe.step(key)
    if nominal is None:
        raise CompositeIndexError(f"uncertainty.{key}: the recipe has no '{key}' step to vary")
    if not isinstance(specs, list) or not specs:
        raise CompositeIndexError(f"uncertainty.{key}: give a non-empty list of alternative steps")
    steps = []
    for spec in specs:
        if isinstance(spec, str):  # shorthand: a bare method name
            spec = {"method": spec}
        if not isinstance(spec, Mapping):
            raise CompositeIndexError(
                f"uncertainty.{key}: each alternative must be a step mapping, got {spec!r}"
            )
        spec = dict(spec)
        same_method = spec.get("method", nominal.method) == nominal.method
        merged = {
            **dict(nominal.extras),
            "method": spec.get("method", nominal.method),
            "params": spec.get("params", dict(nominal.params) if same_method else {}),
        }
        merged.update({k: v for k, v in spec.items() if k not in ("method", "params")})
        steps.append(make_step(key, merged))
    return tuple(steps)


def noisy_weight_sets(
    framework: Framework,
    nominal: np.ndarray,
    noise: Mapping[Any, float],
    n_sets: int,
    rng: np.random.Generator,
) -> tuple[np.ndarray, ...]:
    """COINr's get_noisy_weights: w * (1 + f * U(-1, 1)) for the codes of each listed level."""
    level_of = np.array([framework.level_of(c) for c in framework.all_codes])
    sets = np.repeat(nominal[None, :], n_sets, axis=0)
    try:
        pairs = sorted((int(k), float(v)) for k, v in noise.items())
    except (TypeError, ValueError):
        raise CompositeIndexError(
            f"uncertainty.weights.noise: expected level: factor numbers, got {dict(noise)}"
        ) from None
    for level, factor in pairs:
        if not 1 <= level < framework.n_levels:
            raise CompositeIndexError(
                f"uncertainty.weights.noise: level {level} is not between 1 and {framework.n_levels - 1}"
            )
        if not 0 <= factor <= 1:
            raise CompositeIndexError(
                f"uncertainty.weights.noise: factor {factor} for level {level} must be in [0, 1]"
            )
        cols = np.flatnonzero(level_of == level)
        u = rng.random((n_sets, cols.size))
        sets[:, cols] = sets[:, cols] + (u * 2 - 1) * factor * sets[:, cols]
    return tuple(sets)


def declare_inputs(
    recipe: Recipe, framework: Framework, nominal_weights: np.ndarray, rng: np.random.Generator
) -> tuple[UncertainInput, ...]:
    spec = recipe.uncertainty
    unknown = sorted(set(spec) - set(INPUT_KEYS) - {"target", "chunk"})
    if unknown:
        raise CompositeIndexError(
            f"uncertainty: unknown key(s) {', '.join(unknown)} (known: {', '.join(INPUT_KEYS)})"
        )
    inputs = []
    for key in INPUT_KEYS:
        if key not in spec:
            continue
        if key == "weights":
            weights_spec = spec[key] or {}
            noise = weights_spec.get("noise") if isinstance(weights_spec, Mapping) else None
            n_sets = weights_spec.get("sets", DEFAULT_WEIGHT_SETS) if isinstance(weights_spec, Mapping) else 0
            if not isinstance(noise, Mapping) or not isinstance(n_sets, int) or n_sets < 1:
                raise CompositeIndexError(
                    "uncertainty.weights: expected {noise: {level: factor, ...}, sets: count >= 1}"
                )
            options: tuple[Any, ...] = noisy_weight_sets(framework, nominal_weights, noise, n_sets, rng)
        elif key == "exclude":
            if not isinstance(spec[key], list):
                raise CompositeIndexError("uncertainty.exclude: expected a list of iCodes")
            codes = list(spec[key])
            bad = [c for c in codes if c not in framework.all_codes or c in framework.levels[-1]]
            if bad:
                raise CompositeIndexError(
                    f"uncertainty.exclude: '{bad[0]}' is not an iCode below the top level"
                )
            options = (None, *codes)
        else:
            options = _alternatives(recipe, key, spec[key])
        inputs.append(UncertainInput(key, options))
    if not inputs:
        raise CompositeIndexError("uncertainty: declare at least one uncertain input in recipe.uncertainty")
    return tuple(inputs)


# ---------------------------------------------------------------- running


def _option_indices(sample: np.ndarray, inputs: Sequence[UncertainInput]) -> np.ndarray:
    sizes = np.array([len(i.options) for i in inputs])
    return np.minimum((sample * sizes).astype(int), sizes - 1)


def _recipe_for(
    recipe: Recipe, inputs: Sequence[UncertainInput], choice: Sequence[int], keys: Sequence[str]
) -> Recipe:
    for inp, option in zip(inputs, choice, strict=True):
        if inp.name in keys:
            recipe = recipe.replace_step(inp.options[option])
    return recipe


def _level1_on_units(prepared_units: Sequence[str], values: np.ndarray, units: Sequence[str]) -> np.ndarray:
    """Reindex a level-1 matrix to the nominal units; units screened out become rows of NaN."""
    if tuple(prepared_units) == tuple(units):
        return values
    out = np.full((len(units), values.shape[1]), np.nan)
    where = {u: i for i, u in enumerate(prepared_units)}
    for i, unit in enumerate(units):
        if unit in where:
            out[i] = values[where[unit]]
    return out


def run_uncertainty(
    framework: Framework,
    dataset: Dataset,
    recipe: Recipe,
    n: int,
    seed: int | None = None,
    sensitivity: bool = False,
    chunk: int = DEFAULT_CHUNK,
    n_boot: int = 0,
) -> UncertaintyResult:
    """Uncertainty analysis with ``n`` runs, or with ``sensitivity`` a Saltelli design of n(d+2) runs."""
    if n < 2:
        raise CompositeIndexError(f"uncertainty: --n must be at least 2, got {n}")
    rng = np.random.default_rng(seed)
    nominal = build(framework, dataset, recipe)
    target = str(recipe.uncertainty.get("target") or framework.levels[-1][0])
    if target not in framework.all_codes:
        raise CompositeIndexError(f"uncertainty.target: '{target}' is not an iCode")
    units = nominal.units
    nominal_weights = weight_matrix(
        framework,
        [aggregation_weights(recipe, framework, nominal.prepared.dataset.values) or framework.weight],
    )[0]
    inputs = declare_inputs(recipe, framework, nominal_weights, rng)
    d = len(inputs)
    if sensitivity and d < 2:
        raise CompositeIndexError("sensitivity analysis needs at least two uncertain inputs (one is just UA)")
    sample = saltelli_sample(n, d, rng) if sensitivity else rng.random((n, d))
    choices = _option_indices(sample, inputs)
    ranks, _, failed = evaluate_runs(
        framework, dataset, recipe, inputs, choices, nominal_weights, units, target, chunk
    )
    nominal_column = nominal.codes.index(target)
    nominal_ranks = nominal.ranks[:, nominal_column]
    indices = None
    if sensitivity:
        if failed:
            raise CompositeIndexError(
                f"sensitivity: {failed} runs could not be computed (e.g. a_gmean on values <= 0); "
                "Sobol indices need every run, so remove the alternative that fails"
            )
        with np.errstate(all="ignore"):
            y = np.nanmean(np.abs(ranks - nominal_ranks[None, :]), axis=1)
        indices = sobol_indices(np.nan_to_num(y), n, d, n_boot=n_boot, rng=rng)
    return UncertaintyResult(
        units=units,
        target=target,
        nominal_scores=nominal.scores[:, nominal_column],
        nominal_ranks=nominal_ranks,
        ranks=ranks,
        inputs=inputs,
        choices=choices,
        n_base=n,
        sensitivity=indices,
        failed_runs=failed,
    )


def evaluate_runs(
    framework: Framework,
    dataset: Dataset,
    recipe: Recipe,
    inputs: Sequence[UncertainInput],
    choices: np.ndarray,
    nominal_weights: np.ndarray,
    units: Sequence[str],
    target: str,
    chunk: int = DEFAULT_CHUNK,
    keep_scores: bool = False,
) -> tuple[np.ndarray, np.ndarray | None, int]:
    """Ranks (and optionally scores) of ``target`` for every run, given each input's option per run.

    Runs sharing the pre-aggregation alternatives and the aggregation method are evaluated together,
    ``chunk`` replications at a time, so memory stays bounded whatever the number of runs.
    """
    names = [i.name for i in inputs]
    pre_cols = [k for k, name in enumerate(names) if name in PRE_AGGREGATION]
    agg_col = names.index("aggregate") if "aggregate" in names else None
    runs = choices.shape[0]
    ranks = np.full((runs, len(units)), np.nan, dtype=np.float32)
    scores_out = np.full((runs, len(units)), np.nan) if keep_scores else None
    weights_all = _run_weights(inputs, choices, nominal_weights, framework)
    level_index = framework.levels[-1].index(target) if target in framework.levels[-1] else None
    failed = 0
    group_keys = choices[:, pre_cols + ([agg_col] if agg_col is not None else [])]
    for key in np.unique(group_keys, axis=0):
        members = np.flatnonzero((group_keys == key).all(axis=1))
        choice = choices[members[0]]
        run_recipe = _recipe_for(recipe, inputs, choice, ALTERNATIVE_STEPS)
        try:
            prepared = prepare(framework, dataset, run_recipe.steps)
        except CompositeIndexError:
            failed += members.size
            continue
        level1 = _level1_on_units(prepared.dataset.units, prepared.dataset.values, units)
        step = run_recipe.aggregation
        specs = level_specs(
            step.method, dict(step.params) or None, step.extras.get("dat_thresh"), framework.n_levels
        )
        size = _chunk_size(specs, len(units), chunk)
        for start in range(0, members.size, size):
            rows = members[start : start + size]
            try:
                scores = _target_scores(
                    level1, framework, specs, weights_all[rows], units, target, level_index
                )
            except CompositeIndexError:
                failed += rows.size
                continue
            ranks[rows] = rank_rows(scores)
            if scores_out is not None:
                scores_out[rows] = scores
    return ranks, scores_out, failed


def _chunk_size(specs: Sequence[Any], n_units: int, chunk: int) -> int:
    if any(spec.method == "a_copeland" for spec in specs):
        return max(1, min(chunk, COPELAND_CHUNK_BYTES // (8 * n_units**2)))
    return chunk


def _run_weights(
    inputs: Sequence[UncertainInput], choices: np.ndarray, nominal: np.ndarray, framework: Framework
) -> np.ndarray:
    weights = np.repeat(nominal[None, :], choices.shape[0], axis=0)
    for k, inp in enumerate(inputs):
        if inp.name == "weights":
            weights = np.stack(inp.options)[choices[:, k]]
        if inp.name == "exclude":
            codes = framework.all_codes
            for option, code in enumerate(inp.options):
                if code is not None:
                    weights[choices[:, k] == option, codes.index(code)] = 0.0
    return weights


def _target_scores(
    level1: np.ndarray,
    framework: Framework,
    specs: Sequence[Any],
    weights: np.ndarray,
    units: Sequence[str],
    target: str,
    top_index: int | None,
) -> np.ndarray:
    if top_index is not None:
        top = aggregate_batch(level1, framework, specs, weights, units, top_only=True)[-1]
        return top[:, :, top_index]
    levels = aggregate_batch(level1, framework, specs, weights, units)
    level = framework.level_of(target)
    if level == 1:
        return np.broadcast_to(level1[:, framework.indicators.index(target)], (weights.shape[0], len(units)))
    return levels[level - 2][:, :, framework.levels[level - 1].index(target)]

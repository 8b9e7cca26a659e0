"""Computing an index run: the nominal build, the uncertainty analysis and the Sobol indices.

The same engine calls as ``kotacerdas index build`` and ``kotacerdas index uncertainty`` (the CLI):
same tables, recipe and seed give the same numbers in both. The results are plain JSON data (NaN
becomes null) and their SHA-256 is the run's result hash.
"""

from __future__ import annotations

import hashlib
import json
import math
from collections.abc import Callable, Mapping
from typing import Any

from kotacerdas.core.index import build
from kotacerdas.core.index.uncertainty import run_uncertainty
from kotacerdas.evaluation.index_inputs import Table, load_tables, tables_hash
from kotacerdas.evaluation.index_recipe import analysis, engine_recipe

Progress = Callable[[int], None]


def _clean(value: Any) -> Any:
    """JSON data without NaN or infinity (PostgreSQL's jsonb refuses them): those become null."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, list | tuple):
        return [_clean(v) for v in value]
    if isinstance(value, dict):
        return {k: _clean(v) for k, v in value.items()}
    return value


def compute(
    tables: Mapping[str, Table], stored: Mapping[str, Any], progress: Progress | None = None
) -> dict[str, Any]:
    """The run's results from its stored tables and recipe."""
    beat = progress or (lambda share: None)
    framework, dataset = load_tables(tables)
    recipe = engine_recipe(stored)
    nominal = build(framework, dataset, recipe, tables_hash(tables))
    beat(30)
    names = dict(zip(dataset.units, dataset.unit_names, strict=False)) if dataset.unit_names else {}
    target = str(recipe.uncertainty.get("target") or framework.levels[-1][0])
    results: dict[str, Any] = {
        "units": list(nominal.units),
        "names": [names.get(unit, "") for unit in nominal.units],
        "codes": list(nominal.codes),
        "levels": [list(level) for level in framework.levels],
        "scores": nominal.scores.tolist(),
        "ranks": nominal.ranks.tolist(),
        "target": target,
        "rank_stats": [],
        "sensitivity": [],
        "runs": 0,
        "failed_runs": 0,
    }
    settings = analysis(stored)
    if settings["replications"]:
        beat(40)
        ua = run_uncertainty(
            framework,
            dataset,
            recipe,
            settings["replications"],
            seed=settings["seed"],
            sensitivity=settings["sensitivity"],
        )
        results["rank_stats"] = ua.rank_statistics()
        results["runs"], results["failed_runs"] = int(ua.ranks.shape[0]), int(ua.failed_runs)
        if ua.sensitivity is not None:
            results["sensitivity"] = [
                {
                    "input": inp.name,
                    "first_order": float(ua.sensitivity.first_order[k]),
                    "total": float(ua.sensitivity.total[k]),
                }
                for k, inp in enumerate(ua.inputs)
            ]
    beat(90)
    return dict(_clean(results))


def result_hash(results: Mapping[str, Any]) -> str:
    text = json.dumps(results, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def check_recipe(tables: Mapping[str, Table], stored: Mapping[str, Any]) -> None:
    """Build the nominal index once (quick), so a recipe the engine refuses is refused before the job.

    Raises CompositeIndexError with the engine's reason."""
    from kotacerdas.core.index.aggregate import weight_matrix
    from kotacerdas.core.index.pipeline import aggregation_weights
    from kotacerdas.core.index.uncertainty import declare_inputs

    framework, dataset = load_tables(tables)
    recipe = engine_recipe(stored)
    nominal = build(framework, dataset, recipe)
    if recipe.uncertainty:
        import numpy as np

        level1 = nominal.prepared.dataset.values
        weights = weight_matrix(
            framework, [aggregation_weights(recipe, framework, level1) or framework.weight]
        )[0]
        declare_inputs(recipe, framework, weights, np.random.default_rng(0))

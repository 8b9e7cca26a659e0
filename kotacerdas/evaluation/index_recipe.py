"""An index run's recipe as stored data, made from Ayu's choices in the form.

Stored form (a JSON object; the steps are a list because jsonb does not keep an object's key order)::

    {"steps": [["impute", {...}], ["normalise", {...}], ["aggregate", {...}]],
     "weight_sets": {...}, "uncertainty": {...},
     "analysis": {"replications": 200, "seed": 1, "sensitivity": true}}

Every step is written with all its defaults filled in (``make_recipe``), so the stored recipe says
exactly how the run was made. ``document`` turns it into the recipe file the CLI reads
(``kotacerdas index build/uncertainty --recipe``): the app and the CLI run the same recipe.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any

from kotacerdas.core.index import Framework, Recipe, make_recipe

# The methods offered in the form: those the engine runs without per-indicator parameters.
NORMALISE_METHODS = (
    "n_minmax",
    "n_zscore",
    "n_fracmax",
    "n_rank",
    "n_prank",
    "n_borda",
    "n_dist2max",
    "none",
)
IMPUTE_METHODS = ("i_mean", "i_median", "none")
AGGREGATE_METHODS = ("a_amean", "a_gmean", "a_hmean", "a_genmean", "a_copeland")
GENMEAN_P = 0.5
WEIGHT_SOURCES = ("meta", "equal", "custom")
WEIGHT_SETS = 100  # noisy weight sets drawn for the uncertainty analysis (COINr's default)


def _aggregate_spec(method: str) -> dict[str, Any]:
    spec: dict[str, Any] = {"method": method}
    if method == "a_genmean":
        spec["params"] = {"p": GENMEAN_P}
    return spec


def recipe_data(choices: Mapping[str, Any], framework: Framework) -> dict[str, Any]:
    """The stored recipe from the form's choices (engine checks happen when it is built)."""
    document: dict[str, Any] = {
        "impute": {"method": choices["impute"]},
        "normalise": {"method": choices["normalise"]},
        "aggregate": _aggregate_spec(choices["aggregate"]),
    }
    if choices["weights"] == "equal":
        document["aggregate"]["w"] = "equal"
    elif choices["weights"] == "custom":
        document["weight_sets"] = {"custom": dict(choices["custom_weights"])}
        document["aggregate"]["w"] = "custom"
    uncertainty: dict[str, Any] = {}
    noise = choices.get("weight_noise") or 0
    if noise:
        levels = range(1, framework.n_levels)
        uncertainty["weights"] = {
            "noise": {str(level): float(noise) for level in levels},
            "sets": WEIGHT_SETS,
        }
    if choices.get("alt_normalise"):
        uncertainty["normalise"] = [{"method": choices["normalise"]}, {"method": choices["alt_normalise"]}]
    if choices.get("alt_aggregate"):
        uncertainty["aggregate"] = [
            _aggregate_spec(choices["aggregate"]),
            _aggregate_spec(choices["alt_aggregate"]),
        ]
    if uncertainty:
        document["uncertainty"] = uncertainty
    recipe = make_recipe(document)  # fills every default, so the stored recipe is complete
    stored = stored_recipe(recipe)
    stored["analysis"] = {
        "replications": int(choices.get("replications") or 0) if uncertainty else 0,
        "seed": int(choices.get("seed") or 0),
        "sensitivity": bool(choices.get("sensitivity")) and bool(uncertainty),
    }
    return stored


def stored_recipe(recipe: Recipe) -> dict[str, Any]:
    full = recipe.to_dict()
    return {
        "steps": [[step.key, full[step.key]] for step in recipe.steps],
        "weight_sets": full.get("weight_sets", {}),
        "uncertainty": full.get("uncertainty", {}),
    }


def document(stored: Mapping[str, Any]) -> dict[str, Any]:
    """The recipe as the engine and the CLI read it: steps in their order, then the other keys."""
    out: dict[str, Any] = dict(stored["steps"])
    if stored.get("weight_sets"):
        out["weight_sets"] = stored["weight_sets"]
    if stored.get("uncertainty"):
        out["uncertainty"] = stored["uncertainty"]
    return out


def engine_recipe(stored: Mapping[str, Any]) -> Recipe:
    return make_recipe(document(stored))


def analysis(stored: Mapping[str, Any]) -> dict[str, Any]:
    return dict(stored.get("analysis") or {"replications": 0, "seed": 0, "sensitivity": False})


def recipe_file(stored: Mapping[str, Any]) -> str:
    """The recipe as a JSON file for ``kotacerdas index … --recipe``."""
    return json.dumps(document(stored), indent=2, ensure_ascii=False) + "\n"

"""The recipe: which COINr steps to run, in which order, with which parameters.

A recipe is plain data (YAML or JSON). Every step is ``{"method": ..., "params": {...}}`` with COINr's
method and parameter names; ``load_recipe`` checks names up front and fills in every default, so the
recipe stored with a result says exactly how it was made.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from kotacerdas.core.index.aggregate import AGGREGATORS
from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.impute import IMPUTE_METHODS
from kotacerdas.core.index.normalise import NORMALISERS
from kotacerdas.core.index.screen import SCREEN_METHODS
from kotacerdas.core.index.treat import TREAT_METHODS

STEP_KEYS = ("denominate", "screen", "impute", "treat", "normalise", "aggregate")
OTHER_KEYS = ("weight_sets", "uncertainty")

# Parameters each step accepts, with the defaults COINr uses.
STEP_DEFAULTS: dict[str, dict[str, Any]] = {
    "denominate": {"denomby": None, "scale_factors": None},
    "screen": {"dat_thresh": 2 / 3, "nonzero_thresh": 0.05, "force_include": [], "force_exclude": []},
    "impute": {"impute_by": "column", "use_group": None, "group_level": None, "normalise_first": None},
    "treat": {
        "winmax": 5,
        "skew_thresh": 2,
        "kurt_thresh": 3.5,
        "force_win": False,
        "f2": "log_CT",
        "combine_treat": False,
    },
    "aggregate": {},
}
STEP_METHODS: dict[str, tuple[str, ...]] = {
    "denominate": ("denominate",),
    "screen": SCREEN_METHODS,
    "impute": IMPUTE_METHODS,
    "treat": TREAT_METHODS,
    "normalise": tuple(NORMALISERS),
    "aggregate": AGGREGATORS,
}
DEFAULT_METHOD = {
    "denominate": "denominate",
    "screen": "byNA",
    "impute": "i_mean",
    "treat": "winsorise",
    "normalise": "n_minmax",
    "aggregate": "a_amean",
}
# Keys a step may carry beside method and params.
STEP_EXTRAS: dict[str, dict[str, Any]] = {
    "treat": {"indiv_specs": None},
    "normalise": {"indiv_specs": None},
    "aggregate": {"dat_thresh": None, "w": None},
}
AGGREGATE_PARAMS = {"a_genmean": {"p": None}}


def _signature_defaults(function: Callable[..., Any]) -> dict[str, Any]:
    skip = ("x", "codes")
    return {
        name: (list(p.default) if isinstance(p.default, tuple) else p.default)
        for name, p in inspect.signature(function).parameters.items()
        if name not in skip
    }


def _param_defaults(key: str, method: str) -> dict[str, Any]:
    if key == "normalise":
        return _signature_defaults(NORMALISERS[method]) if method != "none" else {}
    if key == "aggregate":
        return dict(AGGREGATE_PARAMS.get(method, {}))
    return dict(STEP_DEFAULTS[key])


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _check_param_type(where: str, value: Any, default: Any) -> None:
    """A parameter must have the type of its default (None = no limit, where COINr allows NULL)."""
    if value is None or default is None:
        return
    if isinstance(default, bool):
        ok, expected = isinstance(value, bool), "true or false"
    elif _is_number(default):
        ok, expected = _is_number(value), "a number"
    elif isinstance(default, list) and default and all(_is_number(v) for v in default):
        expected = f"a list of {len(default)} numbers"
        ok = isinstance(value, list) and len(value) == len(default) and all(_is_number(v) for v in value)
    elif isinstance(default, list):
        ok, expected = isinstance(value, list), "a list"
    elif isinstance(default, str):
        ok, expected = isinstance(value, str), "text"
    else:
        ok, expected = True, ""
    if not ok:
        raise CompositeIndexError(f"{where}: expected {expected}, got {value!r}")


@dataclass(frozen=True)
class Step:
    key: str
    method: Any  # a method name; for aggregate also a list of names, one per level
    params: Mapping[str, Any]
    extras: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"method": self.method, "params": dict(self.params), **dict(self.extras)}


def make_step(key: str, spec: Mapping[str, Any] | None) -> Step:
    """Check one step against COINr's names and fill its defaults."""
    if key not in STEP_KEYS:
        raise CompositeIndexError(f"recipe: unknown step '{key}' (known: {', '.join(STEP_KEYS)})")
    if isinstance(spec, str):  # shorthand: "impute: none", "aggregate: a_gmean"
        spec = {"method": spec}
    if not isinstance(spec, Mapping | type(None)):
        raise CompositeIndexError(f"recipe.{key}: must be a mapping with 'method' and 'params'")
    spec = dict(spec or {})
    method = spec.pop("method", DEFAULT_METHOD[key])
    # aggregate alone may take one method per level above 1, as COINr's f_ag vector
    methods = list(method) if key == "aggregate" and isinstance(method, list) else [str(method)]
    for name in methods:
        if name not in STEP_METHODS[key]:
            raise CompositeIndexError(
                f"recipe.{key}: method '{name}' is not one of {', '.join(STEP_METHODS[key])}"
            )
    method = methods if isinstance(method, list) and key == "aggregate" else methods[0]
    params = spec.pop("params", None) or {}
    if not isinstance(params, dict):
        raise CompositeIndexError(f"recipe.{key}.params: must be a mapping")
    extras_allowed = STEP_EXTRAS.get(key, {})
    for extra in extras_allowed:  # step-level keys are also accepted inside params
        if extra in params:
            spec.setdefault(extra, params.pop(extra))
    defaults: dict[str, Any] = {}
    for name in methods:
        defaults.update(_param_defaults(key, name))
    unknown = sorted(set(params) - set(defaults))
    if unknown:
        raise CompositeIndexError(
            f"recipe.{key}: unknown param(s) {', '.join(unknown)} for method '{method}' "
            f"(known: {', '.join(defaults) or 'none'})"
        )
    unknown_keys = sorted(set(spec) - set(extras_allowed))
    if unknown_keys:
        raise CompositeIndexError(f"recipe.{key}: unknown key(s) {', '.join(unknown_keys)}")
    for name, value in params.items():
        _check_param_type(f"recipe.{key}.params.{name}", value, defaults[name])
    filled = {**defaults, **params}
    if key == "aggregate" and "a_genmean" in methods and not _is_number(filled.get("p")):
        raise CompositeIndexError(
            f"recipe.aggregate: method a_genmean needs a number params.p, got {filled.get('p')!r}"
        )
    return Step(key, method, filled, {**extras_allowed, **spec})


@dataclass(frozen=True)
class Recipe:
    steps: tuple[Step, ...]
    weight_sets: Mapping[str, Any] = field(default_factory=dict)
    uncertainty: Mapping[str, Any] = field(default_factory=dict)

    def step(self, key: str) -> Step | None:
        return next((s for s in self.steps if s.key == key), None)

    @property
    def aggregation(self) -> Step:
        step = self.step("aggregate")
        assert step is not None  # make_recipe always adds one
        return step

    def replace_step(self, new: Step) -> Recipe:
        return Recipe(
            tuple(new if s.key == new.key else s for s in self.steps), self.weight_sets, self.uncertainty
        )

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {s.key: s.to_dict() for s in self.steps}
        if self.weight_sets:
            out["weight_sets"] = dict(self.weight_sets)
        if self.uncertainty:
            out["uncertainty"] = dict(self.uncertainty)
        return out


def make_recipe(data: Mapping[str, Any] | None) -> Recipe:
    """Build a recipe from plain data: steps in the order given, an aggregate step appended if absent."""
    data = dict(data or {})
    unknown = sorted(set(data) - set(STEP_KEYS) - set(OTHER_KEYS))
    if unknown:
        raise CompositeIndexError(
            f"recipe: unknown key(s) {', '.join(unknown)} (steps: {', '.join(STEP_KEYS)})"
        )
    steps = [make_step(k, data[k]) for k in data if k in STEP_KEYS]
    if not any(s.key == "aggregate" for s in steps):
        steps.append(make_step("aggregate", None))
    if steps[-1].key != "aggregate":
        raise CompositeIndexError("recipe: 'aggregate' must be the last step")
    weight_sets = data.get("weight_sets") or {}
    if not isinstance(weight_sets, dict):
        raise CompositeIndexError("recipe.weight_sets: must map a set name to {iCode: weight}")
    uncertainty = data.get("uncertainty") or {}
    if not isinstance(uncertainty, dict):
        raise CompositeIndexError("recipe.uncertainty: must be a mapping")
    return Recipe(tuple(steps), weight_sets, uncertainty)


def load_recipe(path: str | Path | None) -> Recipe:
    """Read a YAML or JSON recipe file (JSON is valid YAML); no path means all defaults."""
    if path is None:
        return make_recipe(None)
    path = Path(path)
    if not path.exists():
        raise CompositeIndexError(f"recipe file not found: {path}")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise CompositeIndexError(f"recipe {path}: not valid YAML/JSON: {exc}") from None
    if data is not None and not isinstance(data, dict):
        raise CompositeIndexError(f"recipe {path}: the top level must be a mapping of steps")
    return make_recipe(data)


def dump_recipe(recipe: Recipe) -> str:
    return json.dumps(recipe.to_dict(), indent=2, sort_keys=False)

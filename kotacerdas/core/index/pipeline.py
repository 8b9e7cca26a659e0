"""Running a recipe: the nominal build of an index, and its regeneration from the stored recipe."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kotacerdas.core.index.aggregate import aggregate
from kotacerdas.core.index.denominate import denominate
from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.impute import impute
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.normalise import normalise
from kotacerdas.core.index.ranks import rank_columns
from kotacerdas.core.index.recipe import Recipe, Step
from kotacerdas.core.index.screen import ScreenReport, screen
from kotacerdas.core.index.treat import TreatReport, treat
from kotacerdas.core.index.weights import resolve_weights


@dataclass(frozen=True)
class Prepared:
    """The level-1 data after every step before aggregation, with what the steps reported."""

    dataset: Dataset
    treatment: TreatReport | None = None
    screening: ScreenReport | None = None


@dataclass(frozen=True)
class IndexResult:
    """COINr's "Aggregated" data set with ranks, and the recipe and input hash that made it."""

    units: tuple[str, ...]
    codes: tuple[str, ...]
    scores: np.ndarray
    ranks: np.ndarray
    recipe: Recipe
    input_hash: str
    prepared: Prepared

    def column(self, code: str) -> np.ndarray:
        return self.scores[:, self.codes.index(code)]

    def table(self, values: np.ndarray | None = None) -> list[dict[str, Any]]:
        values = self.scores if values is None else values
        return [
            {"uCode": unit, **dict(zip(self.codes, row.tolist(), strict=True))}
            for unit, row in zip(self.units, values, strict=True)
        ]


def apply_step(prepared: Prepared, step: Step, framework: Framework) -> Prepared:
    """One pre-aggregation step, by COINr's name."""
    data, p = prepared.dataset, dict(step.params)
    if step.key == "denominate":
        return Prepared(denominate(data, framework, **p), prepared.treatment, prepared.screening)
    if step.key == "screen":
        screened, screening = screen(data, unit_screen=step.method, **p)
        return Prepared(screened, prepared.treatment, screening)
    if step.key == "impute":
        return Prepared(impute(data, framework, f_i=step.method, **p), prepared.treatment, prepared.screening)
    if step.key == "treat":
        if step.method == "none":
            return prepared
        treated, report = treat(data, framework, indiv_specs=step.extras.get("indiv_specs"), **p)
        return Prepared(treated, report, prepared.screening)
    if step.key == "normalise":
        normalised = normalise(data, framework, step.method, p, step.extras.get("indiv_specs"))
        return Prepared(normalised, prepared.treatment, prepared.screening)
    raise CompositeIndexError(f"recipe: step '{step.key}' cannot come before aggregate")


def prepare(framework: Framework, dataset: Dataset, steps: Sequence[Step]) -> Prepared:
    prepared = Prepared(dataset)
    for step in steps:
        if step.key != "aggregate":
            prepared = apply_step(prepared, step, framework)
    return prepared


def aggregation_weights(recipe: Recipe, framework: Framework, level1: np.ndarray) -> dict[str, float] | None:
    return resolve_weights(recipe.aggregation.extras.get("w"), framework, recipe.weight_sets, level1)


def build(framework: Framework, dataset: Dataset, recipe: Recipe, input_hash: str = "") -> IndexResult:
    """Run the recipe's steps in order and aggregate: the nominal index."""
    prepared = prepare(framework, dataset, recipe.steps)
    level1 = prepared.dataset.values
    step = recipe.aggregation
    scores = aggregate(
        level1,
        framework,
        prepared.dataset.units,
        f_ag=step.method,
        f_ag_para=dict(step.params) or None,
        w=aggregation_weights(recipe, framework, level1),
        dat_thresh=step.extras.get("dat_thresh"),
    )
    return IndexResult(
        units=prepared.dataset.units,
        codes=framework.all_codes,
        scores=scores,
        ranks=rank_columns(scores),
        recipe=recipe,
        input_hash=input_hash,
        prepared=prepared,
    )


def regenerate(
    result: IndexResult, framework: Framework, dataset: Dataset, input_hash: str = ""
) -> IndexResult:
    """Rebuild a result from its own recipe; refuses if the inputs are not the ones it was made from."""
    if result.input_hash and input_hash and input_hash != result.input_hash:
        raise CompositeIndexError(
            f"regenerate: inputs differ from the ones this result was built from "
            f"(hash {input_hash[:12]} vs {result.input_hash[:12]})"
        )
    return build(framework, dataset, result.recipe, input_hash or result.input_hash)

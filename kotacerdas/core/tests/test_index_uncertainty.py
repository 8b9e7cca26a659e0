"""Uncertainty and sensitivity analysis: COINr's own replications, reproducibility, Sobol estimators."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from kotacerdas.core.index import CompositeIndexError, build, load, make_recipe
from kotacerdas.core.index.aggregate import weight_matrix
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.sobol import ishigami, ishigami_indices, saltelli_sample, sobol_indices
from kotacerdas.core.index.uncertainty import (
    UncertainInput,
    UncertaintyResult,
    _alternatives,
    evaluate_runs,
    run_uncertainty,
)

DATA = Path(__file__).parent / "data"
COINR = DATA / "coinr"
BASE: dict[str, Any] = {
    "denominate": {"method": "denominate"},
    "impute": {"method": "i_mean_grp", "params": {"use_group": "EurAsia_group"}},
    "screen": {"method": "byNA", "params": {"dat_thresh": 0.9}},
    "treat": {"method": "winsorise", "params": {"winmax": 5}},
    "normalise": {"method": "n_minmax", "params": {"l_u": [0, 100]}},
    "aggregate": {"method": "a_amean"},
}
NORMALISATIONS = [
    {"method": "n_minmax", "params": {"l_u": [1, 100]}},
    {"method": "n_zscore", "params": {"m_sd": [10, 2]}},
]
AGGREGATIONS = [{"method": "a_amean"}, {"method": "a_gmean"}, {"method": "a_hmean"}]


@pytest.fixture(scope="module")
def asem() -> tuple[Framework, Dataset]:
    return load(DATA / "index" / "asem_iData.csv", DATA / "index" / "asem_iMeta.csv")


def _csv(name: str) -> list[dict[str, str]]:
    with (COINR / name).open(newline="") as handle:
        return list(csv.DictReader(handle))


def test_vectorised_runs_equal_coinr_regenerated_coins(asem: tuple[Framework, Dataset]) -> None:
    """The ten replications of COINr's get_sensitivity (seed 42), replayed with their weights and methods."""
    framework, dataset = asem
    recipe = make_recipe(BASE)
    para = _csv("ua_seed42_N10_para.csv")
    weights_by_rep: dict[int, dict[str, float]] = {}
    for row in _csv("ua_seed42_N10_weights.csv"):
        weights_by_rep.setdefault(int(row["rep"]), {})[row["iCode"]] = float(row["Weight"])
    inputs = (
        UncertainInput("weights", tuple(weight_matrix(framework, [weights_by_rep[r] for r in range(1, 11)]))),
        UncertainInput("normalise", _alternatives(recipe, "normalise", NORMALISATIONS)),
        UncertainInput("aggregate", _alternatives(recipe, "aggregate", AGGREGATIONS)),
    )
    choices = np.array(
        [
            [
                int(p["rep"]) - 1,
                ["n_minmax", "n_zscore"].index(p["f_n"]),
                ["a_amean", "a_gmean", "a_hmean"].index(p["f_ag"]),
            ]
            for p in para
        ]
    )
    nominal = build(framework, dataset, recipe)
    _, scores, failed = evaluate_runs(
        framework,
        dataset,
        recipe,
        inputs,
        choices,
        weight_matrix(framework)[0],
        nominal.units,
        "Index",
        keep_scores=True,
    )
    assert failed == 0 and scores is not None
    expected = {row["uCode"]: row for row in _csv("ua_seed42_N10_scores.csv")}
    theirs = np.array([[float(expected[u][f"r_{r}"]) for r in range(1, 11)] for u in nominal.units]).T
    np.testing.assert_allclose(scores, theirs, rtol=1e-9, atol=0)
    nominal_theirs = np.array([float(expected[u]["Nominal"]) for u in nominal.units])
    np.testing.assert_allclose(nominal.column("Index"), nominal_theirs, rtol=1e-9, atol=0)


def test_rank_statistics_follow_coinr_rankstats(asem: tuple[Framework, Dataset]) -> None:
    """Mean, median and R type-7 5%/95% quantiles of per-run ranks, on COINr's own ranks."""
    ranks_rows = _csv("ua_seed42_N10_ranks.csv")
    units = tuple(r["uCode"] for r in ranks_rows)
    ranks = np.array([[float(r[f"r_{k}"]) for r in ranks_rows] for k in range(1, 11)], dtype=np.float32)
    nominal = np.array([float(r["Nominal"]) for r in ranks_rows])
    result = UncertaintyResult(units, "Index", nominal, nominal, ranks, (), np.zeros((10, 0)), 10, None, 0)
    expected = {r["uCode"]: r for r in _csv("ua_seed42_N10_rankstats.csv")}
    for stats in result.rank_statistics():
        theirs = expected[stats["uCode"]]
        assert stats["nominal"] == float(theirs["Nominal"])
        for ours_key, their_key in (("mean", "Mean"), ("median", "Median"), ("q05", "Q5"), ("q95", "Q95")):
            assert stats[ours_key] == pytest.approx(float(theirs[their_key]), rel=1e-12), (
                stats["uCode"],
                ours_key,
            )


def _ua_recipe(**uncertainty: Any) -> Any:
    return make_recipe({**BASE, "normalise": NORMALISATIONS[0], "uncertainty": uncertainty})


def test_zero_perturbation_reproduces_the_nominal_ranks(asem: tuple[Framework, Dataset]) -> None:
    recipe = _ua_recipe(weights={"noise": {2: 0.0, 3: 0.0}, "sets": 5}, normalise=[NORMALISATIONS[0]])
    result = run_uncertainty(*asem, recipe, n=40, seed=1)
    assert result.failed_runs == 0
    np.testing.assert_array_equal(result.ranks, np.tile(result.nominal_ranks, (40, 1)))
    stats = result.rank_statistics()
    assert all(s["q05"] == s["q95"] == s["median"] == s["nominal"] for s in stats)


def test_a_fixed_seed_gives_identical_output_whatever_the_chunk_size(asem: tuple[Framework, Dataset]) -> None:
    recipe = _ua_recipe(
        weights={"noise": {2: 0.25, 3: 0.25}}, normalise=NORMALISATIONS, aggregate=AGGREGATIONS
    )
    first = run_uncertainty(*asem, recipe, n=300, seed=7)
    again = run_uncertainty(*asem, recipe, n=300, seed=7, chunk=37)
    other = run_uncertainty(*asem, recipe, n=300, seed=8)
    np.testing.assert_array_equal(first.ranks, again.ranks)
    np.testing.assert_array_equal(first.choices, again.choices)
    assert not np.array_equal(first.ranks, other.ranks)
    # the perturbation does move ranks: intervals are not all degenerate
    assert any(s["q95"] > s["q05"] for s in first.rank_statistics())


def test_excluding_an_indicator_equals_giving_it_zero_weight(asem: tuple[Framework, Dataset]) -> None:
    recipe = _ua_recipe(exclude=["Flights"])
    result = run_uncertainty(*asem, recipe, n=30, seed=3)
    without = build(
        *asem, make_recipe({**BASE, "normalise": NORMALISATIONS[0], "aggregate": {"w": {"Flights": 0}}})
    )
    dropped = result.choices[:, 0] == 1
    assert dropped.any() and (~dropped).any()
    np.testing.assert_array_equal(result.ranks[dropped][0], without.ranks[:, without.codes.index("Index")])
    np.testing.assert_array_equal(result.ranks[~dropped][0], result.nominal_ranks)


def test_ishigami_sobol_indices_match_the_analytic_values() -> None:
    n = 20_000
    sample = saltelli_sample(n, 3, np.random.default_rng(12345))
    indices = sobol_indices(ishigami(sample), n, 3)
    first, total = ishigami_indices()
    np.testing.assert_allclose(first, [0.3139, 0.4424, 0.0], atol=1e-4)
    np.testing.assert_allclose(total, [0.5576, 0.4424, 0.2437], atol=1e-4)
    np.testing.assert_allclose(indices.first_order, first, atol=0.04)
    np.testing.assert_allclose(indices.total, total, atol=0.04)


def test_an_input_without_effect_gets_zero_sensitivity(asem: tuple[Framework, Dataset]) -> None:
    recipe = _ua_recipe(
        normalise=[NORMALISATIONS[0], NORMALISATIONS[0]],  # two identical alternatives: no effect
        aggregate=AGGREGATIONS,
    )
    result = run_uncertainty(*asem, recipe, n=64, seed=5, sensitivity=True)
    assert result.ranks.shape == (64 * 4, 51)
    assert result.sensitivity is not None
    assert result.sensitivity.first_order[0] == 0 and result.sensitivity.total[0] == 0
    assert result.sensitivity.total[1] > 0.5


def test_declared_inputs_are_checked(asem: tuple[Framework, Dataset]) -> None:
    with pytest.raises(CompositeIndexError, match="uncertainty: declare at least one"):
        run_uncertainty(*asem, make_recipe(BASE), n=10, seed=1)
    with pytest.raises(CompositeIndexError, match="exclude: 'Nope'"):
        run_uncertainty(*asem, _ua_recipe(exclude=["Nope"]), n=10, seed=1)
    with pytest.raises(CompositeIndexError, match="level 7"):
        run_uncertainty(*asem, _ua_recipe(weights={"noise": {7: 0.1}}), n=10, seed=1)
    with pytest.raises(CompositeIndexError, match="needs at least two uncertain inputs"):
        run_uncertainty(*asem, _ua_recipe(exclude=["LPI"]), n=10, seed=1, sensitivity=True)


@pytest.mark.parametrize(
    ("uncertainty", "message"),
    [
        ({"weights": {"noise": "25%"}}, "uncertainty.weights: expected"),
        ({"weights": {"noise": {"two": 0.1}}}, "noise: expected level: factor numbers"),
        ({"aggregate": [3]}, "each alternative must be a step mapping"),
        ({"exclude": "LPI"}, "expected a list of iCodes"),
        (
            {"normalise": [{"method": "n_zscore", "params": {"m_sd": 5}}]},
            "m_sd: expected a list of 2 numbers",
        ),
    ],
)
def test_malformed_uncertainty_blocks_are_named(
    asem: tuple[Framework, Dataset], uncertainty: dict[str, Any], message: str
) -> None:
    with pytest.raises(CompositeIndexError, match=message):
        run_uncertainty(*asem, _ua_recipe(**uncertainty), n=10, seed=1)


def test_alternatives_may_be_bare_method_names(asem: tuple[Framework, Dataset]) -> None:
    result = run_uncertainty(*asem, _ua_recipe(aggregate=["a_amean", "a_gmean"]), n=20, seed=2)
    assert [step.method for step in result.inputs[0].options] == ["a_amean", "a_gmean"]


def test_failing_alternatives_are_counted_in_ua_and_refused_in_sa(asem: tuple[Framework, Dataset]) -> None:
    # z-scores have negative values, so the geometric mean cannot be computed on them
    recipe = _ua_recipe(
        normalise=[NORMALISATIONS[0], {"method": "n_zscore"}],
        aggregate=[{"method": "a_amean"}, {"method": "a_gmean"}],
    )
    result = run_uncertainty(*asem, recipe, n=200, seed=9)
    failing = (result.choices[:, 0] == 1) & (result.choices[:, 1] == 1)
    assert result.failed_runs == failing.sum() > 0
    assert np.isnan(result.ranks[failing]).all() and not np.isnan(result.ranks[~failing]).any()
    with pytest.raises(CompositeIndexError, match="runs could not be computed"):
        run_uncertainty(*asem, recipe, n=50, seed=9, sensitivity=True)

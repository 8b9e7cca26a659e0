"""Each pipeline step on small worked examples whose answers can be checked by hand."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import stats as scipy_stats

from kotacerdas.core.index import build, dataset_from_rows, framework_from_rows, load, make_recipe, regenerate
from kotacerdas.core.index.aggregate import aggregate
from kotacerdas.core.index.analysis import correlation_matrix, cronbach_alpha, level_correlations
from kotacerdas.core.index.impute import impute
from kotacerdas.core.index.normalise import normalise
from kotacerdas.core.index.ranks import rank_columns, rank_rows
from kotacerdas.core.index.recipe import make_recipe as recipe_from
from kotacerdas.core.index.stats import kurt, r_mean, skew
from kotacerdas.core.index.treat import treat_column
from kotacerdas.core.index.weights import effective_weights, pca_weights, priority_weights

ASEM = Path(__file__).parent / "data" / "index"


def three_indicator_framework(directions: tuple[int, int, int] = (1, 1, 1)):  # type: ignore[no-untyped-def]
    meta = [
        {
            "iCode": f"i{k}",
            "Level": "1",
            "Parent": "Index",
            "Direction": str(d),
            "Weight": "1",
            "Type": "Indicator",
        }
        for k, d in enumerate(directions, start=1)
    ]
    meta.append(
        {"iCode": "Index", "Level": "2", "Parent": "", "Direction": "1", "Weight": "1", "Type": "Aggregate"}
    )
    return framework_from_rows(meta)


def test_skew_and_kurtosis_are_the_unbiased_sample_estimators() -> None:
    x = np.array([*range(1, 11), 30.0, 100.0])  # COINr's Treat vignette example
    assert skew(x) == pytest.approx(scipy_stats.skew(x, bias=False), rel=1e-12)
    assert kurt(x) == pytest.approx(scipy_stats.kurtosis(x, bias=False), rel=1e-12)
    assert skew(x) == pytest.approx(3.0632, abs=1e-4)


def test_winsorising_the_vignette_example_replaces_only_the_top_outlier() -> None:
    x = np.array([*range(1, 11), 30.0, 100.0])
    treated, report = treat_column(x, "x", winmax=5)
    # 100 becomes the next highest value, 30; then |skew| = 1.71 < 2 and the column passes
    assert treated.tolist() == [*range(1, 11), 30.0, 30.0]
    assert report.n_winsorised == 1 and report.second_treatment is None
    assert report.treated_points[-1] == "winhi" and not any(report.treated_points[:-1])


def test_a_column_still_skewed_after_winmax_is_log_transformed_from_the_original() -> None:
    x = np.array([1.0] * 20 + [2.0, 3.0, 50.0, 400.0, 1000.0])
    treated, report = treat_column(x, "x", winmax=1)
    expected = np.log(x - 1 + 0.01 * (1000 - 1))
    np.testing.assert_allclose(treated, expected, rtol=1e-15)
    assert report.second_treatment == "log_CT" and set(report.treated_points) == {"log_CT"}


def test_minmax_respects_direction_and_zscore_uses_sample_sd() -> None:
    framework = three_indicator_framework((1, -1, 1))
    dataset = dataset_from_rows(
        [
            {"uCode": u, "i1": a, "i2": b, "i3": c}
            for u, a, b, c in [("A", 0, 10, 1), ("B", 5, 20, 2), ("C", 10, 30, 6)]
        ],
        framework,
    )
    minmax = normalise(dataset, framework, "n_minmax", {"l_u": [1, 100]}).values
    assert minmax[:, 0].tolist() == [1.0, 50.5, 100.0]
    assert minmax[:, 1].tolist() == [100.0, 50.5, 1.0]  # lower is better for i2
    z = normalise(dataset, framework, "n_zscore", {"m_sd": [10, 2]}).values[:, 2]
    np.testing.assert_allclose(z, 10 + 2 * (np.array([1, 2, 6]) - 3) / np.std([1, 2, 6], ddof=1))
    ranks = normalise(dataset, framework, "n_rank", {}).values[:, 1]
    assert ranks.tolist() == [3.0, 2.0, 1.0]


def test_distance_to_target_reads_targets_from_imeta() -> None:
    meta = [
        {
            "iCode": "i1",
            "Level": "1",
            "Parent": "Index",
            "Direction": "1",
            "Weight": "1",
            "Type": "Indicator",
            "Target": "8",
        },
        {
            "iCode": "Index",
            "Level": "2",
            "Parent": "",
            "Direction": "1",
            "Weight": "1",
            "Type": "Aggregate",
            "Target": "",
        },
    ]
    framework = framework_from_rows(meta)
    dataset = dataset_from_rows(
        [{"uCode": u, "i1": v} for u, v in [("A", 2), ("B", 5), ("C", 10)]], framework
    )
    out = normalise(dataset, framework, "n_dist2targ", {"cap_max": True}).values[:, 0]
    assert out.tolist() == [0.0, 0.5, 1.0]  # (x - 2)/(8 - 2), capped at 1


def test_arithmetic_mean_with_data_threshold_follows_the_aggregate_vignette() -> None:
    # COINr Aggregate vignette: df1 = (i1 1,2,3; i2 3,NA,NA; i3 1,NA,1), dat_thresh = 2/3
    framework = three_indicator_framework()
    x = np.array([[1, 3, 1], [2, np.nan, np.nan], [3, np.nan, 1]], dtype=float)
    scores = aggregate(x, framework, ("a", "b", "c"), dat_thresh=2 / 3)[:, -1]
    assert scores[0] == pytest.approx(5 / 3) and np.isnan(scores[1]) and scores[2] == 2.0


def test_geometric_harmonic_and_generalised_means_with_weights() -> None:
    framework = three_indicator_framework()
    x = np.array([[1.0, 4.0, 16.0]])
    w = {"i1": 1.0, "i2": 2.0, "i3": 1.0}
    assert aggregate(x, framework, ("a",), "a_gmean", w=w)[0, -1] == pytest.approx(4.0)
    assert aggregate(x, framework, ("a",), "a_hmean", w=w)[0, -1] == pytest.approx(4 / (1 + 2 / 4 + 1 / 16))
    assert aggregate(x, framework, ("a",), "a_genmean", {"p": 2}, w=w)[0, -1] == pytest.approx(
        np.sqrt(289 / 4)
    )
    # COINr's a_genmean does not skip missing children
    assert np.isnan(
        aggregate(np.array([[1.0, np.nan, 4.0]]), framework, ("a",), "a_genmean", {"p": 2})[0, -1]
    )


def test_copeland_counts_pairwise_majorities() -> None:
    framework = three_indicator_framework()
    # A beats B on 2 of 3, B beats C on 3 of 3, A vs C: A wins i1, C wins i2, tie on i3 -> 0.5: draw
    x = np.array([[3.0, 1.0, 5.0], [2.0, 2.0, 4.0], [1.0, 3.0, 5.0]])
    # pairs: A-B (A wins 2/3) , A-C (1/3 + 1/6 = 0.5 draw), B-C (B wins i1, C wins i2, C wins i3: C)
    scores = aggregate(x, framework, ("A", "B", "C"), "a_copeland")[:, -1]
    assert scores.tolist() == [1.0, -2.0, 1.0]


def test_ranks_put_the_best_first_and_ties_share_the_minimum() -> None:
    assert rank_rows(np.array([3.0, 1.0, 3.0, np.nan, 2.0])).tolist()[:3] == [1.0, 4.0, 1.0]
    assert np.isnan(rank_rows(np.array([3.0, 1.0, 3.0, np.nan, 2.0]))[3])
    assert rank_columns(np.array([[1.0, 5.0], [2.0, 5.0]])).tolist() == [[2.0, 1.0], [1.0, 1.0]]


def test_group_mean_imputation_and_row_imputation() -> None:
    framework = three_indicator_framework()
    rows = [
        {"uCode": "A", "grp": "x", "i1": 1, "i2": 10, "i3": 0},
        {"uCode": "B", "grp": "x", "i1": 3, "i2": "", "i3": 1},
        {"uCode": "C", "grp": "y", "i1": 5, "i2": 30, "i3": 2},
        {"uCode": "D", "grp": "y", "i1": 7, "i2": 50, "i3": 4},
    ]
    meta_with_group = framework_from_rows(
        [
            *[
                {
                    "iCode": c,
                    "Level": "1",
                    "Parent": "Index",
                    "Direction": "1",
                    "Weight": "1",
                    "Type": "Indicator",
                }
                for c in ("i1", "i2", "i3")
            ],
            {
                "iCode": "Index",
                "Level": "2",
                "Parent": "",
                "Direction": "1",
                "Weight": "1",
                "Type": "Aggregate",
            },
            {"iCode": "grp", "Level": "", "Parent": "", "Direction": "", "Weight": "", "Type": "Group"},
        ]
    )
    dataset = dataset_from_rows([{k: str(v) for k, v in r.items()} for r in rows], meta_with_group)
    by_group = impute(dataset, meta_with_group, "i_mean_grp", use_group="grp").values
    assert by_group[1, 1] == 10.0  # the mean of group x only
    assert impute(dataset, meta_with_group, "i_median").values[1, 1] == 30.0
    # by row: min-max scale columns, take B's mean scaled value (i1: 1/3, i3: 1/4), scale back for i2
    by_row = impute(dataset, framework, "i_mean", impute_by="row").values
    assert by_row[1, 1] == pytest.approx(10 + (1 / 3 + 1 / 4) / 2 * 40)
    assert r_mean(np.array([1.0, np.nan, 2.0])) == 1.5


def test_effective_pca_and_priority_weights() -> None:
    framework, dataset = load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    effective = effective_weights(framework)
    assert effective["LPI"] == pytest.approx(1 / 8 / 5 / 2)  # 8 indicators, 5 pillars, 2 sub-indices
    assert effective["Environ"] == pytest.approx(1 / 3 / 2)
    assert sum(effective[c] for c in framework.indicators) == pytest.approx(1.0)
    assert priority_weights(["a", "b"], [3, 1]) == {"a": 0.75, "b": 0.25}
    result = build(framework, dataset, make_recipe({"impute": {"method": "i_mean"}, "normalise": {}}))
    weights = pca_weights(framework, result.prepared.dataset.values)
    physical = [weights[c] for c in framework.children("Physical")]
    assert sum(w**2 for w in physical) == pytest.approx(1.0)  # unit-length loading vector
    with_pca = build(
        framework,
        dataset,
        make_recipe({"impute": {"method": "i_mean"}, "normalise": {}, "aggregate": {"w": "pca"}}),
    )
    assert not np.allclose(with_pca.column("Index"), result.column("Index"))


def test_cronbach_alpha_and_correlations_on_a_known_case() -> None:
    items = np.array([[1.0, 2.0], [2.0, 4.0], [3.0, 6.0]])
    # two perfectly correlated items: alpha = 2 * 2*cov / (var1 + var2 + 2 cov) with cov = 2, vars 1, 4
    assert cronbach_alpha(items) == pytest.approx(4 * 2 / 9)
    assert correlation_matrix(items)[0, 1] == pytest.approx(1.0)
    assert correlation_matrix(np.array([[1.0, 1.0], [2.0, 8.0], [3.0, 27.0]]), "spearman")[
        0, 1
    ] == pytest.approx(1.0)


def test_a_result_regenerates_identically_from_its_stored_recipe() -> None:
    framework, dataset = load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    recipe = make_recipe({"impute": {"method": "i_median"}, "treat": {}, "normalise": {"method": "n_zscore"}})
    first = build(framework, dataset, recipe, input_hash="abc")
    stored = recipe_from(first.recipe.to_dict())  # e.g. read back from recipe.json
    again = build(framework, dataset, stored)
    np.testing.assert_array_equal(first.scores, again.scores)
    np.testing.assert_array_equal(regenerate(first, framework, dataset).scores, first.scores)
    with pytest.raises(Exception, match="inputs differ"):
        regenerate(first, framework, dataset, input_hash="xyz")


def test_correlations_across_levels_keep_only_the_parent_when_asked() -> None:
    framework, dataset = load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    result = build(framework, dataset, make_recipe({"impute": {"method": "i_mean"}, "normalise": {}}))
    rows, cols, matrix = level_correlations(result.scores, result.codes, framework, 1, 2, with_parent=True)
    i, j = rows.index("LPI"), cols.index("Physical")
    assert matrix[i, j] == pytest.approx(np.corrcoef(result.column("LPI"), result.column("Physical"))[0, 1])
    assert np.isnan(matrix[i, cols.index("Social")])
    assert np.count_nonzero(~np.isnan(matrix)) == len(framework.indicators)
    _, _, spearman = level_correlations(result.scores, result.codes, framework, 3, 3, method="spearman")
    assert spearman[0, 0] == pytest.approx(1.0) and -1 <= spearman[0, 1] <= 1


def test_copeland_with_a_gap_gives_the_missing_share_to_the_later_code_whatever_the_row_order() -> None:
    framework = three_indicator_framework()
    # A and B: A better on i1, B better on i2, i3 missing for B. COINr scores the pair for the unit
    # first in code order (A): 1/3 < 0.5, so A loses and B (1 - 1/3) wins, though they drew on shared data.
    x = np.array([[2.0, 1.0, 5.0], [1.0, 2.0, np.nan]])
    in_order = aggregate(x, framework, ("A", "B"), "a_copeland")[:, -1]
    reversed_rows = aggregate(x[::-1].copy(), framework, ("B", "A"), "a_copeland")[:, -1]
    assert in_order.tolist() == [-1.0, 1.0]
    assert reversed_rows.tolist() == [1.0, -1.0]

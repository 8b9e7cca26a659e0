"""AHP against published worked examples, plus validation and group aggregation."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.core import ahp

# Saaty, T. L. (1990) "How to make a decision: the analytic hierarchy process",
# European Journal of Operational Research 48, 9-26, Table 2 (buying a house).
# Published: priorities .173 .054 .188 .018 .031 .036 .167 .333, λmax 9.669, CI .238, CR .169.
HOUSE_LABELS = ["size", "transport", "neighbourhood", "age", "yard", "modern", "condition", "financing"]
HOUSE: list[list[object]] = [
    [1, 5, 3, 7, 6, 6, "1/3", "1/4"],
    ["1/5", 1, "1/3", 5, 3, 3, "1/5", "1/7"],
    ["1/3", 3, 1, 6, 3, 4, 6, "1/5"],
    ["1/7", "1/5", "1/6", 1, "1/3", "1/4", "1/7", "1/8"],
    ["1/6", "1/3", "1/3", 3, 1, "1/2", "1/5", "1/6"],
    ["1/6", "1/3", "1/4", 4, 2, 1, "1/5", "1/6"],
    [3, 5, "1/6", 7, 5, 5, 1, "1/2"],
    [4, 7, 5, 8, 6, 6, 2, 1],
]

# Saaty, T. L. (2008) "Decision making with the analytic hierarchy process",
# Int. J. Services Sciences 1(1), 83-98, Table 2 (relative consumption of drinks in the US).
# Published eigenvector: .177 .019 .042 .116 .190 .129 .327 (3 decimals). The 4-decimal
# values and CR 0.022 (Saaty RI) are also asserted by the independent AHPy test suite
# (PhilipGriffith/AHPy, tests/test_ahpy.py), which cites the same paper.
DRINKS_LABELS = ["coffee", "wine", "tea", "beer", "sodas", "milk", "water"]
DRINKS: list[list[object]] = [
    [1, 9, 5, 2, 1, 1, "1/2"],
    ["1/9", 1, "1/3", "1/9", "1/9", "1/9", "1/9"],
    ["1/5", 3, 1, "1/3", "1/4", "1/3", "1/9"],
    ["1/2", 9, 3, 1, "1/2", 1, "1/3"],
    [1, 9, 4, 2, 1, 2, "1/2"],
    [1, 9, 3, 1, "1/2", 1, "1/3"],
    [2, 9, 9, 3, 2, 3, 1],
]

# Wikipedia, "Analytic hierarchy process - leader example" (criteria level), which
# publishes priorities 0.547 0.127 0.270 0.056 and CR 0.044.
LEADER_LABELS = ["experience", "education", "charisma", "age"]
LEADER_JUDGEMENTS: dict[tuple[str, str], object] = {
    ("experience", "education"): 4,
    ("experience", "charisma"): 3,
    ("experience", "age"): 7,
    ("education", "charisma"): "1/3",
    ("education", "age"): 3,
    ("charisma", "age"): 5,
}


def test_it_reproduces_saatys_house_example() -> None:
    result = ahp.analyse(ahp.pairwise_matrix(HOUSE_LABELS, HOUSE))
    published = [0.173, 0.054, 0.188, 0.018, 0.031, 0.036, 0.167, 0.333]
    assert result.priorities == pytest.approx(published, abs=5e-4)
    assert result.lambda_max == pytest.approx(9.669, abs=5e-4)
    assert result.consistency_index == pytest.approx(0.238, abs=5e-4)
    assert result.random_index == 1.41
    assert result.consistency_ratio == pytest.approx(0.169, abs=5e-4)


def test_it_reproduces_saatys_drinks_example_to_four_decimals() -> None:
    result = ahp.analyse(ahp.pairwise_matrix(DRINKS_LABELS, DRINKS))
    four_decimals = [0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268]
    assert [round(p, 4) for p in result.priorities] == four_decimals
    assert round(result.consistency_ratio, 3) == 0.022
    assert result.is_consistent
    assert result.warning() is None


def test_it_reproduces_the_wikipedia_leader_example() -> None:
    result = ahp.analyse(ahp.matrix_from_judgements(LEADER_LABELS, LEADER_JUDGEMENTS))
    # The page truncates (0.5476 is shown as 0.547), so compare within one unit of the third decimal.
    assert result.priorities == pytest.approx([0.547, 0.127, 0.270, 0.056], abs=1e-3)
    assert round(result.consistency_ratio, 3) == 0.044
    assert result.weights()["charisma"] == pytest.approx(0.2699, abs=1e-4)


def test_the_inconsistent_house_matrix_warns_and_names_neighbourhood_vs_condition() -> None:
    # Judging neighbourhood 6x more important than general condition contradicts the
    # rest of the matrix (condition beats size, size beats neighbourhood).
    result = ahp.analyse(ahp.pairwise_matrix(HOUSE_LABELS, HOUSE))
    assert not result.is_consistent
    worst = result.most_inconsistent(1)[0]
    assert (worst.row, worst.column, worst.given) == ("neighbourhood", "condition", 6.0)
    warning = result.warning()
    assert warning is not None
    assert "0.169" in warning and "neighbourhood vs condition" in warning


def test_fixing_the_worst_judgement_restores_consistency() -> None:
    rows = [list(row) for row in HOUSE]
    rows[2][6], rows[6][2] = 1, 1
    assert ahp.analyse(ahp.pairwise_matrix(HOUSE_LABELS, rows)).consistency_ratio < 0.10


@pytest.mark.parametrize("method", ahp.METHODS)
def test_a_consistent_matrix_gives_its_generating_weights_and_zero_cr(method: ahp.Method) -> None:
    weights = np.array([0.5, 0.25, 0.125, 0.125])
    rows = (weights[:, None] / weights[None, :]).tolist()
    result = ahp.analyse(ahp.pairwise_matrix(list("abcd"), rows), method)
    assert result.priorities == pytest.approx(weights.tolist())
    assert result.lambda_max == pytest.approx(4)
    assert result.consistency_ratio == pytest.approx(0, abs=1e-9)


def test_geometric_mean_equals_eigenvector_for_three_criteria() -> None:
    # For n = 3 the two methods coincide (Crawford & Williams 1985).
    rows: list[list[object]] = [[1, 3, 5], ["1/3", 1, 4], ["1/5", "1/4", 1]]
    matrix = ahp.pairwise_matrix(["a", "b", "c"], rows)
    eigen = ahp.analyse(matrix, "eigen")
    geometric = ahp.analyse(matrix, "geometric")
    assert geometric.priorities == pytest.approx(eigen.priorities, abs=1e-12)
    assert geometric.consistency_ratio > 0


def test_geometric_mean_differs_from_eigenvector_on_the_house_matrix() -> None:
    matrix = ahp.pairwise_matrix(HOUSE_LABELS, HOUSE)
    eigen = ahp.analyse(matrix, "eigen")
    geometric = ahp.analyse(matrix, "geometric")
    assert sum(geometric.priorities) == pytest.approx(1)
    assert max(abs(a - b) for a, b in zip(eigen.priorities, geometric.priorities, strict=True)) > 1e-3


def test_random_index_follows_saaty_1980() -> None:
    table = [ahp.random_index(n) for n in range(1, 11)]
    assert table == [0, 0, 0.58, 0.90, 1.12, 1.24, 1.32, 1.41, 1.45, 1.49]
    with pytest.raises(ahp.AhpError, match="1 to 10 criteria"):
        ahp.random_index(11)


def test_two_criteria_are_always_consistent() -> None:
    result = ahp.analyse(ahp.pairwise_matrix(["a", "b"], [[1, 7], ["1/7", 1]]))
    assert result.priorities == pytest.approx([0.875, 0.125])
    assert result.consistency_ratio == 0


def test_group_aggregation_is_the_elementwise_geometric_mean() -> None:
    first = ahp.pairwise_matrix(["a", "b", "c"], [[1, 2, 8], ["1/2", 1, 4], ["1/8", "1/4", 1]])
    second = ahp.pairwise_matrix(["a", "b", "c"], [[1, 8, 2], ["1/8", 1, "1/2"], ["1/2", 2, 1]])
    group = ahp.aggregate_judgements([first, second])
    assert group.values[0, 1] == pytest.approx(4)  # sqrt(2 x 8)
    assert group.values[0, 2] == pytest.approx(4)
    assert group.values[1, 2] == pytest.approx(2**0.5)  # sqrt(4 x 1/2)
    assert group.values[1, 0] == pytest.approx(1 / group.values[0, 1])


def test_weighted_group_aggregation_leans_towards_the_heavier_expert() -> None:
    first = ahp.pairwise_matrix(["a", "b"], [[1, 9], ["1/9", 1]])
    second = ahp.pairwise_matrix(["a", "b"], [[1, 1], [1, 1]])
    group = ahp.aggregate_judgements([first, second], expert_weights=[3, 1])
    assert group.values[0, 1] == pytest.approx(9**0.75)


def test_group_of_identical_experts_equals_one_expert() -> None:
    one = ahp.pairwise_matrix(DRINKS_LABELS, DRINKS)
    group = ahp.analyse(ahp.aggregate_judgements([one, one, one]))
    assert group.priorities == pytest.approx(ahp.analyse(one).priorities)


def test_group_members_must_share_labels() -> None:
    first = ahp.pairwise_matrix(["a", "b"], [[1, 2], ["1/2", 1]])
    second = ahp.pairwise_matrix(["a", "c"], [[1, 2], ["1/2", 1]])
    with pytest.raises(ahp.AhpError, match="matrix 2 has labels"):
        ahp.aggregate_judgements([first, second])
    with pytest.raises(ahp.AhpError, match="expert weights"):
        ahp.aggregate_judgements([first, first], expert_weights=[1, 0])


@pytest.mark.parametrize(
    ("labels", "rows", "message"),
    [
        (["a", "b"], [[1, 3], [3, 1]], "not reciprocal: a vs b is 3 but b vs a is 3"),
        (["a", "b"], [[1, -3], ["1/3", 1]], "positive"),
        (["a", "b"], [[1, 0], ["1/3", 1]], "positive"),
        (["a", "b"], [[2, 3], ["1/3", 1]], "diagonal a vs a must be 1"),
        (["a", "b", "c"], [[1, 3], ["1/3", 1]], "2 rows but there are 3 labels"),
        (["a", "b"], [[1, 3, 1], ["1/3", 1]], "row 1 \\(a\\) has 3 values, expected 2"),
        (["a", "b"], [[1, "1/x"], [3, 1]], "a vs b: '1/x' is not a number"),
        (["a", "b"], [[1, "1/0"], [3, 1]], "divides by zero"),
        (["a", "b"], [[1, 12], ["1/12", 1]], "outside Saaty's scale"),
        (["a", "a"], [[1, 3], ["1/3", 1]], "duplicate labels: a"),
        (["a", ""], [[1, 3], ["1/3", 1]], "non-empty string"),
        (["a", "b"], [[1, True], [1, 1]], "not a number"),
    ],
)
def test_invalid_matrices_are_rejected_with_a_clear_message(
    labels: list[str], rows: list[list[object]], message: str
) -> None:
    with pytest.raises(ahp.AhpError, match=message):
        ahp.pairwise_matrix(labels, rows)


def test_rounded_decimals_are_accepted_as_reciprocals() -> None:
    matrix = ahp.pairwise_matrix(["a", "b"], [[1, 3], [0.333, 1]])
    assert matrix.values[1, 0] == 0.333


def test_judgements_must_cover_every_pair_once() -> None:
    partial = dict(list(LEADER_JUDGEMENTS.items())[:5])
    with pytest.raises(ahp.AhpError, match="missing judgements: charisma vs age"):
        ahp.matrix_from_judgements(LEADER_LABELS, partial)
    with pytest.raises(ahp.AhpError, match="unknown label 'salary'"):
        ahp.matrix_from_judgements(LEADER_LABELS, {**LEADER_JUDGEMENTS, ("salary", "age"): 2})
    with pytest.raises(ahp.AhpError, match="given twice"):
        ahp.matrix_from_judgements(LEADER_LABELS, {**LEADER_JUDGEMENTS, ("age", "charisma"): "1/5"})

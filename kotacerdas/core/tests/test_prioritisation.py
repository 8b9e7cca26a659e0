"""Criteria scoring, ranking and weight sensitivity of initiatives."""

from __future__ import annotations

import numpy as np
import pytest

from kotacerdas.core import ahp
from kotacerdas.core.prioritisation import (
    DEFAULT_CRITERIA,
    Criterion,
    PrioritisationError,
    prioritise,
    roadmap_benefits,
    weight_shifts,
    weight_stability,
)
from kotacerdas.core.roadmap import optimise_roadmap, parse_instance

TWO = (Criterion("impact", scale=(1, 5)), Criterion("cost", direction="cost"))

# impact 1..5 normalises to (x-1)/4; cost min-max over 100..300, inverted.
SCORES = {
    "satu-data": {"impact": 5, "cost": 300},  # impact 1.0, cost 0.0
    "telemedis": {"impact": 3, "cost": 100},  # impact 0.5, cost 1.0
    "parkir": {"impact": 1, "cost": 200},  # impact 0.0, cost 0.5
}


def test_it_normalises_weights_and_ranks_by_weighted_sum() -> None:
    result = prioritise(SCORES, {"impact": 3, "cost": 1}, TWO)  # weights 0.75 / 0.25
    assert result.scores() == pytest.approx({"satu-data": 0.75, "telemedis": 0.625, "parkir": 0.125})
    assert result.top(2) == ["satu-data", "telemedis"]
    assert result.ranks() == {"satu-data": 1, "telemedis": 2, "parkir": 3}
    first = result.ranking[0]
    assert first.contributions == pytest.approx({"impact": 0.75, "cost": 0.0})


def test_ties_share_a_rank() -> None:
    result = prioritise(
        {"a": {"impact": 5, "cost": 1}, "b": {"impact": 5, "cost": 1}, "c": {"impact": 1, "cost": 9}},
        {"impact": 1, "cost": 1},
        TWO,
    )
    assert [item.rank for item in result.ranking] == [1, 1, 3]


def test_a_criterion_where_everyone_scores_the_same_does_not_separate() -> None:
    result = prioritise(
        {"a": {"impact": 2, "cost": 5}, "b": {"impact": 4, "cost": 5}}, {"impact": 1, "cost": 1}, TWO
    )
    assert result.scores() == pytest.approx({"a": 0.625, "b": 0.875})


def test_ahp_weights_feed_the_ranking() -> None:
    matrix = ahp.matrix_from_judgements(["impact", "cost"], {("impact", "cost"): 3})
    result = prioritise(SCORES, ahp.analyse(matrix).weights(), TWO)
    assert result.weights == pytest.approx([0.75, 0.25])


def test_the_default_criteria_are_the_issue_list() -> None:
    assert [c.id for c in DEFAULT_CRITERIA] == [
        "impact",
        "urgency",
        "readiness",
        "cost",
        "rpjmd_alignment",
        "spbe_relevance",
    ]
    scores = {
        "a": {
            "impact": 5,
            "urgency": 4,
            "readiness": 3,
            "cost": 500,
            "rpjmd_alignment": 5,
            "spbe_relevance": 2,
        },
        "b": {
            "impact": 2,
            "urgency": 2,
            "readiness": 5,
            "cost": 100,
            "rpjmd_alignment": 3,
            "spbe_relevance": 5,
        },
    }
    result = prioritise(scores, dict.fromkeys([c.id for c in DEFAULT_CRITERIA], 1))
    # a: (1 + .75 + .5 + 0 + 1 + .25) / 6
    # b, cheap, ready and SPBE-relevant: (.25 + .25 + 1 + 1 + .5 + 1) / 6
    assert result.scores() == pytest.approx({"a": 3.5 / 6, "b": 4 / 6})
    assert result.top(1) == ["b"]


def test_weight_stability_finds_the_exact_crossing() -> None:
    result = prioritise(SCORES, {"impact": 3, "cost": 1}, TWO)
    impact, cost = weight_stability(result, top_k=1)
    # With impact weight t: satu-data = t, telemedis = 0.5t + (1-t) = 1 - 0.5t, parkir = 0.5(1-t).
    # satu-data overtakes telemedis at t = 2/3; telemedis and parkir never cross.
    assert impact.weight == pytest.approx(0.75)
    assert (impact.ranking_low, impact.ranking_high) == pytest.approx((2 / 3, 1.0))
    assert (impact.top_k_low, impact.top_k_high) == pytest.approx((2 / 3, 1.0))
    assert (cost.ranking_low, cost.ranking_high) == pytest.approx((0.0, 1 / 3))


@pytest.mark.parametrize("seed", range(5))
def test_weight_stability_agrees_with_brute_force(seed: int) -> None:
    rng = np.random.default_rng(seed)
    criteria = tuple(Criterion(f"c{j}", scale=(0, 1)) for j in range(4))
    scores = {f"i{i}": {f"c{j}": float(rng.random()) for j in range(4)} for i in range(8)}
    weights = {f"c{j}": float(w) for j, w in enumerate(rng.random(4) + 0.2)}
    base = prioritise(scores, weights, criteria)
    for stable in weight_stability(base, top_k=3):
        column = [c.id for c in criteria].index(stable.criterion)
        rest = {c: w for c, w in weights.items() if c != stable.criterion}
        total_rest = sum(rest.values())

        def ranking_at(
            t: float, column: int = column, rest: dict[str, float] = rest, total: float = total_rest
        ):
            moved = {c: w / total * (1 - t) for c, w in rest.items()}
            moved[criteria[column].id] = t
            return prioritise(scores, moved, criteria)

        inside = np.linspace(stable.ranking_low, stable.ranking_high, 7)[1:-1]
        assert all(ranking_at(t).ranks() == base.ranks() for t in inside)
        if stable.ranking_high < 1 - 1e-6:
            assert ranking_at(min(1.0, stable.ranking_high + 1e-4)).ranks() != base.ranks()
        if stable.ranking_low > 1e-6:
            assert ranking_at(max(0.0, stable.ranking_low - 1e-4)).ranks() != base.ranks()
        top_inside = np.linspace(stable.top_k_low, stable.top_k_high, 7)[1:-1]
        assert all(set(ranking_at(t).top(3)) == set(base.top(3)) for t in top_inside)
        assert stable.top_k_low <= stable.ranking_low and stable.top_k_high >= stable.ranking_high


def test_weight_shifts_report_rank_moves() -> None:
    result = prioritise(SCORES, {"impact": 0.7, "cost": 0.3}, TWO)
    shifts = {(s.criterion, s.change): s for s in weight_shifts(result, change=0.1)}
    # impact 0.7 -> 0.63 puts it below the 2/3 crossing: telemedis overtakes satu-data.
    down = shifts[("impact", -0.1)]
    assert down.weight_after == pytest.approx(0.63)
    assert {(m.id, m.rank_before, m.rank_after) for m in down.moves} == {
        ("satu-data", 1, 2),
        ("telemedis", 2, 1),
    }
    assert down.top_changed
    up = shifts[("impact", 0.1)]
    assert up.moves == () and not up.top_changed
    # cost 0.3 -> 0.33 leaves impact at 0.67, just above the crossing: nothing moves.
    assert shifts[("cost", 0.1)].weight_after == pytest.approx(0.33)
    assert shifts[("cost", 0.1)].moves == ()
    assert shifts[("cost", -0.1)].moves == ()


def test_roadmap_benefits_scale_the_scores() -> None:
    result = prioritise(SCORES, {"impact": 3, "cost": 1}, TWO)
    assert roadmap_benefits(result, scale=200) == pytest.approx(
        {"satu-data": 150, "telemedis": 125, "parkir": 25}
    )


@pytest.mark.parametrize(
    ("scores", "weights", "message"),
    [
        ({"a": {"impact": 3}}, {"impact": 1, "cost": 1}, "initiative a: no score for criterion cost"),
        ({"a": {"impact": 7, "cost": 1}}, {"impact": 1, "cost": 1}, "impact score 7 is outside 1..5"),
        ({"a": {"impact": "high", "cost": 1}}, {"impact": 1, "cost": 1}, "is not a number"),
        ({"a": {"impact": 3, "cost": 1}}, {"impact": 1}, "no weight for criterion cost"),
        (
            {"a": {"impact": 3, "cost": 1}},
            {"impact": 1, "cost": 1, "fun": 2},
            "weights for unknown criteria: fun",
        ),
        ({"a": {"impact": 3, "cost": 1}}, {"impact": -1, "cost": 1}, "weight must be a non-negative"),
        ({"a": {"impact": 3, "cost": 1}}, {"impact": 0, "cost": 0}, "at least one weight must be positive"),
        ({}, {"impact": 1, "cost": 1}, "no initiatives"),
    ],
)
def test_bad_input_is_named(scores: dict, weights: dict, message: str) -> None:
    with pytest.raises(PrioritisationError, match=message):
        prioritise(scores, weights, TWO)


def test_sensitivity_arguments_are_checked() -> None:
    result = prioritise(SCORES, {"impact": 3, "cost": 1}, TWO)
    with pytest.raises(PrioritisationError, match="top_k"):
        weight_stability(result, top_k=4)
    with pytest.raises(PrioritisationError, match="change"):
        weight_shifts(result, change=1.5)


def test_priorities_drive_the_roadmap_end_to_end() -> None:
    # AHP weights -> priority scores -> roadmap benefits -> schedule: the flow the web layer follows.
    weights = ahp.analyse(ahp.matrix_from_judgements(["impact", "cost"], {("impact", "cost"): 3})).weights()
    benefits = roadmap_benefits(prioritise(SCORES, weights, TWO))
    instance = parse_instance(
        {
            "horizon_years": 2,
            "start_year": 2026,
            "discount_weights": [1.0, 0.9],
            "budget": [1, 1],
            "agencies": [{"id": "DISKOMINFO", "max_concurrent": 1}],
            "initiatives": [
                {"id": key, "agency": "DISKOMINFO", "duration": 1, "cost_profile": [1], "benefit": value}
                for key, value in benefits.items()
            ],
        }
    )
    result = optimise_roadmap(instance, time_limit=2)
    # One slot a year: the two best priorities run, the best first.
    assert result.schedule == {"satu-data": 0, "telemedis": 1}
    assert result.objective == pytest.approx(75 + 0.9 * 62.5)

"""Scores per smart-city dimension: worked examples with known answers (core/evaluation/dimensions.py).

The rule is the Outcome pre-fill's, per dimension: 5 × running / planned; no programme planned → no
score (not zero).
"""

from fractions import Fraction

import pytest

from kotacerdas.core.evaluation.dimensions import (
    NO_SCORE,
    dimension_scores,
    display_text,
    frozen_scores,
)
from kotacerdas.core.evaluation.prefill import DimensionCount, outcome_level, proportional_level

SIX = ["governance", "branding", "economy", "living", "society", "environment"]


def test_three_of_four_running_is_level_three_and_three_quarters() -> None:
    scores = dimension_scores([DimensionCount("living", 3, 4)], SIX)
    assert scores["living"] == Fraction(15, 4) == proportional_level(3, 4)
    assert frozen_scores(scores)["living"] == "3.75"
    assert display_text("3.75") == "3.75"


def test_every_dimension_is_listed_in_order_and_one_without_a_planned_programme_has_no_score() -> None:
    scores = dimension_scores([DimensionCount("economy", 0, 2), DimensionCount("living", 5, 5)], SIX)
    assert list(scores) == SIX
    assert scores == {
        "governance": None,
        "branding": None,
        "economy": Fraction(0),  # planned but none running: a real zero
        "living": Fraction(5),
        "society": None,
        "environment": None,
    }
    frozen = frozen_scores(scores)
    assert frozen["economy"] == "0" and frozen["living"] == "5" and frozen["governance"] == ""
    assert display_text(frozen["governance"]) == NO_SCORE == "–"
    assert display_text(frozen["economy"]) == "0"


def test_a_level_without_a_finite_decimal_is_exact_when_frozen_and_four_places_on_display() -> None:
    scores = dimension_scores([DimensionCount("governance", 2, 3), DimensionCount("society", 1, 3)], SIX)
    frozen = frozen_scores(scores)
    assert frozen["governance"] == "10/3" and frozen["society"] == "5/3"
    assert display_text("10/3") == "3.3333" and display_text("5/3") == "1.6667"  # half up


def test_the_dimensions_are_the_outcome_split_and_weighted_by_their_planned_programmes() -> None:
    counts = [DimensionCount("living", 3, 5), DimensionCount("governance", 2, 3)]
    scores = dimension_scores(counts, SIX)
    outcome = outcome_level(counts)
    assert outcome == Fraction(25, 8)  # 5 × 5/8
    weighted = sum(scores[c.dimension] * c.planned for c in counts) / sum(c.planned for c in counts)  # type: ignore[operator]
    assert weighted == outcome


def test_a_counted_dimension_outside_the_reference_list_is_kept_after_it() -> None:
    scores = dimension_scores([DimensionCount("mobility", 1, 2)], ["governance"])
    assert scores == {"governance": None, "mobility": Fraction(5, 2)}


def test_no_counts_give_no_scores_and_a_count_beyond_the_plan_is_refused() -> None:
    assert frozen_scores(dimension_scores([], SIX)) == dict.fromkeys(SIX, "")
    with pytest.raises(ValueError):
        dimension_scores([DimensionCount("living", 5, 4)], SIX)

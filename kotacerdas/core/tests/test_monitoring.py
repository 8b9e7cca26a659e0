"""KPI achievement and the weighted progress roll-up: the worked examples of the reference page."""

from decimal import Decimal as D

import pytest

from kotacerdas.core import monitoring as m


def test_weights_half_three_tenths_fifth_with_progress_100_50_0_give_65() -> None:
    result = m.weighted({"a": D(100), "b": D(50), "c": D(0)}, {"a": D("0.5"), "b": D("0.3"), "c": D("0.2")})
    assert result == D(65)


def test_weights_that_do_not_sum_to_one_are_refused_with_their_total() -> None:
    with pytest.raises(m.WeightsError, match=r"weights sum to 0\.9, not 1") as refused:
        m.weighted({"a": D(100), "b": D(50)}, {"a": D("0.5"), "b": D("0.4")})
    assert refused.value.total == D("0.9")


def test_a_negative_weight_and_a_child_without_weight_are_refused() -> None:
    with pytest.raises(m.WeightsError, match="negative weight for b"):
        m.check_weights({"a": D("1.5"), "b": D("-0.5")})
    with pytest.raises(m.WeightsError, match="no weight for c"):
        m.weighted({"a": D(1), "c": D(1)}, {"a": D(1)})


def test_poverty_16_to_target_7_actual_9_lower_is_better_achieves_seven_ninths() -> None:
    result = m.achievement(D(9), D(7), m.LOWER, baseline=D(16))
    assert round(result.raw, 2) == D("77.78")
    # without a baseline the ratio target/actual gives the same 7/9 here
    assert round(m.achievement(D(9), D(7), m.LOWER).raw, 2) == D("77.78")


def test_overshooting_is_kept_raw_but_capped_at_100_and_the_wrong_way_at_0() -> None:
    over = m.achievement(D(130), D(100), m.HIGHER)
    assert (over.raw, over.capped) == (D(130), D(100))
    worse = m.achievement(D(18), D(7), m.LOWER, baseline=D(16))
    assert worse.raw < 0 and worse.capped == 0


def test_lower_is_better_with_actual_zero_meets_the_target() -> None:
    assert m.achievement(D(0), D(5), m.LOWER).capped == D(100)


def test_a_percentage_from_numerator_and_denominator_refuses_zero() -> None:
    assert m.percentage(D(45), D(60)) == D(75)
    with pytest.raises(m.InvalidValue):
        m.percentage(D(1), D(0))


def test_roll_up_by_pagu_share_weights_dimensions_and_initiatives_by_money() -> None:
    items = [
        m.InitiativeProgress("G1", "governance", D(100), D(300)),
        m.InitiativeProgress("G2", "governance", D(0), D(100)),
        m.InitiativeProgress("E1", "economy", D(50), D(600)),
    ]
    result = m.roll_up(items, m.PAGU)
    assert result.dimensions == {"governance": D(75), "economy": D(50)}
    assert result.overall == D(60)  # 0.4 × 75 + 0.6 × 50


def test_roll_up_with_equal_weights_and_the_pagu_fallback_is_named() -> None:
    items = [m.InitiativeProgress("A", "living", D(90)), m.InitiativeProgress("B", "living", D(30))]
    assert m.roll_up(items, m.EQUAL).overall == D(60)
    assert m.roll_up(items, m.PAGU).equal_fallback == ("living",)


def test_thirds_still_sum_to_exactly_one() -> None:
    weights = m.weights_for({"a": D(1), "b": D(1), "c": D(1)}, m.EQUAL)
    assert sum(weights.values()) == 1


def test_the_review_state_machine_and_completeness() -> None:
    assert m.can_move(m.SUBMITTED, m.RETURNED) and not m.can_move(m.APPROVED, m.DRAFT)
    assert m.completeness(["a", "b", "c", "d"], ["a", "c"]) == D(50)

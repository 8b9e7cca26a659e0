"""SPBE 2020 (PermenPANRB 59/2020) reproduces the regulation: weights, formula and predicates.

Index = Σ(level × indicator weight) / 100. Indicator weights: 1–10 at 1.30, 11–20 at 2.50,
21–31 at 1.50, 32–41 at 2.75, 42–47 at 3.00 (domain.md §4.2). Every expectation below is computed
by hand in the comment above it.
"""

from fractions import Fraction

import pytest

from kotacerdas.core.instruments import AnswersError, load_instrument, score

SPBE = load_instrument("spbe-2020")
ALL_CODES = [str(number) for number in range(1, 48)]


def levels(default: int, **overrides: int) -> dict[str, int]:
    """All 47 indicators at ``default``, then ``overrides`` given as i<code>=level."""
    answers = dict.fromkeys(ALL_CODES, default)
    answers.update({code.removeprefix("i"): level for code, level in overrides.items()})
    return answers


def at(default: int, codes: range, level: int) -> dict[str, int]:
    answers = dict.fromkeys(ALL_CODES, default)
    answers.update(dict.fromkeys(map(str, codes), level))
    return answers


def test_it_has_the_regulation_structure() -> None:
    domains = [child.code for child in SPBE.children]
    assert domains == ["D1", "D2", "D3", "D4"]
    assert len(SPBE.groups()) == 4 + 8
    assert [indicator.code for indicator in SPBE.indicators()] == ALL_CODES


def test_the_indicator_weights_are_official_and_sum_to_100() -> None:
    expected = {**dict.fromkeys(range(1, 11), "1.30"), **dict.fromkeys(range(11, 21), "2.50")}
    expected |= {**dict.fromkeys(range(21, 32), "1.50"), **dict.fromkeys(range(32, 42), "2.75")}
    expected |= dict.fromkeys(range(42, 48), "3.00")
    weights = {int(indicator.code): indicator.weight for indicator in SPBE.indicators()}
    assert weights == {number: Fraction(text) for number, text in expected.items()}
    assert sum(weights.values()) == 100


def test_the_domain_weights_are_13_25_16_5_45_5() -> None:
    assert [child.weight for child in SPBE.children] == [13, 25, Fraction("16.5"), Fraction("45.5")]


def test_all_indicators_at_level_3_give_3_baik() -> None:
    result = score(SPBE, levels(3))
    assert result.total == 3
    assert result.band is not None and result.band.name.id == "Baik"
    assert set(result.summary()["groups"].values()) == {3.0}


def test_a_mixed_example_by_domain() -> None:
    # D1 (1–10) at 2, D2 (11–20) at 3, D3 (21–31) at 1, D4 (32–47) at 4:
    # (2×13 + 3×25 + 1×16.5 + 4×45.5) / 100 = (26 + 75 + 16.5 + 182) / 100 = 299.5 / 100 = 2.995 → Baik
    answers = at(1, range(1, 11), 2) | dict.fromkeys(map(str, range(11, 21)), 3)
    answers |= dict.fromkeys(map(str, range(32, 48)), 4)
    result = score(SPBE, answers)
    assert result.total == Fraction("2.995")
    assert result.band is not None and result.band.code == "baik"
    assert [result.node(code).score for code in ("D1", "D2", "D3", "D4")] == [2, 3, 1, 4]


def test_a_mixed_example_inside_aspects() -> None:
    # Everything at 3 except: 1 → 1, 14 → 5, 25 → 4, 40 → 2, 42 → 5, 47 → 1.
    # Changes from 3.00: (1−3)×1.30 + (5−3)×2.50 + (4−3)×1.50 + (2−3)×2.75 + (5−3)×3.00 + (1−3)×3.00
    #                  = −2.60 + 5.00 + 1.50 − 2.75 + 6.00 − 6.00 = 1.15
    # total = 3 + 1.15/100 = 3.0115 (Baik)
    # Aspect A1 (1–10, equal weights): (1 + 9×3)/10 = 2.8; A8 (42–47): (5 + 4×3 + 1)/6 = 3
    # Domain D4 (A7 27.5, A8 18): (27.5 × (3 − 2.75/27.5) + 18 × 3)/45.5
    #                            = (82.5 − 2.75 + 54)/45.5 = 133.75/45.5
    answers = levels(3, i1=1, i14=5, i25=4, i40=2, i42=5, i47=1)
    result = score(SPBE, answers)
    assert result.total == Fraction("3.0115")
    assert result.node("A1").score == Fraction("2.8")
    assert result.node("A8").score == 3
    assert result.node("D4").score == Fraction("133.75") / Fraction("45.5")
    assert result.band is not None and result.band.code == "baik"


@pytest.mark.parametrize(
    ("answers", "total", "band"),
    [
        # all at 1, 11–18 at 5: 1 + 8 × 4 × 2.50 / 100 = 1 + 0.80 = 1.80 exactly → Cukup
        (at(1, range(11, 19), 5), "1.8", "cukup"),
        # same but 18 at 4: 1.80 − 2.50/100 = 1.775 → Kurang
        (at(1, range(11, 18), 5) | {"18": 4}, "1.775", "kurang"),
        # all at 2; 11, 21–28 and 32–47 at 3: 2 + (2.5 + 8×1.5 + 45.5)/100 = 2 + 60/100 = 2.60 → Baik
        (at(2, range(21, 29), 3) | dict.fromkeys(map(str, [11, *range(32, 48)]), 3), "2.6", "baik"),
        # same without 11: 2.60 − 0.025 = 2.575 → Cukup
        (at(2, range(21, 29), 3) | dict.fromkeys(map(str, range(32, 48)), 3), "2.575", "cukup"),
        # all at 3; 29–47 at 4: 3 + (4.5 + 27.5 + 18)/100 = 3 + 50/100 = 3.50 → Sangat Baik
        (at(3, range(29, 48), 4), "3.5", "sangat_baik"),
        # same with 29 back at 3: 3.50 − 1.50/100 = 3.485 → Baik
        (at(3, range(30, 48), 4), "3.485", "baik"),
        # all at 4; 11–18 at 5: 4 + 8 × 2.50/100 = 4.20 → Memuaskan
        (at(4, range(11, 19), 5), "4.2", "memuaskan"),
        # same with 18 at 4: 4.20 − 0.025 = 4.175 → Sangat Baik
        (at(4, range(11, 18), 5), "4.175", "sangat_baik"),
        # everything at 5 → 5 (Memuaskan); everything at 1 → 1 (Kurang)
        (levels(5), "5", "memuaskan"),
        (levels(1), "1", "kurang"),
    ],
)
def test_predicate_boundaries_fall_in_the_right_band(answers: dict[str, int], total: str, band: str) -> None:
    result = score(SPBE, answers)
    assert result.total == Fraction(total)
    assert result.band is not None and result.band.code == band


def test_float_arithmetic_would_misplace_this_region_but_exact_arithmetic_does_not() -> None:
    # 1–20 at 1, 21–28 at 5, 29–31 at 2, 32–41 at 2, 42–47 at 1:
    # 1×13 + 1×25 + 5×12 + 2×4.5 + 2×27.5 + 1×18 = 13 + 25 + 60 + 9 + 55 + 18 = 180 → 180/100 = 1.80 → Cukup
    answers = at(1, range(21, 29), 5) | dict.fromkeys(map(str, range(29, 42)), 2)
    in_floats = sum(
        level * float(i.weight) / 100 for i, level in zip(SPBE.indicators(), answers.values(), strict=True)
    )
    assert in_floats < 1.8  # 1.7999999999999994: a float implementation says "Kurang"
    result = score(SPBE, answers)
    assert result.total == Fraction("1.8")
    assert result.band is not None and result.band.name.id == "Cukup"


@pytest.mark.parametrize(
    ("boundary", "at_band", "below_band"),
    [
        ("1.8", "cukup", "kurang"),
        ("2.6", "baik", "cukup"),
        ("3.5", "sangat_baik", "baik"),
        ("4.2", "memuaskan", "sangat_baik"),
    ],
)
def test_a_band_starts_exactly_at_its_boundary(boundary: str, at_band: str, below_band: str) -> None:
    exact = Fraction(boundary)
    just_below = exact - Fraction(1, 10**12)  # far closer than any float rounding could tell apart
    assert SPBE.band_for(exact).code == at_band  # type: ignore[union-attr]
    assert SPBE.band_for(just_below).code == below_band  # type: ignore[union-attr]


def test_level_0_does_not_exist_in_2020_but_does_in_2018() -> None:
    with pytest.raises(AnswersError) as caught:
        score(SPBE, levels(3, i5=0))
    assert [problem.code for problem in caught.value.problems] == ["out_of_range"]
    assert score(load_instrument("spbe-2018"), {str(n): 0 for n in range(1, 36)}).total == 0


def test_spbe_2018_weights_follow_the_confirmed_domains_and_aspects() -> None:
    spbe_2018 = load_instrument("spbe-2018")
    assert [child.weight for child in spbe_2018.children] == [17, 28, 55]
    aspects = [group.weight for group in spbe_2018.groups() if group.code.startswith("A")]
    assert aspects == [7, 10, 8, 8, 12, 35, 20]
    assert len(spbe_2018.indicators()) == 35
    # all at 2 except Layanan publik (A7: indicators 32–35, 4 × 5 = weight 20) at 5:
    # 2 + 20 × (5 − 2)/100 = 2.6 → Baik
    answers = {str(n): 2 for n in range(1, 36)} | {str(n): 5 for n in range(32, 36)}
    assert score(spbe_2018, answers).total == Fraction("2.6")

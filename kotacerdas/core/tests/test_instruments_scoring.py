"""Scoring rules on a toy instrument whose every number is computed by hand in the comments.

toy.yaml (scale 0–4):
  core     weight 3, weighted mean, missing answers required
    core.level  weight 2, maturity 0–4
    core.flag   weight 1, yes = 4 / no = 0
  measures weight 1, plain mean, missing answers excluded
    measures.share    number, goalposts 0–50 (%), higher is better
    measures.waiting  number, goalposts 2–10 (days), lower is better
    measures.kind     choice none 0 / some 2.5 / full 4
  extra    weight 1, optional, missing answers count as the scale minimum
    extra.a  yes = 4 / no = 1;  extra.b maturity 0–4
"""

import json
from fractions import Fraction
from pathlib import Path

import pytest

from kotacerdas.core.instruments import (
    AnswersError,
    answers_to_csv,
    check_answers,
    improvement,
    load_instrument,
    read_answer_rows,
    rows_by_region,
    score,
)

TOY = load_instrument(Path(__file__).parent / "data" / "instruments" / "toy.yaml")
FULL = {
    "core.level": 3,
    "core.flag": "yes",
    "measures.share": 25,
    "measures.waiting": 4,
    "measures.kind": "some",
}


def problem_codes(error: pytest.ExceptionInfo[AnswersError]) -> list[str]:
    return [problem.code for problem in error.value.problems]


def test_every_answer_type_and_the_hierarchy() -> None:
    # core = (2×3 + 1×4) / 3 = 10/3
    # share 25 of 0–50 → 0.5 × 4 = 2; waiting 4 days in 2–10, lower better → (1 − 2/8) × 4 = 3; some → 2.5
    # measures = mean(2, 3, 2.5) = 2.5;  extra: optional and unanswered → left out
    # total = (3 × 10/3 + 1 × 2.5) / (3 + 1) = 12.5 / 4 = 3.125 → band "high" (from 3)
    result = score(TOY, FULL)
    assert result.node("core").score == Fraction(10, 3)
    assert result.node("measures.share").score == 2
    assert result.node("measures.waiting").score == 3
    assert result.node("measures.kind").score == Fraction("2.5")
    assert result.node("measures").score == Fraction("2.5")
    assert result.node("extra").status == "excluded"
    assert result.node("extra.a").status == "excluded"
    assert result.total == Fraction("3.125")
    assert result.band is not None and result.band.code == "high"


def test_missing_rules_exclude_and_as_minimum_and_clipping() -> None:
    # core: level 0, flag no → 0.  measures: only share = 100 %, clipped to the upper goalpost → 4;
    # the other two are excluded → measures = 4.  extra: a = no → 1, b missing → scale minimum 0 → 0.5
    # total = (3×0 + 1×4 + 1×0.5) / 5 = 0.9 → "low"
    answers = {"core.level": 0, "core.flag": "no", "measures.share": 100, "extra.a": "tidak"}
    result = score(TOY, answers)
    assert result.node("measures").score == 4
    assert result.node("measures.waiting").status == "excluded"
    assert result.node("extra.b").status == "as_minimum"
    assert result.node("extra").score == Fraction("0.5")
    assert result.total == Fraction("0.9")
    assert result.band is not None and result.band.code == "low"


def test_a_required_answer_that_is_missing_is_named_with_its_group() -> None:
    answers = {**FULL}
    del answers["core.flag"]
    with pytest.raises(AnswersError) as caught:
        score(TOY, answers)
    (problem,) = caught.value.problems
    assert (problem.code, problem.params["indicator"], problem.params["group"]) == (
        "missing_answer",
        "core.flag",
        "core",
    )


def test_a_group_whose_rule_excluded_everything_is_reported_to_its_parent() -> None:
    answers = {"core.level": 3, "core.flag": "yes"}
    with pytest.raises(AnswersError) as caught:
        score(TOY, answers)
    assert problem_codes(caught) == ["no_answers_in_group"]
    assert caught.value.problems[0].params["group"] == "measures"


def test_every_bad_value_is_reported_at_once() -> None:
    answers = {
        "core.level": "1.5",
        "core.flag": "maybe",
        "measures.share": 101,
        "measures.waiting": "soon",
        "measures.kind": "lots",
        "extra.b": 5,
        "nope": 1,
        "core": 2,
    }
    with pytest.raises(AnswersError) as caught:
        score(TOY, answers)
    assert problem_codes(caught) == [
        "not_a_level",
        "not_yes_no",
        "out_of_range",
        "not_numeric",
        "not_a_choice",
        "out_of_range",
        "unknown_indicator",
        "not_an_indicator",
    ]
    assert all(problem.to_dict()["message"] for problem in caught.value.problems)


def test_gaps_against_a_default_and_an_explicit_target() -> None:
    # default target 3 everywhere; measures explicitly 4.
    # core: target 3, score 10/3 → gap −1/3.  measures: 4 − 2.5 = 1.5.
    # total target = (3×3 + 1×4)/4 = 13/4 → gap 13/4 − 3.125 = 0.125
    result = score(TOY, FULL, targets={"measures": 4}, default_target=3)
    assert result.node("core").gap == Fraction(-1, 3)
    assert result.node("core.level").gap == 0
    assert result.node("measures").gap == Fraction("1.5")
    assert result.target == Fraction(13, 4)
    assert result.gap == Fraction("0.125")


def test_targets_must_exist_and_lie_on_the_scale() -> None:
    with pytest.raises(AnswersError) as caught:
        score(TOY, FULL, targets={"nope": 1, "core": 9}, default_target="high")
    assert problem_codes(caught) == ["not_numeric", "unknown_target", "target_out_of_scale"]
    with pytest.raises(AnswersError) as caught:
        score(TOY, FULL, default_target=5)
    assert [problem.path for problem in caught.value.problems] == [
        "default_target"
    ]  # once, not per indicator


def test_the_result_carries_a_recipe_that_regenerates_it() -> None:
    first = score(TOY, FULL)
    respelled = {**FULL, "core.level": "3", "core.flag": True, "measures.share": "25.0"}
    second = score(TOY, dict(reversed(list(respelled.items()))))
    assert second.to_dict() == first.to_dict()
    recipe = first.recipe
    assert (recipe.instrument_id, recipe.instrument_version) == ("toy", "1")
    assert recipe.rules["measures"] == "mean/exclude"
    assert recipe.weights["core.level"] == "2"
    assert score(TOY, {**FULL, "core.level": 2}).recipe.input_hash != recipe.input_hash


def test_the_full_result_is_json_for_the_web_layer() -> None:
    document = json.loads(json.dumps(score(TOY, FULL, default_target=3).to_dict()))
    assert [axis["code"] for axis in document["radar"]] == ["core", "measures", "extra"]
    assert document["radar"][0] == {
        "code": "core",
        "name": {"id": "Inti", "en": "Core"},
        "score": 10 / 3,
        "target": 3.0,
        "max": 4.0,
    }
    assert document["total_exact"] == "3.125"
    assert document["nodes"][0]["code"] == "core"
    assert document["nodes"][1]["answer"] == "3"


def test_monev_total_and_improvement_on_last_year() -> None:
    monev = load_instrument("monev-2022")
    # 2022: 0.1×3 + 0.2×4 + 0.3×3.5 + 0.2×2.5 + 0.2×4 = 0.3 + 0.8 + 1.05 + 0.5 + 0.8 = 3.45
    this_year = score(monev, {"baseline": 3, "output": 4, "outcome": 3.5, "impact": 2.5, "quick_win": 4})
    # previous year: 0.1×3 + 0.2×3 + 0.3×3 + 0.2×2 + 0.2×3 = 0.3 + 0.6 + 0.9 + 0.4 + 0.6 = 2.8
    last_year = score(monev, {"baseline": 3, "output": 3, "outcome": 3, "impact": 2, "quick_win": 3})
    assert this_year.total == Fraction("3.45")
    change = improvement(this_year, last_year)
    assert change.total == Fraction("0.65")
    assert change.groups["outcome"] == Fraction("0.5")
    assert improvement(this_year, "3.2").total == Fraction("0.25")


def test_monev_sleman_weighs_impact_more_and_quick_win_less() -> None:
    sleman = load_instrument("monev-sleman")
    # 0.1×3 + 0.2×4 + 0.3×3.5 + 0.3×2.5 + 0.1×4 = 0.3 + 0.8 + 1.05 + 0.75 + 0.4 = 3.3
    result = score(sleman, {"baseline": 3, "output": 4, "outcome": 3.5, "impact": 2.5, "quick_win": 4})
    assert result.total == Fraction("3.3")
    assert (
        result.recipe.instrument_hash
        != score(
            load_instrument("monev-2022"),
            dict.fromkeys(["baseline", "output", "outcome", "impact", "quick_win"], 3),
        ).recipe.instrument_hash
    )


def test_monev_parts_outside_0_to_5_are_refused() -> None:
    with pytest.raises(AnswersError) as caught:
        score(
            load_instrument("monev-2022"),
            {"baseline": 6, "output": 4, "outcome": 3, "impact": -1, "quick_win": 4},
        )
    assert problem_codes(caught) == ["out_of_range", "out_of_range"]


def test_readiness_optional_elements_count_only_when_answered() -> None:
    readiness = load_instrument("readiness-2019")
    core = {i.code: "yes" for i in readiness.indicators() if not i.code.startswith(("alam", "budaya"))}
    core["struktur.sdm.1"] = "no"
    # struktur = mean(sdm 50, anggaran 100, tata kelola 100) = 250/3; the other two core elements 100
    # without alam/budaya: (250/3 + 100 + 100)/3 = 850/9
    assert score(readiness, core).total == Fraction(850, 9)
    # budaya answered "no" joins as a fourth element at 0: (250/3 + 200 + 0)/4 = 850/12
    assert score(readiness, {**core, "budaya.budaya_lokal.1": "no"}).total == Fraction(850, 12)


def test_a_framework_skeleton_cannot_be_scored() -> None:
    with pytest.raises(AnswersError) as caught:
        score(load_instrument("giffinger-2007"), {})
    assert problem_codes(caught) == ["not_scorable"]


def test_answers_written_as_csv_read_back_the_same() -> None:
    answers = {"core.level": 3, "core.flag": False, "measures.share": Fraction(1, 3), "measures.kind": "full"}
    text = answers_to_csv({"3471": answers, "3404": {"core.level": 1}})
    regions = rows_by_region(read_answer_rows(text))
    assert {region: check_answers(TOY, rows) for region, rows in regions.items()} == {
        "3471": answers,
        "3404": {"core.level": 1},
    }

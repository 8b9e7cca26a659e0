"""Ranking against a quota: ties, borderline cases, overrides and the recipe."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from kotacerdas.core.progress import (
    APPROVED,
    PENDING,
    RETURNED,
    SUBMITTED,
    DueItem,
    StageCount,
    can_move,
    current_stage,
    overdue,
)
from kotacerdas.core.selection import EXCLUDE, INCLUDE, Candidate, Override, SelectionError, rank


def c(key: str, score: str | None) -> Candidate:
    return Candidate(key, None if score is None else Decimal(score), label=key.upper())


def test_it_selects_the_best_up_to_the_quota() -> None:
    ranking = rank([c("a", "3.1"), c("b", "4.2"), c("d", "2.0"), c("e", None)], 2)
    assert ranking.selected == ["b", "a"]
    assert [e.rank for e in ranking.entries] == [1, 2, 3, None]
    assert ranking.entries[-1].key == "e"
    assert ranking.cutoff == Decimal("3.1")


def test_equal_scores_share_a_rank() -> None:
    ranking = rank([c("a", "4"), c("b", "4"), c("d", "3")], 3)
    assert [(e.key, e.rank) for e in ranking.entries] == [("a", 1), ("b", 1), ("d", 3)]
    assert ranking.entries[0].tied_with == ("b",)


def test_a_tie_across_the_cut_off_is_left_to_an_override() -> None:
    ranking = rank([c("a", "4.5"), c("b", "4"), c("d", "4"), c("e", "3")], 2)
    assert ranking.selected == ["a"]
    flagged = [e.key for e in ranking.entries if e.tie_at_cutoff]
    assert flagged == ["b", "d"]
    resolved = rank(
        [c("a", "4.5"), c("b", "4"), c("d", "4"), c("e", "3")],
        2,
        [Override("d", INCLUDE, "pemerataan wilayah timur")],
    )
    assert sorted(resolved.selected) == ["a", "d"]
    assert resolved.entries[2].override_reason == "pemerataan wilayah timur"


def test_an_include_override_takes_a_seat_and_pushes_out_the_last() -> None:
    ranking = rank([c("a", "4"), c("b", "3.5"), c("d", "2")], 2, [Override("d", INCLUDE, "equity")])
    assert sorted(ranking.selected) == ["a", "d"]
    entry = {e.key: e for e in ranking.entries}
    assert entry["d"].override == INCLUDE
    assert not entry["b"].selected


def test_an_exclude_override_frees_its_seat() -> None:
    ranking = rank([c("a", "4"), c("b", "3.5"), c("d", "2")], 2, [Override("a", EXCLUDE, "withdrew")])
    assert ranking.selected == ["b", "d"]


def test_borderline_cases_are_within_the_margin_of_the_cut_off() -> None:
    ranking = rank([c("a", "4"), c("b", "3.50"), c("d", "3.45"), c("e", "2")], 2, margin=Decimal("0.1"))
    assert [e.key for e in ranking.entries if e.borderline] == ["b", "d"]


def test_the_recipe_is_complete_and_its_hash_is_stable() -> None:
    first = rank([c("a", "4"), c("b", "3")], 1, [Override("b", INCLUDE, "x")], instrument="readiness-2019")
    again = rank([c("b", "3"), c("a", "4")], 1, [Override("b", INCLUDE, "x")], instrument="readiness-2019")
    assert first.recipe["input_hash"] == again.recipe["input_hash"]
    assert first.recipe["instrument"] == "readiness-2019"
    assert first.recipe["scores"] == {"a": "4", "b": "3"}
    assert first.recipe["overrides"] == [{"key": "b", "decision": "include", "reason": "x"}]
    assert "tie" in str(first.recipe["ties_rule"])
    other = rank([c("a", "4"), c("b", "3.1")], 1, instrument="readiness-2019")
    assert other.recipe["input_hash"] != first.recipe["input_hash"]


@pytest.mark.parametrize(
    ("overrides", "quota", "code"),
    [
        ([Override("zz", INCLUDE, "r")], 1, "unknown_candidate"),
        ([Override("a", INCLUDE, " ")], 1, "missing_reason"),
        ([Override("a", "maybe", "r")], 1, "unknown_decision"),
        ([Override("a", INCLUDE, "r"), Override("b", INCLUDE, "r")], 1, "too_many_included"),
        ([], -1, "negative_quota"),
    ],
)
def test_bad_inputs_are_named(overrides, quota, code) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SelectionError) as error:
        rank([c("a", "4"), c("b", "3")], quota, overrides)
    assert error.value.code == code


def test_overdue_means_past_due_and_still_owed_by_the_region() -> None:
    today = date(2026, 8, 1)
    items = [
        DueItem("late", date(2026, 7, 1), PENDING),
        DueItem("returned", date(2026, 7, 20), RETURNED),
        DueItem("waiting for mentor", date(2026, 7, 1), SUBMITTED),
        DueItem("done", date(2026, 7, 1), APPROVED),
        DueItem("today", today, PENDING),
        DueItem("no date", None, PENDING),
    ]
    assert [i.key for i in overdue(items, today)] == ["late", "returned"]


def test_the_current_stage_is_the_first_not_fully_approved() -> None:
    counts = {1: StageCount(total=2, approved=2), 2: StageCount(total=3, approved=1)}
    assert current_stage(counts, [1, 2, 3, 4]) == 2
    assert current_stage({1: StageCount(total=1, approved=1)}, [1]) is None
    assert current_stage({}, [1, 2]) == 1


def test_the_state_machine() -> None:
    assert can_move(PENDING, SUBMITTED)
    assert can_move(SUBMITTED, RETURNED)
    assert can_move(RETURNED, SUBMITTED)
    assert not can_move(PENDING, APPROVED)
    assert not can_move(APPROVED, RETURNED)

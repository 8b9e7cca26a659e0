"""Quick Win candidates by configurable criteria."""

from decimal import Decimal

from kotacerdas.core.quick_wins import Candidate, QuickWinCriteria, quick_win_candidates


def candidate(id, start=2026, duration=1, cost=100, benefit=True, readiness=4.0, priority=0.5):
    return Candidate(id, start, duration, Decimal(cost), benefit, readiness, priority)


def test_it_keeps_initiatives_that_finish_in_two_years_and_ranks_them() -> None:
    result = quick_win_candidates(
        [
            candidate("slow", duration=3, priority=0.9),
            candidate("b", priority=0.4),
            candidate("a", start=2027, priority=0.8),
        ],
        QuickWinCriteria(max_years=2),
        2026,
    )
    assert [(a.candidate.id, a.failed) for a in result] == [("a", ()), ("b", ()), ("slow", ("finish",))]


def test_each_criterion_is_named_when_it_fails() -> None:
    criteria = QuickWinCriteria(max_years=1, cost_ceiling=Decimal(50), min_readiness=3)
    (result,) = quick_win_candidates(
        [candidate("x", duration=2, cost=60, benefit=False, readiness=2)], criteria, 2026
    )
    assert result.failed == ("finish", "cost", "citizen_benefit", "readiness")
    assert not result.qualifies


def test_criteria_can_be_relaxed() -> None:
    criteria = QuickWinCriteria(max_years=3, require_citizen_benefit=False)
    (result,) = quick_win_candidates(
        [candidate("x", duration=3, benefit=False, readiness=None)], criteria, 2026
    )
    assert result.qualifies

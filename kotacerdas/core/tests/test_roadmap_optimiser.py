"""The roadmap optimiser against exhaustive enumeration, the independent checker and known traps."""

from __future__ import annotations

import itertools
import random
from typing import Any

import pytest

from kotacerdas.core.roadmap import (
    RoadmapInstance,
    check_schedule,
    generate_instance,
    greedy_schedule,
    objective_value,
    optimise_roadmap,
    parse_instance,
)
from kotacerdas.core.roadmap.lns import SharedIncumbent, StallWatch

# ---------------------------------------------------------------- helpers


def tiny_document(seed: int, initiatives: int = 5, horizon: int = 4) -> dict[str, Any]:
    """A random instance small enough to enumerate, with every kind of constraint in play."""
    rng = random.Random(seed)
    items = []
    for index in range(initiatives):
        duration = rng.choice([1, 1, 2, 3])
        item: dict[str, Any] = {
            "id": f"i{index}",
            "agency": rng.choice(["A", "B"]),
            "duration": duration,
            "cost_profile": [rng.randint(1, 9) for _ in range(duration)],
            "benefit": rng.randint(1, 20),
            "mandatory": False,
            "earliest_start": rng.choice([0, 0, 0, 1]),
            "predecessors": [],
        }
        if index and rng.random() < 0.4:
            item["predecessors"] = [f"i{rng.randrange(index)}"]
        if rng.random() < 0.3:
            item["funding_source"] = "DAK"
        if rng.random() < 0.1:
            item["pinned_start"] = rng.randrange(horizon - duration + 1)
        items.append(item)
    if rng.random() < 0.5:
        items[0]["mandatory"] = True
    return {
        "horizon_years": horizon,
        "start_year": 2026,
        "discount_weights": [round(0.9**t, 4) for t in range(horizon)],
        "budget": [rng.randint(6, 14) for _ in range(horizon)],
        "budget_by_source": {"DAK": [rng.randint(3, 8) for _ in range(horizon)]},
        "agencies": [{"id": "A", "max_concurrent": rng.choice([1, 2])}, {"id": "B", "max_concurrent": 1}],
        "initiatives": items,
    }


def brute_force(instance: RoadmapInstance) -> float | None:
    """The best objective over every possible schedule (None when nothing is feasible).

    It uses only the independent checker, never the solver's model.
    """
    options = [
        [None, *range(instance.horizon_years - initiative.duration + 1)]
        for initiative in instance.initiatives
    ]
    best: float | None = None
    for choice in itertools.product(*options):
        schedule = {
            initiative.id: start
            for initiative, start in zip(instance.initiatives, choice, strict=True)
            if start is not None
        }
        if not check_schedule(instance, schedule):
            value = objective_value(instance, schedule)
            best = value if best is None else max(best, value)
    return best


def small(document_changes: dict[str, Any] | None = None, **initiatives: dict[str, Any]) -> RoadmapInstance:
    """A hand-made 4-year instance; keyword arguments add initiatives by id."""
    document: dict[str, Any] = {
        "horizon_years": 4,
        "start_year": 2026,
        "discount_weights": [1.0, 0.9, 0.8, 0.7],
        "budget": [10, 10, 10, 10],
        "agencies": [{"id": "DISKOMINFO", "max_concurrent": 2}, {"id": "DISHUB", "max_concurrent": 1}],
        "initiatives": [
            {"id": key, "agency": "DISKOMINFO", "duration": 1, "cost_profile": [5], "benefit": 10, **fields}
            for key, fields in initiatives.items()
        ],
    }
    document.update(document_changes or {})
    return parse_instance(document)


# ---------------------------------------------------------------- optimality


def assert_matches_enumeration(instance: RoadmapInstance) -> None:
    expected = brute_force(instance)
    result = optimise_roadmap(instance, time_limit=2)
    if expected is None:
        assert result.status == "infeasible"
        assert result.infeasibility
        return
    assert result.status == "optimal"
    assert result.objective == pytest.approx(expected, abs=1e-6)
    assert result.bound == pytest.approx(expected, rel=1e-5)
    assert check_schedule(instance, result.schedule) == []


@pytest.mark.parametrize("seed", range(40))
def test_it_matches_exhaustive_enumeration_on_tiny_instances(seed: int) -> None:
    assert_matches_enumeration(parse_instance(tiny_document(seed)))


@pytest.mark.parametrize("seed", range(4))
def test_it_matches_enumeration_with_more_initiatives(seed: int) -> None:
    assert_matches_enumeration(parse_instance(tiny_document(100 + seed, initiatives=7, horizon=3)))


def test_the_tiny_instances_cover_infeasible_and_feasible_cases() -> None:
    # Guards the two tests above: they must exercise both branches.
    outcomes = {brute_force(parse_instance(tiny_document(seed))) is None for seed in range(40)}
    assert outcomes == {True, False}


@pytest.mark.parametrize("seed", range(3))
def test_every_schedule_on_generated_instances_passes_the_checker(seed: int) -> None:
    instance = generate_instance(40, years=6, seed=seed)
    result = optimise_roadmap(instance, time_limit=2)
    assert result.status in ("optimal", "feasible")
    assert check_schedule(instance, result.schedule) == []
    assert result.objective is not None and result.bound is not None
    assert result.bound >= result.objective - 1e-6
    assert result.objective >= result.greedy_objective - 1e-6
    greedy = greedy_schedule(instance)
    assert check_schedule(instance, greedy) == []
    assert objective_value(instance, greedy) == pytest.approx(result.greedy_objective)


def test_the_gap_is_certified_by_the_bound() -> None:
    instance = generate_instance(40, years=6, seed=7)
    result = optimise_roadmap(instance, time_limit=2)
    assert result.gap is not None and result.objective is not None and result.bound is not None
    assert result.gap == pytest.approx((result.bound - result.objective) / result.objective, abs=1e-12)


# ---------------------------------------------------------------- rules


def test_it_prefers_early_finishes_under_discounting() -> None:
    result = optimise_roadmap(small(a={"benefit": 10}))
    assert result.schedule == {"a": 0}
    assert result.objective == 10


def test_a_pinned_start_is_kept_even_when_an_earlier_one_pays_more() -> None:
    result = optimise_roadmap(small(a={"pinned_start": 2}))
    assert result.schedule == {"a": 2}
    assert result.objective == pytest.approx(8)


def test_a_mandatory_initiative_is_scheduled_even_at_no_benefit() -> None:
    result = optimise_roadmap(small(a={"benefit": 0, "mandatory": True, "cost_profile": [10]}, b={}))
    assert result.schedule["a"] in range(4)
    assert (
        check_schedule(
            small(a={"benefit": 0, "mandatory": True, "cost_profile": [10]}, b={}), result.schedule
        )
        == []
    )


def test_a_successor_waits_for_its_predecessor_to_finish() -> None:
    instance = small(
        base={"duration": 2, "cost_profile": [1, 1]},
        app={"predecessors": ["base"], "benefit": 50},
    )
    result = optimise_roadmap(instance)
    assert result.schedule == {"base": 0, "app": 2}


def test_per_source_ceilings_bind() -> None:
    instance = small(
        {"budget_by_source": {"DAK": [5, 5, 5, 5]}},
        a={"funding_source": "DAK"},
        b={"funding_source": "DAK"},
    )
    result = optimise_roadmap(instance)
    assert sorted(result.schedule.values()) == [0, 1]


def test_opd_capacity_binds() -> None:
    instance = small(
        a={"agency": "DISHUB", "cost_profile": [1]},
        b={"agency": "DISHUB", "cost_profile": [1]},
    )
    assert sorted(optimise_roadmap(instance).schedule.values()) == [0, 1]


# ---------------------------------------------------------------- explanations


def reasons_of(result_dict: dict[str, Any], key: str, initiative_id: str) -> list[dict[str, Any]]:
    entry = next(item for item in result_dict[key] if item["id"] == initiative_id)
    return list(entry["reasons"])


def test_a_deferral_names_the_budget_year() -> None:
    instance = small(a={"cost_profile": [8], "benefit": 20}, b={"cost_profile": [8], "benefit": 10})
    output = optimise_roadmap(instance).as_dict(instance)
    assert output["schedule"] == {"a": 0, "b": 1}
    reasons = reasons_of(output, "deferred", "b")
    assert reasons == [
        {"constraint": "budget", "message": "budget in 2026: needs 8, 2 left", "year_index": 0, "year": 2026}
    ]


def test_a_drop_names_the_predecessor_and_the_horizon() -> None:
    instance = small(
        big={"duration": 3, "cost_profile": [9, 9, 9], "benefit": 1},
        rich={"cost_profile": [9], "benefit": 40},
        late={"predecessors": ["big"], "benefit": 1},
        long={"duration": 4, "cost_profile": [1, 1, 1, 1], "earliest_start": 1},
    )
    output = optimise_roadmap(instance).as_dict(instance)
    assert output["schedule"] == {"rich": 0, "big": 1}
    dropped = {item["id"]: item for item in output["dropped"]}
    # late could only start in 2029, when big is still running and big has used the money.
    assert [reason["message"] for reason in dropped["late"]["reasons"]] == [
        "predecessor big only finishes in 2029",
        "budget in 2029: needs 5, 1 left",
    ]
    assert dropped["late"]["reasons"][0]["initiative"] == "big"
    assert dropped["long"]["reasons"][0]["constraint"] == "horizon"
    assert "earliest_possible_start" not in dropped["long"]


def test_a_deferral_names_the_opd_capacity() -> None:
    instance = small(
        a={"agency": "DISHUB", "cost_profile": [1], "benefit": 20},
        b={"agency": "DISHUB", "cost_profile": [1], "benefit": 10},
    )
    output = optimise_roadmap(instance).as_dict(instance)
    reason = reasons_of(output, "deferred", "b")[0]
    assert (reason["constraint"], reason["agency"], reason["year"]) == ("agency_capacity", "DISHUB", 2026)


# ---------------------------------------------------------------- infeasible mandatory sets


def test_mandatory_initiatives_over_budget_are_reported_with_the_year() -> None:
    instance = small(
        {"budget": [10, 10, 4, 4]},
        a={"mandatory": True, "duration": 2, "cost_profile": [8, 8]},
        b={"mandatory": True, "duration": 2, "cost_profile": [8, 8]},
    )
    result = optimise_roadmap(instance, time_limit=2)
    assert result.status == "infeasible"
    assert result.schedule == {}
    assert {reason.constraint for reason in result.infeasibility} == {"budget"}
    assert all(
        "2026" in r.message or "2027" in r.message or "2028" in r.message for r in result.infeasibility
    )


def test_mandatory_initiatives_over_opd_capacity_are_reported() -> None:
    instance = small(
        **{
            name: {"mandatory": True, "agency": "DISHUB", "duration": 2, "cost_profile": [1, 1]}
            for name in ("a", "b", "c")
        }
    )
    result = optimise_roadmap(instance, time_limit=2)
    assert result.status == "infeasible"
    assert {reason.constraint for reason in result.infeasibility} == {"agency_capacity"}
    assert result.infeasibility[0].agency == "DISHUB"


def test_a_mandatory_chain_longer_than_the_horizon_is_reported() -> None:
    instance = small(
        a={"duration": 3, "cost_profile": [1, 1, 1]},
        b={"mandatory": True, "duration": 2, "cost_profile": [1, 1], "predecessors": ["a"]},
    )
    result = optimise_roadmap(instance)
    assert result.status == "infeasible"
    messages = [reason.message for reason in result.infeasibility]
    assert any(
        "mandatory initiative b" in message and "cannot finish by 2029" in message for message in messages
    )


def test_a_pin_before_the_predecessor_finishes_is_reported() -> None:
    instance = small(
        a={"duration": 2, "cost_profile": [1, 1]},
        b={"pinned_start": 1, "predecessors": ["a"]},
    )
    result = optimise_roadmap(instance)
    assert result.status == "infeasible"
    by_constraint = {reason.constraint: reason for reason in result.infeasibility}
    assert by_constraint["predecessor"].initiative == "a"
    assert "pinned start 2027 is before predecessor a can finish" in by_constraint["predecessor"].message
    # a itself must now finish before 2027, which its two years cannot do.
    assert "mandatory initiatives that depend on it" in by_constraint["horizon"].message


# ---------------------------------------------------------------- search plumbing


def test_the_stall_watch_waits_then_stops_a_flat_bound() -> None:
    watch = StallWatch(time_limit=10)  # earliest 2.5 s, window 1.5 s
    assert not watch.stalled(0.5, 100.0)
    assert not watch.stalled(2.0, 100.0)  # too early, however flat
    assert watch.stalled(3.0, 100.0)  # flat for 2.5 s
    moving = StallWatch(time_limit=10)
    for step in range(40):
        assert not moving.stalled(step * 0.2, 200.0 - step)  # keeps improving by 0.5 % a step


def test_the_stall_watch_never_stops_the_root_node() -> None:
    # A flat bound at node 0 means HiGHS is running its root heuristics, which must finish.
    watch = StallWatch(time_limit=10)
    assert not any(watch.stalled(t / 10, 100.0, nodes=0) for t in range(80))
    assert not watch.stalled(8.0, 100.0, nodes=1)  # the tree only just started: no history yet
    assert watch.stalled(9.6, 100.0, nodes=30)


def test_the_shared_incumbent_keeps_only_improvements() -> None:
    shared = SharedIncumbent([3.0, 2.0, 1.0], [0, 1, 0])
    assert not shared.offer([0, 0, 1])
    assert shared.offer([1, 0, 0.9999])  # rounded to integers: value 4
    values, value = shared.snapshot()
    assert value == 4 and values is not None and list(values) == [1, 0, 1]


def test_without_a_warm_start_it_still_finds_the_optimum() -> None:
    instance = parse_instance(tiny_document(2))
    result = optimise_roadmap(instance, time_limit=2, warm_start=False)
    assert result.status == "optimal"
    assert result.objective == pytest.approx(brute_force(instance), abs=1e-6)

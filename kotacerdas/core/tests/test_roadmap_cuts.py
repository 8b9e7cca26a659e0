"""The budget cover cuts never cut off a schedule: every feasible schedule of tiny instances satisfies
every cut, and the model with cuts has the brute-forced optimum."""

from __future__ import annotations

import itertools

import pytest

from kotacerdas.core.roadmap import RoadmapInstance, check_schedule, parse_instance
from kotacerdas.core.roadmap.cuts import add_cover_cuts
from kotacerdas.core.roadmap.ledger import start_windows
from kotacerdas.core.roadmap.model import TimeIndexedModel, build_model
from kotacerdas.core.roadmap.solver import solve_model
from kotacerdas.core.tests.test_roadmap_optimiser import brute_force, tiny_document


def feasible_schedules(instance: RoadmapInstance) -> list[dict[str, int]]:
    options = [
        [None, *range(instance.horizon_years - initiative.duration + 1)]
        for initiative in instance.initiatives
    ]
    found = []
    for choice in itertools.product(*options):
        schedule = {i.id: s for i, s in zip(instance.initiatives, choice, strict=True) if s is not None}
        if not check_schedule(instance, schedule):
            found.append(schedule)
    return found


def with_cuts(instance: RoadmapInstance) -> tuple[TimeIndexedModel, int]:
    windows = start_windows(instance)
    model = build_model(instance, windows, [i for i in instance.initiatives if windows[i.id]])
    return model, add_cover_cuts(model)


def cut_rows(model: TimeIndexedModel) -> list[int]:
    return [row for row, label in enumerate(model.row_labels) if label.kind == "budget_cover"]


def tight_document(seed: int) -> dict:  # type: ignore[type-arg]
    """A tiny instance with a tight budget, so that the LP point fills years with fractions."""
    document = tiny_document(seed, initiatives=6, horizon=3)
    document["budget"] = [max(4, b - 4) for b in document["budget"]]
    return document


@pytest.mark.parametrize("seed", range(30))
def test_no_feasible_schedule_violates_a_cover_cut(seed: int) -> None:
    instance = parse_instance(tight_document(seed))
    model, _ = with_cuts(instance)
    for schedule in feasible_schedules(instance):
        chosen = {model.column_of[(key, start)] for key, start in schedule.items()}
        for row in cut_rows(model):
            used = sum(1 for column, _ in model.row_entries[row] if column in chosen)
            assert used <= model.row_upper[row], (schedule, model.row_entries[row])


@pytest.mark.parametrize("seed", range(30))
def test_the_model_with_cuts_keeps_the_brute_forced_optimum(seed: int) -> None:
    instance = parse_instance(tight_document(seed))
    expected = brute_force(instance)
    model, _ = with_cuts(instance)
    if expected is None or not model.columns:
        return
    solved = solve_model(model, time_limit=5)
    assert solved.status == "optimal"
    value = sum(c * v for c, v in zip(model.objective, solved.values or [], strict=True))
    assert value == pytest.approx(expected, abs=1e-6)


def test_the_tight_instances_do_produce_cuts() -> None:
    # Guards the tests above: they must check real cuts, not an empty list.
    counts = [with_cuts(parse_instance(tight_document(seed)))[1] for seed in range(30)]
    assert sum(1 for n in counts if n) >= 5, counts

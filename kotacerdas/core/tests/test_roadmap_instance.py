"""roadmap/v1 parsing: every bad field is named, with its initiative."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from kotacerdas.core.roadmap import (
    RoadmapFormatError,
    generate_document,
    generate_instance,
    instance_fingerprint,
    instance_to_document,
    parse_instance,
    start_windows,
)

EXAMPLE = Path(__file__).parent / "data" / "roadmap" / "kota-contoh.json"


def example() -> dict[str, Any]:
    return dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def test_the_example_parses_with_its_optional_fields() -> None:
    instance = parse_instance(example())
    assert instance.horizon_years == 5
    assert instance.year(4) == 2030
    rekam_medis = instance.initiative("rekam-medis")
    assert rekam_medis.funding_source == "DAK"
    assert rekam_medis.name == "Rekam Medis Elektronik Puskesmas"
    assert instance.initiative("e-planning").pinned_start == 1
    assert instance.budget_by_source["DAK"] == (600,) * 5


def test_a_document_survives_a_round_trip() -> None:
    instance = parse_instance(example())
    assert parse_instance(instance_to_document(instance)) == instance


def test_the_generator_is_reproducible_and_valid() -> None:
    assert generate_document(30, seed=4) == generate_document(30, seed=4)
    assert generate_document(30, seed=4) != generate_document(30, seed=5)
    instance = generate_instance(30, years=6, seed=4)
    assert len(instance.initiatives) == 30
    assert any(i.predecessors for i in instance.initiatives)
    assert sum(instance.budget) < sum(i.total_cost for i in instance.initiatives)  # budget-tight


def test_start_windows_follow_the_longest_predecessor_chain() -> None:
    windows = start_windows(parse_instance(example()))
    assert windows["satu-data"] == range(4)
    assert windows["rekam-medis"] == range(2, 4)  # after satu-data's two years
    assert windows["telemedis"] == range(4, 5)  # after rekam-medis, finishing by 2030
    assert windows["e-planning"] == range(1, 2)  # pinned


def edit(path: str, value: Any) -> dict[str, Any]:
    """The example with one field replaced; path like "initiatives.2.duration"."""
    document = copy.deepcopy(example())
    *parents, last = path.split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if value is DELETE:
        del target[int(last) if last.isdigit() else last]
    else:
        target[int(last) if last.isdigit() else last] = value
    return document


DELETE = object()


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        ("format", "roadmap/v2", "format: expected 'roadmap/v1'"),
        ("horizon_years", 0, "horizon_years: must be at least 1"),
        ("horizon_years", "5", "horizon_years: must be an integer"),
        ("discount_weights", [1, 0.9], "discount_weights: has 2 values, expected 5"),
        ("budget", [1, 2, 3, 4, "x"], "budget\\[4\\]: must be a number"),
        ("budget", [1, 2, 3, 4, -5], "budget\\[4\\]: must not be negative"),
        ("budget", DELETE, "budget: must be a list of 5 numbers"),
        ("agencies", [], "agencies: must be a non-empty list"),
        ("agencies.1.max_concurrent", 0, "agency 'DINKES': max_concurrent: must be at least 1"),
        ("agencies.1.id", "DISKOMINFO", "agency 'DISKOMINFO': duplicate id"),
        ("initiatives.1.agency", "DISPORA", "initiative 'command-center': agency: 'DISPORA' is not one of"),
        ("initiatives.1.duration", 6, "initiative 'command-center': duration: 6 years does not fit"),
        ("initiatives.1.duration", 3, "initiative 'command-center': cost_profile: has 2 values, expected 3"),
        ("initiatives.1.cost_profile", [900, None], "initiative 'command-center': cost_profile\\[1\\]"),
        ("initiatives.1.benefit", -1, "initiative 'command-center': benefit: must not be negative"),
        ("initiatives.1.benefit", True, "initiative 'command-center': benefit: must be a number"),
        ("initiatives.1.mandatory", "yes", "initiative 'command-center': mandatory: must be true or false"),
        ("initiatives.1.earliest_start", 5, "initiative 'command-center': earliest_start: 5 is outside 0..4"),
        (
            "initiatives.1.predecessors",
            ["nope"],
            "initiative 'command-center': predecessors: unknown initiative",
        ),
        (
            "initiatives.1.predecessors",
            "satu-data",
            "initiative 'command-center': predecessors: must be a list",
        ),
        ("initiatives.1.predecessors", ["command-center"], "must not repeat ids or name itself"),
        ("initiatives.1.pinned_start", 4, "initiative 'command-center': pinned_start: 4 must be in 0..3"),
        ("initiatives.1.funding_source", "BLUD", "funding_source: 'BLUD' has no entry in budget_by_source"),
        ("initiatives.4.id", "satu-data", "initiative 'satu-data': duplicate id"),
        ("initiatives.1.id", "", "initiatives\\[1\\]: id: must be a non-empty string"),
        ("initiatives.0.predecessors", ["telemedis"], "predecessors form a cycle: "),
        ("budget_by_source", {"DAK": [1, 2]}, "budget_by_source: budget_by_source.DAK: has 2 values"),
        ("initiatives", {"a": 1}, "initiatives: must be a list"),
    ],
)
def test_bad_fields_are_named(path: str, value: Any, message: str) -> None:
    with pytest.raises(RoadmapFormatError, match=message):
        parse_instance(edit(path, value))


def test_a_cycle_is_shown_in_order() -> None:
    with pytest.raises(RoadmapFormatError) as raised:
        parse_instance(edit("initiatives.0.predecessors", ["telemedis"]))
    assert (
        str(raised.value)
        == "predecessors form a cycle: satu-data needs telemedis needs rekam-medis needs satu-data"
    )


def test_the_document_must_be_an_object() -> None:
    with pytest.raises(RoadmapFormatError, match="must be a JSON object"):
        parse_instance([1, 2])


def test_the_fingerprint_identifies_the_instance_not_its_layout() -> None:
    document = example()
    shuffled = json.loads(json.dumps(document, sort_keys=True))
    assert instance_fingerprint(parse_instance(document)) == instance_fingerprint(parse_instance(shuffled))
    document["budget"][0] += 1
    assert instance_fingerprint(parse_instance(document)) != instance_fingerprint(parse_instance(shuffled))

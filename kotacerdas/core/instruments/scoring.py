"""Scoring an instrument: exact, hierarchical, and carrying its recipe.

Each indicator's answer is first put on the instrument's scale (a level is its
own value; yes/no and choices carry points; a number is placed between its
goalposts). Each group then aggregates its children by its ``rule``; a child
without a score is handled by the group's ``missing`` rule. All arithmetic is
on Fractions, so a total that lies exactly on a band boundary is compared
exactly (3.5 is *Sangat Baik*, never 3.4999999 *Baik*).

This module holds the public entry points and the recipe; the result types are
in ``scoring_results``, the input checks in ``scoring_inputs`` and the walk
over the tree in ``scoring_walk``.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from fractions import Fraction

from .answers import AnswerValue, answer_text
from .data_form import instrument_hash
from .errors import AnswersError, Problem
from .model import Instrument
from .numbers import fraction_text, to_fraction
from .scoring_inputs import checked_answers, checked_targets
from .scoring_results import Improvement, Recipe, ScoreResult
from .scoring_walk import ScoringPass

METHOD = "kotacerdas.instruments.hierarchical/1"
ROOT = ""  # the code under which the instrument itself appears in recipes

# ---------------------------------------------------------------- public functions


def score(
    instrument: Instrument,
    answers: Mapping[str, object],
    *,
    targets: Mapping[str, object] | None = None,
    default_target: object | None = None,
) -> ScoreResult:
    """Scores one set of answers (indicator code → value; text or typed).

    ``targets`` maps indicator or group codes to a target on the instrument
    scale; ``default_target`` applies to every indicator without one. A group
    without an explicit target gets the aggregate of its children's targets,
    so the gap of a dimension is consistent with the gaps of its indicators.

    Raises AnswersError listing every problem: unknown codes, bad values,
    targets off the scale, and answers missing where a rule requires them.
    """
    if not instrument.is_scoring:
        raise AnswersError([Problem("not_scorable", "", None, {"instrument": instrument.id})])
    values, problems = checked_answers(instrument, answers)
    rejected = {problem.path for problem in problems}  # a refused value is not also "missing"
    goals, target_problems = checked_targets(instrument, targets or {}, default_target)
    problems += target_problems
    run = ScoringPass(instrument, values, goals, rejected)
    components = run.aggregate_children(
        instrument.children, None, 1, instrument.rule, instrument.missing, ROOT
    )
    problems += run.problems
    if problems:
        raise AnswersError(problems)
    if components is None:
        raise AnswersError([Problem("no_answers", "", None, {})])
    total, total_target = components
    return ScoreResult(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        total=total,
        band=instrument.band_for(total),
        nodes=tuple(run.nodes),
        scale=(instrument.scale_min, instrument.scale_max),
        recipe=make_recipe(instrument, values, goals),
        target=total_target,
        gap=None if total_target is None else total_target - total,
    )


def improvement(current: ScoreResult, previous: ScoreResult | Fraction | int | float | str) -> Improvement:
    """Current minus previous total (and per component when both are results).

    ``previous`` may be a bare number: often only last year's published total is known.
    """
    if not isinstance(previous, ScoreResult):
        return Improvement(current.total - to_fraction(previous))
    before = previous.component_scores()
    groups: dict[str, Fraction] = {}
    for code, value in current.component_scores().items():
        earlier = before.get(code)
        if value is not None and earlier is not None:
            groups[code] = value - earlier
    return Improvement(current.total - previous.total, groups)


def make_recipe(
    instrument: Instrument, answers: Mapping[str, AnswerValue], targets: Mapping[str, Fraction]
) -> Recipe:
    rules = {ROOT: f"{instrument.rule}/{instrument.missing}"}
    rules.update({group.code: f"{group.rule}/{group.missing}" for group in instrument.groups()})
    return Recipe(
        instrument_id=instrument.id,
        instrument_version=instrument.version,
        instrument_hash=instrument_hash(instrument),
        method=METHOD,
        scale=(fraction_text(instrument.scale_min), fraction_text(instrument.scale_max)),
        rules=rules,
        weights={place.node.code: fraction_text(place.node.weight) for place in instrument.walk()},
        input_hash=input_hash(answers, targets),
    )


def input_hash(answers: Mapping[str, AnswerValue], targets: Mapping[str, Fraction] | None = None) -> str:
    """SHA-256 of the canonical answers and targets: equal inputs, equal hash, in any order or spelling."""
    canonical = {
        "answers": {code: answer_text(value) for code, value in sorted(answers.items())},
        "targets": {code: fraction_text(value) for code, value in sorted((targets or {}).items())},
    }
    text = json.dumps(canonical, sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()

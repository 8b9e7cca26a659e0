"""Scoring an instrument: exact, hierarchical, and carrying its recipe.

Each indicator's answer is first put on the instrument's scale (a level is its
own value; yes/no and choices carry points; a number is placed between its
goalposts). Each group then aggregates its children by its ``rule``; a child
without a score is handled by the group's ``missing`` rule. All arithmetic is
on Fractions, so a total that lies exactly on a band boundary is compared
exactly (3.5 is *Sangat Baik*, never 3.4999999 *Baik*).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal

from .answers import AnswerValue, _coerce, _Rejected, answer_text
from .errors import AnswersError, Problem
from .loader import instrument_hash
from .model import (
    Band,
    ChoiceAnswer,
    Group,
    Indicator,
    Instrument,
    MaturityAnswer,
    Node,
    NumberAnswer,
    Rule,
    Text,
    YesNoAnswer,
)
from .numbers import fraction_text, to_fraction

METHOD = "kotacerdas.instruments.hierarchical/1"
ROOT = ""  # the code under which the instrument itself appears in recipes

Status = Literal["scored", "as_minimum", "excluded", "missing"]


@dataclass(frozen=True)
class Recipe:
    """Everything needed to explain a result and regenerate it identically (DESIGN.md rule 5)."""

    instrument_id: str
    instrument_version: str
    instrument_hash: str
    method: str
    scale: tuple[str, str]
    rules: Mapping[str, str]  # group code ("" = the instrument) → "rule/missing"
    weights: Mapping[str, str]  # node code → exact weight
    input_hash: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "instrument_id": self.instrument_id,
            "instrument_version": self.instrument_version,
            "instrument_hash": self.instrument_hash,
            "method": self.method,
            "scale": list(self.scale),
            "rules": dict(self.rules),
            "weights": dict(self.weights),
            "input_hash": self.input_hash,
        }


@dataclass(frozen=True)
class NodeScore:
    """The score of one group or indicator, with its band and its gap to the target."""

    code: str
    kind: Literal["group", "indicator"]
    name: Text
    parent: str | None
    depth: int
    weight: Fraction
    score: Fraction | None  # None: excluded or (for optional parts) not answered
    status: Status
    band: Band | None
    target: Fraction | None
    gap: Fraction | None  # target − score; positive means below target
    answered: int  # indicators answered below (1/0 for an indicator)
    indicators: int  # indicators below (1 for an indicator)
    answer: AnswerValue | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "kind": self.kind,
            "name": {"id": self.name.id, "en": self.name.en},
            "parent": self.parent,
            "depth": self.depth,
            "weight": float(self.weight),
            "score": _float(self.score),
            "status": self.status,
            "band": _band_dict(self.band),
            "target": _float(self.target),
            "gap": _float(self.gap),
            "answered": self.answered,
            "indicators": self.indicators,
            "answer": None if self.answer is None else answer_text(self.answer),
        }


@dataclass(frozen=True)
class RadarAxis:
    """One spoke of the radar chart: a top-level component of the instrument."""

    code: str
    name: Text
    score: float | None
    target: float | None
    maximum: float


@dataclass(frozen=True)
class ScoreResult:
    instrument_id: str
    instrument_version: str
    total: Fraction
    band: Band | None
    nodes: tuple[NodeScore, ...]  # tree order, parents first
    scale: tuple[Fraction, Fraction]
    recipe: Recipe
    target: Fraction | None = None
    gap: Fraction | None = None

    def node(self, code: str) -> NodeScore:
        for node in self.nodes:
            if node.code == code:
                return node
        raise KeyError(code)

    def component_scores(self) -> dict[str, Fraction | None]:
        """Every group, plus every component directly under the instrument (the radar axes)."""
        return {node.code: node.score for node in self.nodes if node.kind == "group" or node.parent is None}

    def radar(self) -> list[RadarAxis]:
        top = (node for node in self.nodes if node.parent is None)
        maximum = float(self.scale[1])
        return [
            RadarAxis(node.code, node.name, _float(node.score), _float(node.target), maximum) for node in top
        ]

    def summary(self) -> dict[str, Any]:
        """The compact form the CLI prints: instrument, total, band (predicate) and component scores."""
        return {
            "instrument": self.instrument_id,
            "total": float(self.total),
            "band": self.band.name.id if self.band else None,
            "groups": {code: _float(score) for code, score in self.component_scores().items()},
        }

    def to_dict(self) -> dict[str, Any]:
        """Everything, JSON-ready: what the web layer stores and renders."""
        return {
            "instrument": self.instrument_id,
            "version": self.instrument_version,
            "total": float(self.total),
            "total_exact": fraction_text(self.total),
            "band": _band_dict(self.band),
            "target": _float(self.target),
            "gap": _float(self.gap),
            "scale": [float(self.scale[0]), float(self.scale[1])],
            "nodes": [node.to_dict() for node in self.nodes],
            "radar": [
                {
                    "code": axis.code,
                    "name": {"id": axis.name.id, "en": axis.name.en},
                    "score": axis.score,
                    "target": axis.target,
                    "max": axis.maximum,
                }
                for axis in self.radar()
            ],
            "recipe": self.recipe.to_dict(),
        }


@dataclass(frozen=True)
class Improvement:
    """Change from the previous evaluation (monev's "peningkatan"): positive is better."""

    total: Fraction
    groups: Mapping[str, Fraction] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {
            "total": float(self.total),
            "groups": {code: float(delta) for code, delta in self.groups.items()},
        }


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
    values, problems = _checked_answers(instrument, answers)
    rejected = {problem.path for problem in problems}  # a refused value is not also "missing"
    goals, target_problems = _checked_targets(instrument, targets or {}, default_target)
    problems += target_problems
    run = _Run(instrument, values, goals, rejected)
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


def indicator_score(instrument: Instrument, indicator: Indicator, value: AnswerValue) -> Fraction:
    """An answer placed on the instrument scale."""
    answer = indicator.answer
    if isinstance(answer, MaturityAnswer):
        return Fraction(int(value))
    if isinstance(answer, YesNoAnswer):
        return answer.yes if value else answer.no
    if isinstance(answer, ChoiceAnswer):
        option = answer.option(str(value))
        assert option is not None  # values are checked before scoring
        return option.points
    return _normalised_number(instrument, answer, Fraction(value))


def _normalised_number(instrument: Instrument, answer: NumberAnswer, value: Fraction) -> Fraction:
    """Min–max between the goalposts, clipped, flipped when lower is better, stretched onto the scale."""
    share = (value - answer.lower) / (answer.upper - answer.lower)
    share = min(Fraction(1), max(Fraction(0), share))
    if answer.direction == "lower_is_better":
        share = 1 - share
    return instrument.scale_min + share * (instrument.scale_max - instrument.scale_min)


def aggregate(rule: Rule, weighted: list[tuple[Fraction, Fraction]]) -> Fraction:
    """Aggregates (weight, score) pairs; the list is never empty here."""
    if rule == "mean":
        return sum((value for _, value in weighted), Fraction(0)) / len(weighted)
    if rule == "minimum":
        return min(value for _, value in weighted)
    total_weight = sum((weight for weight, _ in weighted), Fraction(0))
    if total_weight == 0:  # every remaining child weighs 0: fall back to the plain mean
        return sum((value for _, value in weighted), Fraction(0)) / len(weighted)
    return sum((weight * value for weight, value in weighted), Fraction(0)) / total_weight


# ---------------------------------------------------------------- checking inputs


def _checked_answers(
    instrument: Instrument, answers: Mapping[str, object]
) -> tuple[dict[str, AnswerValue], list[Problem]]:
    indicators = {indicator.code: indicator for indicator in instrument.indicators()}
    values: dict[str, AnswerValue] = {}
    problems: list[Problem] = []
    for code, raw in answers.items():
        indicator = indicators.get(str(code))
        if indicator is None:
            kind = "not_an_indicator" if instrument.node(str(code)) else "unknown_indicator"
            problems.append(Problem(kind, str(code), None, {"indicator": code}))
            continue
        if raw is None or raw == "":
            continue  # an empty cell is no answer; the missing rule decides
        try:
            values[indicator.code] = _coerce(indicator, raw)
        except _Rejected as rejected:
            problems.append(Problem(rejected.code, indicator.code, None, rejected.params))
    return values, problems


def _checked_targets(
    instrument: Instrument, targets: Mapping[str, object], default: object | None
) -> tuple[dict[str, Fraction], list[Problem]]:
    """Explicit targets per code, the default filling every indicator without one; checked once each."""
    goals: dict[str, Fraction] = {}
    problems: list[Problem] = []
    if default is not None:
        value = _target_value(instrument, "default_target", default, problems)
        if value is not None:
            goals.update(dict.fromkeys((indicator.code for indicator in instrument.indicators()), value))
    for code, raw in targets.items():
        if instrument.node(str(code)) is None:
            problems.append(Problem("unknown_target", str(code), None, {"code": code}))
            continue
        value = _target_value(instrument, str(code), raw, problems)
        if value is not None:
            goals[str(code)] = value
    return goals, problems


def _target_value(instrument: Instrument, code: str, raw: object, problems: list[Problem]) -> Fraction | None:
    try:
        value = to_fraction(raw)
    except (ValueError, ZeroDivisionError):
        problems.append(Problem("not_numeric", code, None, {"indicator": code, "value": raw}))
        return None
    if not instrument.scale_min <= value <= instrument.scale_max:
        params: dict[str, object] = {"code": code, "value": fraction_text(value)}
        params |= {"minimum": instrument.scale_min, "maximum": instrument.scale_max}
        problems.append(Problem("target_out_of_scale", code, None, params))
        return None
    return value


# ---------------------------------------------------------------- the walk


class _Run:
    """One scoring pass: fills ``nodes`` in tree order and collects missing-answer problems."""

    def __init__(
        self,
        instrument: Instrument,
        answers: Mapping[str, AnswerValue],
        targets: Mapping[str, Fraction],
        rejected: set[str] | None = None,
    ) -> None:
        self.instrument = instrument
        self.rejected = rejected or set()
        self.answers = answers
        self.targets = targets
        self.nodes: list[NodeScore] = []
        self.problems: list[Problem] = []

    def visit(self, node: Node, parent: str | None, depth: int) -> NodeScore:
        if node.optional and not self.has_answers(node):
            return self.skip(node, parent, depth)
        if isinstance(node, Indicator):
            return self.visit_indicator(node, parent, depth)
        return self.visit_group(node, parent, depth)

    def has_answers(self, node: Node) -> bool:
        if isinstance(node, Indicator):
            return node.code in self.answers or node.code in self.rejected
        return any(self.has_answers(child) for child in node.children)

    def skip(self, node: Node, parent: str | None, depth: int) -> NodeScore:
        """An optional part nobody answered: recorded as excluded, all the way down, without problems."""
        count = len(self.indicators_below(node))
        skipped = replace(self.node_score(node, parent, depth, None, None, 0, count), status="excluded")
        self.nodes.append(skipped)
        if isinstance(node, Group):
            for child in node.children:
                self.skip(child, node.code, depth + 1)
        return skipped

    @staticmethod
    def indicators_below(node: Node) -> list[Indicator]:
        if isinstance(node, Indicator):
            return [node]
        return [leaf for child in node.children for leaf in _Run.indicators_below(child)]

    def visit_indicator(self, indicator: Indicator, parent: str | None, depth: int) -> NodeScore:
        value = self.answers.get(indicator.code)
        result = None if value is None else indicator_score(self.instrument, indicator, value)
        target = self.targets.get(indicator.code)
        node = self.node_score(
            indicator, parent, depth, result, target, answered=int(value is not None), count=1
        )
        node = replace(node, answer=value)
        self.nodes.append(node)
        return node

    def visit_group(self, group: Group, parent: str | None, depth: int) -> NodeScore:
        slot = len(self.nodes)  # a placeholder now keeps parents before children in ``nodes``
        self.nodes.append(self.node_score(group, parent, depth, None, None, 0, 0))
        outcome = self.aggregate_children(
            group.children, group.code, depth + 1, group.rule, group.missing, group.code
        )
        children = [node for node in self.nodes[slot + 1 :] if node.parent == group.code]
        answered = sum(child.answered for child in children)
        count = sum(child.indicators for child in children)
        result, derived_target = outcome if outcome else (None, None)
        target = self.targets.get(group.code, derived_target)
        node = self.node_score(group, parent, depth, result, target, answered, count)
        self.nodes[slot] = node
        return node

    def aggregate_children(
        self, children: tuple[Node, ...], code: str | None, depth: int, rule: Rule, missing: str, owner: str
    ) -> tuple[Fraction, Fraction | None] | None:
        """Scores and aggregates children: (score, target), or None when nothing is left to aggregate."""
        scored: list[tuple[Fraction, Fraction]] = []
        goals: list[tuple[Fraction, Fraction]] = []
        targets_complete = True
        for child in children:
            known_problems = len(self.problems)
            node = self.visit(child, code, depth)
            already_reported = len(self.problems) > known_problems
            value = self.apply_missing_rule(child, node, missing, owner, already_reported)
            if value is None:
                continue
            scored.append((child.weight, value))
            if node.target is None:
                targets_complete = False
            else:
                goals.append((child.weight, node.target))
        if not scored:
            return None
        target = aggregate(rule, goals) if goals and targets_complete else None
        return aggregate(rule, scored), target

    def apply_missing_rule(
        self, child: Node, node: NodeScore, missing: str, owner: str, already_reported: bool
    ) -> Fraction | None:
        """The value a child contributes to its parent, or None when it is left out."""
        if node.score is not None:
            return node.score
        if node.status == "excluded":  # an optional part left unanswered
            return None
        if missing == "exclude":
            self.mark(node, "excluded")
            return None
        if missing == "as_minimum":
            self.mark(node, "as_minimum")
            return self.instrument.scale_min
        if not already_reported:  # the missing answers below were already named
            self.report_missing(child, owner)
        return None

    def report_missing(self, child: Node, owner: str) -> None:
        owner_name = owner or self.instrument.id
        if isinstance(child, Indicator):
            if child.code in self.rejected:
                return
            self.problems.append(
                Problem("missing_answer", child.code, None, {"indicator": child.code, "group": owner_name})
            )
        elif not any(leaf.code in self.rejected for leaf in self.indicators_below(child)):
            # the group's own rule excluded everything below it (refused values are reported already)
            params = {"group": child.code, "parent": owner_name}
            self.problems.append(Problem("no_answers_in_group", child.code, None, params))

    def mark(self, node: NodeScore, status: Status) -> None:
        index = self.nodes.index(node)
        self.nodes[index] = replace(node, status=status)

    def node_score(
        self,
        node: Node,
        parent: str | None,
        depth: int,
        value: Fraction | None,
        target: Fraction | None,
        answered: int,
        count: int,
    ) -> NodeScore:
        return NodeScore(
            code=node.code,
            kind=node.kind,
            name=node.name,
            parent=parent,
            depth=depth,
            weight=node.weight,
            score=value,
            status="scored" if value is not None else "missing",
            band=None if value is None else self.instrument.band_for(value),
            target=target,
            gap=None if value is None or target is None else target - value,
            answered=answered,
            indicators=count,
        )


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _band_dict(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"code": band.code, "name": {"id": band.name.id, "en": band.name.en}}

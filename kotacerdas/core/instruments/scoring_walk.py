"""The scoring walk: each indicator put on the scale, each group aggregated by its rule.

:class:`ScoringPass` visits the tree once, parents before children, applying
each group's ``missing`` rule to children without a score and collecting the
missing-answer problems on the way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from fractions import Fraction

from .answers import AnswerValue
from .errors import Problem
from .model import (
    ChoiceAnswer,
    Group,
    Indicator,
    Instrument,
    MaturityAnswer,
    Node,
    NumberAnswer,
    Rule,
    YesNoAnswer,
)
from .scoring_results import NodeScore, Status


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


class ScoringPass:
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
        return [leaf for child in node.children for leaf in ScoringPass.indicators_below(child)]

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

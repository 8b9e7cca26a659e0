"""The instrument model: frozen dataclasses, exact numbers.

Numbers that take part in scoring (weights, levels, points, goalposts, band
minimums) are :class:`fractions.Fraction` so that sums such as
``47 × 3 × 1.30 …/100`` are exact and a score lying exactly on a band boundary
falls in the documented band, never on the wrong side of a float error.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from fractions import Fraction
from functools import cached_property
from typing import Literal

Kind = Literal["scoring", "framework"]
Rule = Literal["weighted_mean", "mean", "minimum"]
MissingRule = Literal["required", "as_minimum", "exclude"]
Direction = Literal["higher_is_better", "lower_is_better"]

RULES: tuple[Rule, ...] = ("weighted_mean", "mean", "minimum")
MISSING_RULES: tuple[MissingRule, ...] = ("required", "as_minimum", "exclude")
DIRECTIONS: tuple[Direction, ...] = ("higher_is_better", "lower_is_better")
WEIGHT_CHECKS = ("none", "sum_of_children")


@dataclass(frozen=True)
class Text:
    """A bilingual label: Bahasa Indonesia first, English second."""

    id: str = ""
    en: str = ""

    def __bool__(self) -> bool:
        return bool(self.id or self.en)


@dataclass(frozen=True)
class Level:
    """One maturity level with what it means and which evidence proves it."""

    value: int
    name: Text = Text()
    criteria: Text = Text()
    evidence: Text = Text()


@dataclass(frozen=True)
class LevelSet:
    """Levels shared by many indicators (e.g. SPBE's 1–5), referenced by name."""

    name: str
    levels: tuple[Level, ...]


@dataclass(frozen=True)
class MaturityAnswer:
    """Answer with a level; the level value is the score."""

    levels: tuple[Level, ...]
    level_set: str | None = None  # the name it was referenced by, kept for export
    type: Literal["maturity"] = "maturity"

    def level_values(self) -> tuple[int, ...]:
        return tuple(level.value for level in self.levels)


@dataclass(frozen=True)
class YesNoAnswer:
    """Answer yes or no, scored ``yes`` / ``no`` points (default scale max / min)."""

    yes: Fraction
    no: Fraction
    type: Literal["yes_no"] = "yes_no"


@dataclass(frozen=True)
class NumberAnswer:
    """A measured number, normalised between goalposts onto the instrument scale.

    ``lower``/``upper`` are the goalposts (values beyond them are clipped);
    ``minimum``/``maximum`` bound what may be entered at all.
    """

    lower: Fraction
    upper: Fraction
    direction: Direction = "higher_is_better"
    unit: str = ""
    minimum: Fraction | None = None
    maximum: Fraction | None = None
    type: Literal["number"] = "number"


@dataclass(frozen=True)
class Choice:
    code: str
    name: Text
    points: Fraction


@dataclass(frozen=True)
class ChoiceAnswer:
    """Pick one option; each option carries its points."""

    options: tuple[Choice, ...]
    type: Literal["choice"] = "choice"

    def option(self, code: str) -> Choice | None:
        return next((option for option in self.options if option.code == code), None)


AnswerType = MaturityAnswer | YesNoAnswer | NumberAnswer | ChoiceAnswer
ANSWER_TYPES = ("maturity", "yes_no", "number", "choice")


@dataclass(frozen=True)
class Indicator:
    code: str
    name: Text
    weight: Fraction
    answer: AnswerType
    description: Text = Text()
    optional: bool = False
    example: bool = False  # seeded example, not from an official source
    # an answer to it cannot be submitted without at least one evidence file (data dukung)
    evidence_required: bool = False

    kind: Literal["indicator"] = "indicator"


@dataclass(frozen=True)
class Group:
    """A dimension, element, aspect…: aggregates its children by ``rule``."""

    code: str
    name: Text
    weight: Fraction
    children: tuple[Node, ...]
    rule: Rule = "weighted_mean"
    missing: MissingRule = "required"
    description: Text = Text()
    optional: bool = False  # dropped from its parent when nothing below it is answered
    example: bool = False

    kind: Literal["group"] = "group"


Node = Group | Indicator


@dataclass(frozen=True)
class Band:
    """A predicate such as SPBE's *Baik*: applies from ``minimum`` (inclusive) up to the next band."""

    code: str
    name: Text
    minimum: Fraction | None  # None: everything below the next band


@dataclass(frozen=True)
class Placement:
    """A node with its position in the tree, as :meth:`Instrument.walk` yields it."""

    node: Node
    parent: str | None  # None for components directly under the instrument
    depth: int  # 1 for those components


@dataclass(frozen=True)
class Instrument:
    """One version of an assessment instrument or framework skeleton."""

    id: str
    version: str
    name: Text
    kind: Kind = "scoring"
    description: Text = Text()
    status: str = ""  # e.g. "official", "example": how far the content can be trusted
    sources: tuple[str, ...] = ()
    scale_min: Fraction = Fraction(0)
    scale_max: Fraction = Fraction(5)
    rule: Rule = "weighted_mean"  # how the instrument aggregates its components
    missing: MissingRule = "required"  # default for every group that does not say otherwise
    weight_check: str = "none"
    hierarchy: tuple[Text, ...] = ()  # labels per depth, e.g. domain / aspect / indicator
    bands: tuple[Band, ...] = ()
    level_sets: tuple[LevelSet, ...] = ()
    children: tuple[Node, ...] = field(default=())

    def walk(self) -> Iterator[Placement]:
        """Every node, parents before children, in file order."""
        stack: list[tuple[Node, str | None, int]] = [(child, None, 1) for child in reversed(self.children)]
        while stack:
            node, parent, depth = stack.pop()
            yield Placement(node, parent, depth)
            if isinstance(node, Group):
                stack.extend((child, node.code, depth + 1) for child in reversed(node.children))

    def indicators(self) -> list[Indicator]:
        return [place.node for place in self.walk() if isinstance(place.node, Indicator)]

    def groups(self) -> list[Group]:
        return [place.node for place in self.walk() if isinstance(place.node, Group)]

    def node(self, code: str) -> Node | None:
        return self._by_code.get(code)

    @cached_property
    def _by_code(self) -> dict[str, Node]:
        """Each code's first node in walk order (what a search of ``walk`` finds), built once: pages
        and the inbox look up several indicators of one instrument per request. The instrument is
        frozen, so the index never goes stale."""
        index: dict[str, Node] = {}
        for place in self.walk():
            index.setdefault(place.node.code, place.node)
        return index

    def band_for(self, value: Fraction) -> Band | None:
        """The band whose range holds ``value`` (exact comparison, no rounding)."""
        ordered = sorted(self.bands, key=lambda band: band.minimum if band.minimum is not None else -(10**18))
        for band in reversed(ordered):
            if band.minimum is None or value >= band.minimum:
                return band
        return None

    @property
    def is_scoring(self) -> bool:
        return self.kind == "scoring"

"""What scoring returns: the result with every node's score, its recipe, and the change since last time.

Plain frozen dataclasses with exact Fractions inside and a ``to_dict`` giving
the JSON-ready form the web layer stores and renders.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any, Literal

from .answers import AnswerValue, answer_text
from .model import Band, Text
from .numbers import fraction_text

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


def _float(value: Fraction | None) -> float | None:
    return None if value is None else float(value)


def _band_dict(band: Band | None) -> dict[str, Any] | None:
    if band is None:
        return None
    return {"code": band.code, "name": {"id": band.name.id, "en": band.name.en}}

"""How the record maps onto the monev part scores that pre-fill a region's self-assessment.

Pure core: the evaluation app counts what is on file (programmes running, milestones done, bodies
and Perkada in place) and this module turns the counts into levels on the instrument's 0–5 scale.
Every level is exact (a Fraction) and proportional: ``5 × done / planned``. The assessor can still
adjust any value with a reason; the pre-fill is where the self-assessment starts, not the verdict.
See docs/explanation/evaluation-ranking.md ("Pre-filled self-assessment").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction

from kotacerdas.core.formatting import score

SCALE_MAX = Fraction(5)


def proportional_level(done: int, planned: int) -> Fraction | None:
    """``5 × done / planned``; None when nothing was planned (there is nothing to measure)."""
    if planned <= 0:
        return None
    if not 0 <= done <= planned:
        raise ValueError(f"done {done} is outside 0–{planned}")
    return SCALE_MAX * done / planned


@dataclass(frozen=True)
class DimensionCount:
    """One smart-city dimension: how many masterplan programmes run in the year, of how many planned."""

    dimension: str
    running: int
    planned: int

    @property
    def level(self) -> Fraction | None:
        return proportional_level(self.running, self.planned)


def outcome_level(dimensions: list[DimensionCount]) -> Fraction | None:
    """The Outcome level: every planned programme of every dimension counts once (5 × running / planned)."""
    return proportional_level(sum(d.running for d in dimensions), sum(d.planned for d in dimensions))


@dataclass(frozen=True)
class PartPrefill:
    """A part's pre-filled value (None: the region enters it) with what it rests on."""

    part: str
    value: Fraction | None
    note: str  # Indonesian, shown to Budi and Tono as the answer's explanation
    sources: list[tuple[str, str]] = field(default_factory=list)  # (label, URL) of the record
    evidence: list[tuple[str, str]] = field(default_factory=list)  # (label, URL) of files on file


def level_text(level: Fraction) -> str:
    """A level for a note: two decimals with the Indonesian comma (``3,00``); the answer keeps it exact."""
    return score(Decimal(level.numerator) / Decimal(level.denominator))

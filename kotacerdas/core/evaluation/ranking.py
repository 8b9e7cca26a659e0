"""Totals with a cycle's weights, improvement, and the three rankings (national, province, size class).

Everything is exact (Fractions): a total is the instrument's weighted mean of the five part scores
(monev-2022: 10/20/30/20/20; monev-sleman: 10/20/30/30/10), and ranks compare those exact totals, so
3.475 and 3.4750000001 never tie and 1/3 + 1/3 + 1/3 never loses to 1. Ties share the best rank and
the next rank skips (1, 2, 2, 4: "standard competition ranking"). Unverified entries get no rank
and are listed apart: an evaluation ranks only what the assessors verified.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from kotacerdas.core.evaluation.entries import PARTS, Entry
from kotacerdas.core.instruments import Instrument, score
from kotacerdas.core.regions import SizeClassScheme


@dataclass(frozen=True)
class Scored:
    """One entry with its total, improvement, size class and ranks (None when not ranked)."""

    entry: Entry
    total: Fraction
    improvement: Fraction | None
    size_class: str
    rank_national: int | None = None
    rank_province: int | None = None
    rank_in_class: int | None = None

    @property
    def region_code(self) -> str:
        return self.entry.region_code


@dataclass(frozen=True)
class Ranking:
    """Ranked entries (best first) and the unverified ones left out (by code)."""

    ranked: tuple[Scored, ...]
    excluded: tuple[Scored, ...]

    def get(self, region_code: str) -> Scored:
        for item in (*self.ranked, *self.excluded):
            if item.region_code == region_code:
                return item
        raise KeyError(region_code)


def check_monev_instrument(instrument: Instrument) -> None:
    """A ranking needs an instrument whose answers are exactly the five monev parts."""
    codes = tuple(indicator.code for indicator in instrument.indicators())
    if sorted(codes) != sorted(PARTS):
        raise ValueError(
            f"instrument {instrument.id} is not a monev instrument: its parts are {', '.join(codes)}, "
            f"expected {', '.join(PARTS)}"
        )


def monev_total(instrument: Instrument, parts: Mapping[str, Fraction]) -> Fraction:
    """The weighted total of the five part scores with the instrument's weights (exact)."""
    return score(instrument, dict(parts)).total


def part_weights(instrument: Instrument) -> dict[str, Fraction]:
    return {indicator.code: indicator.weight for indicator in instrument.indicators()}


def competition_ranks(values: Mapping[str, Fraction]) -> dict[str, int]:
    """Rank 1 = highest; equal values share the best rank and the next rank skips (1, 2, 2, 4)."""
    ordered = sorted(values.items(), key=lambda item: (-item[1], item[0]))
    ranks: dict[str, int] = {}
    for position, (code, value) in enumerate(ordered, start=1):
        previous = ordered[position - 2] if position > 1 else None
        ranks[code] = ranks[previous[0]] if previous is not None and previous[1] == value else position
    return ranks


def grouped_ranks(values: Mapping[str, Fraction], group_of: Mapping[str, str]) -> dict[str, int]:
    """Competition ranks computed separately within each group."""
    groups: dict[str, dict[str, Fraction]] = {}
    for code, value in values.items():
        groups.setdefault(group_of[code], {})[code] = value
    ranks: dict[str, int] = {}
    for members in groups.values():
        ranks.update(competition_ranks(members))
    return ranks


def score_entries(entries: Iterable[Entry], instrument: Instrument, scheme: SizeClassScheme) -> list[Scored]:
    """Total, improvement and size class of every entry (no ranks yet)."""
    check_monev_instrument(instrument)
    scored = []
    for entry in entries:
        total = monev_total(instrument, entry.parts)
        improvement = None if entry.previous_total is None else total - entry.previous_total
        size_class = scheme.classify(entry.population) or ""
        scored.append(Scored(entry, total, improvement, size_class))
    return scored


def rank_entries(entries: Sequence[Entry], instrument: Instrument, scheme: SizeClassScheme) -> Ranking:
    """Scores every entry and ranks the verified ones nationally, per province and per size class."""
    scored = score_entries(entries, instrument, scheme)
    verified = [item for item in scored if item.entry.verified]
    totals = {item.region_code: item.total for item in verified}
    national = competition_ranks(totals)
    province = grouped_ranks(totals, {item.region_code: item.entry.province_code for item in verified})
    in_class = grouped_ranks(totals, {item.region_code: item.size_class for item in verified})
    ranked = [
        Scored(
            item.entry,
            item.total,
            item.improvement,
            item.size_class,
            national[item.region_code],
            province[item.region_code],
            in_class[item.region_code],
        )
        for item in verified
    ]
    ranked.sort(key=lambda item: (item.rank_national or 0, item.region_code))
    excluded = sorted((item for item in scored if not item.entry.verified), key=lambda item: item.region_code)
    return Ranking(tuple(ranked), tuple(excluded))

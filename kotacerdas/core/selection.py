"""Ranking candidate regions against a quota, with ties, borderline cases and overrides.

Pure Python: the programme app turns its candidacies into :class:`Candidate` values,
calls :func:`rank` and stores the :class:`Ranking` with its recipe.

Rules (also in docs/reference/deliverables.md and docs/how-to/run-a-cohort.md):

* Candidates without a verified score are listed last and are never selected by rank.
* Standard competition ranking: equal scores share a rank (1, 1, 3).
* Seats go first to candidates with an ``include`` override (in rank order), then by rank,
  skipping ``exclude`` overrides, until the quota is reached.
* A tie across the cut-off is not broken automatically: when the tied group does not fit
  in the remaining seats, none of it is selected by rank and every member is flagged
  ``tie_at_cutoff``; an override (with its reason) decides. Fewer seats than the quota may
  therefore be filled, never more.
* A candidate is *borderline* when its score is within ``margin`` of the cut-off score
  (the score of the last seat filled by rank, or of the first tied group that did not fit).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal

TIES_RULE = "competition ranking (1, 1, 3); a tie across the cut-off is left to an override"
INCLUDE = "include"
EXCLUDE = "exclude"


class SelectionError(ValueError):
    """The inputs cannot be ranked (unknown override, quota below zero, ...)."""

    def __init__(self, code: str, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.params = params


@dataclass(frozen=True)
class Candidate:
    key: str
    score: Decimal | None
    label: str = ""


@dataclass(frozen=True)
class Override:
    key: str
    decision: str  # INCLUDE or EXCLUDE
    reason: str


@dataclass(frozen=True)
class Entry:
    key: str
    label: str
    score: Decimal | None
    rank: int | None
    tied_with: tuple[str, ...] = ()
    tie_at_cutoff: bool = False
    borderline: bool = False
    selected: bool = False
    override: str = ""
    override_reason: str = ""


@dataclass(frozen=True)
class Ranking:
    entries: tuple[Entry, ...]
    quota: int
    cutoff: Decimal | None
    recipe: dict[str, object] = field(default_factory=dict)

    @property
    def selected(self) -> list[str]:
        return [e.key for e in self.entries if e.selected]


def rank(
    candidates: Sequence[Candidate],
    quota: int,
    overrides: Iterable[Override] = (),
    *,
    margin: Decimal = Decimal("0"),
    instrument: str = "",
) -> Ranking:
    overrides = list(overrides)
    _check(candidates, quota, overrides)
    by_key = {o.key: o for o in overrides}
    scored = sorted((c for c in candidates if c.score is not None), key=lambda c: (-c.score, c.key))  # type: ignore[operator]
    unscored = sorted((c for c in candidates if c.score is None), key=lambda c: c.key)
    ranks, groups = _competition_ranks(scored)

    selected: set[str] = {c.key for c in scored + unscored if _decision(by_key, c.key) == INCLUDE}
    selected = set(sorted(selected, key=lambda k: ranks.get(k, len(candidates) + 1))[:quota])
    tie_at_cutoff: set[str] = set()
    cutoff: Decimal | None = None
    for score in _distinct_scores(scored):
        group = [
            c.key for c in groups[score] if c.key not in selected and _decision(by_key, c.key) != EXCLUDE
        ]
        if not group:
            continue
        free = quota - len(selected)
        if free <= 0:
            break
        if len(group) <= free:
            selected.update(group)
            cutoff = score
            continue
        tie_at_cutoff.update(group)
        cutoff = score
        break

    entries = tuple(
        _entry(c, ranks, groups, by_key, selected, tie_at_cutoff, cutoff, margin) for c in scored + unscored
    )
    return Ranking(entries, quota, cutoff, recipe(candidates, quota, overrides, margin, instrument))


def recipe(
    candidates: Sequence[Candidate],
    quota: int,
    overrides: Sequence[Override],
    margin: Decimal,
    instrument: str,
) -> dict[str, object]:
    """Everything needed to regenerate the ranking, plus a hash of it."""
    body: dict[str, object] = {
        "instrument": instrument,
        "quota": quota,
        "ties_rule": TIES_RULE,
        "borderline_margin": str(margin),
        "scores": {c.key: (None if c.score is None else str(c.score)) for c in sorted(candidates, key=_key)},
        "overrides": [asdict(o) for o in sorted(overrides, key=_key)],
    }
    canonical = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    body["input_hash"] = hashlib.sha256(canonical.encode("utf-8")).hexdigest()
    return body


def _key(item: Candidate | Override) -> str:
    return item.key


def _check(candidates: Sequence[Candidate], quota: int, overrides: Sequence[Override]) -> None:
    if quota < 0:
        raise SelectionError("negative_quota", quota=quota)
    keys = [c.key for c in candidates]
    if len(set(keys)) != len(keys):
        raise SelectionError("duplicate_candidate")
    seen: set[str] = set()
    for override in overrides:
        if override.key not in keys:
            raise SelectionError("unknown_candidate", key=override.key)
        if override.key in seen:
            raise SelectionError("duplicate_override", key=override.key)
        if override.decision not in (INCLUDE, EXCLUDE):
            raise SelectionError("unknown_decision", decision=override.decision)
        if not override.reason.strip():
            raise SelectionError("missing_reason", key=override.key)
        seen.add(override.key)
    included = sum(1 for o in overrides if o.decision == INCLUDE)
    if included > quota:
        raise SelectionError("too_many_included", included=included, quota=quota)


def _decision(by_key: dict[str, Override], key: str) -> str:
    override = by_key.get(key)
    return override.decision if override else ""


def _competition_ranks(scored: list[Candidate]) -> tuple[dict[str, int], dict[Decimal, list[Candidate]]]:
    ranks: dict[str, int] = {}
    groups: dict[Decimal, list[Candidate]] = {}
    for position, candidate in enumerate(scored, start=1):
        assert candidate.score is not None
        groups.setdefault(candidate.score, []).append(candidate)
        ranks[candidate.key] = (
            ranks[groups[candidate.score][0].key] if len(groups[candidate.score]) > 1 else position
        )
    return ranks, groups


def _distinct_scores(scored: list[Candidate]) -> list[Decimal]:
    return sorted({c.score for c in scored if c.score is not None}, reverse=True)


def _entry(
    candidate: Candidate,
    ranks: dict[str, int],
    groups: dict[Decimal, list[Candidate]],
    by_key: dict[str, Override],
    selected: set[str],
    tie_at_cutoff: set[str],
    cutoff: Decimal | None,
    margin: Decimal,
) -> Entry:
    score = candidate.score
    tied = tuple(c.key for c in groups.get(score, []) if c.key != candidate.key) if score is not None else ()
    override = by_key.get(candidate.key)
    return Entry(
        key=candidate.key,
        label=candidate.label,
        score=score,
        rank=ranks.get(candidate.key),
        tied_with=tied,
        tie_at_cutoff=candidate.key in tie_at_cutoff,
        borderline=score is not None and cutoff is not None and abs(score - cutoff) <= margin,
        selected=candidate.key in selected,
        override=override.decision if override else "",
        override_reason=override.reason if override else "",
    )

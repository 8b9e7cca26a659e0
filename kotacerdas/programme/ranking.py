"""Adapter between candidacies and the pure ranking of kotacerdas.core.selection."""

from __future__ import annotations

from typing import Any

from kotacerdas.core.selection import Candidate, Override, Ranking, rank
from kotacerdas.programme import scores
from kotacerdas.programme.models import Candidacy, Cohort


def current_ranking(cohort: Cohort) -> tuple[Ranking, dict[str, Candidacy]]:
    """The ranking from today's verified scores and overrides; candidacies keyed by region code."""
    candidacies = {
        c.region.code: c for c in cohort.candidacies.select_related("region__province", "override")
    }
    verified = scores.verified_scores(candidacies.values())
    candidates = [Candidate(code, verified.get(c.pk), c.region.name) for code, c in candidacies.items()]
    overrides = [
        Override(code, c.override.decision, c.override.reason)
        for code, c in candidacies.items()
        if _has_override(c)
    ]
    ranking = rank(
        candidates, cohort.quota, overrides, margin=cohort.borderline_margin, instrument=cohort.instrument
    )
    ranking.recipe["score_source"] = scores.SOURCE
    return ranking, candidacies


def shown_ranking(cohort: Cohort) -> tuple[list[dict[str, Any]], dict[str, Any], bool]:
    """(entries, recipe, saved): the saved ranking once the selection is made, else today's preview."""
    saved = cohort.rankings.first()
    if saved is not None:
        return saved.entries, saved.recipe, True
    ranking, _candidacies = current_ranking(cohort)
    return entries_as_json(ranking), ranking.recipe, False


def _has_override(candidacy: Candidacy) -> bool:
    try:
        return candidacy.override is not None
    except Candidacy.override.RelatedObjectDoesNotExist:
        return False


def entries_as_json(ranking: Ranking) -> list[dict[str, Any]]:
    return [
        {
            "code": e.key,
            "name": e.label,
            "score": None if e.score is None else str(e.score),
            "rank": e.rank,
            "tied_with": list(e.tied_with),
            "tie_at_cutoff": e.tie_at_cutoff,
            "borderline": e.borderline,
            "selected": e.selected,
            "override": e.override,
            "override_reason": e.override_reason,
        }
        for e in ranking.entries
    ]

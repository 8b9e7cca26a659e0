"""Ranking with COINr's convention: rank 1 = highest score, ties share the minimum rank, NaN stays NaN.

Ties are exact, as in R's ``rank``; the nominal pipeline reproduces COINr's arithmetic closely
enough (see ``aggregate``) that its ties are the same ties.
"""

from __future__ import annotations

import numpy as np


def rank_rows(scores: np.ndarray) -> np.ndarray:
    """Rank along the last axis of ``scores`` (any leading batch shape), vectorised.

    Sort each row descending (NaNs last); within a run of equal values every unit gets the position
    where the run starts; then scatter back to the original order.
    """
    scores = np.asarray(scores, dtype=float)
    flat = scores.reshape(-1, scores.shape[-1])
    key = np.where(np.isnan(flat), np.inf, -flat)
    order = np.argsort(key, axis=1, kind="stable")
    ordered = np.take_along_axis(key, order, axis=1)
    starts = np.ones_like(ordered, dtype=bool)
    starts[:, 1:] = ordered[:, 1:] != ordered[:, :-1]
    positions = np.where(starts, np.arange(flat.shape[1]), 0)
    first = np.maximum.accumulate(positions, axis=1) + 1.0
    ranks = np.empty_like(first)
    np.put_along_axis(ranks, order, first, axis=1)
    ranks[np.isnan(flat)] = np.nan
    return ranks.reshape(scores.shape)


def rank_columns(scores: np.ndarray) -> np.ndarray:
    """Rank each column of a units x codes table."""
    return rank_rows(scores.T).T


def rank_within_groups(scores: np.ndarray, labels: tuple[str | None, ...]) -> np.ndarray:
    """Rank each column of a units x codes table among units of the same group (e.g. size class).

    Units without a group label get no rank (NaN).
    """
    ranks = np.full(scores.shape, np.nan)
    for label in sorted({g for g in labels if g is not None}):
        rows = np.array([g == label for g in labels])
        ranks[rows] = rank_columns(scores[rows])
    return ranks

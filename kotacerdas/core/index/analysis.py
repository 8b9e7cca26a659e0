"""Statistics of an index (COINr get_stats, get_corr, get_cronbach, get_PCA, get_eff_weights).

All work on plain matrices (units x codes, NaN = missing) so they apply to any data set of a
result: raw, treated, normalised or aggregated.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Framework
from kotacerdas.core.index.ranks import rank_columns
from kotacerdas.core.index.stats import kurt, skew


def indicator_stats(
    values: np.ndarray,
    codes: Sequence[str],
    t_skew: float = 2,
    t_kurt: float = 3.5,
    t_avail: float = 0.65,
    t_zero: float = 0.5,
    t_unq: float = 0.5,
) -> list[dict[str, Any]]:
    """One row per column with COINr's get_stats names and flags (unrounded)."""
    n = values.shape[0]
    rows = []
    for j, code in enumerate(codes):
        x = values[:, j]
        present = x[~np.isnan(x)]
        n_avail = present.size
        s, k = skew(x), kurt(x)
        n_nonzero = int(np.count_nonzero(present))
        _, counts = np.unique(present, return_counts=True)
        n_unique = counts.size
        n_same = int(counts.max()) if counts.size else 0
        rows.append(
            {
                "iCode": code,
                "Min": float(present.min()) if n_avail else np.nan,
                "Max": float(present.max()) if n_avail else np.nan,
                "Mean": float(present.mean()) if n_avail else np.nan,
                "Median": float(np.median(present)) if n_avail else np.nan,
                "Std": float(present.std(ddof=1)) if n_avail > 1 else np.nan,
                "Skew": s,
                "Kurt": k,
                "N.Avail": n_avail,
                "N.NonZero": n_nonzero,
                "N.Unique": n_unique,
                "N.Same": n_same,
                "Frc.Avail": n_avail / n,
                "Frc.NonZero": n_nonzero / n_avail if n_avail else np.nan,
                "Frc.Unique": n_unique / n_avail if n_avail else np.nan,
                "Frc.Same": n_same / n_avail if n_avail else np.nan,
                "Flag.Avail": "ok" if n_avail / n >= t_avail else "LOW",
                "Flag.NonZero": "ok" if n_nonzero / n >= t_zero else "LOW",
                "Flag.Unique": "ok" if n_unique / n >= t_unq else "LOW",
                "Flag.SkewKurt": "OUT" if abs(s) > t_skew and k > t_kurt else "ok",
            }
        )
    return rows


def _pairwise(values: np.ndarray, statistic: str) -> np.ndarray:
    """Pairwise-complete covariance or correlation matrix (R's use = 'pairwise.complete.obs')."""
    k = values.shape[1]
    out = np.empty((k, k))
    present = ~np.isnan(values)
    for i in range(k):
        for j in range(i, k):
            both = present[:, i] & present[:, j]
            a, b = values[both, i], values[both, j]
            if both.sum() < 2:
                out[i, j] = out[j, i] = np.nan
                continue
            cov = float(np.sum((a - a.mean()) * (b - b.mean())) / (a.size - 1))
            if statistic == "cov":
                out[i, j] = out[j, i] = cov
            else:
                with np.errstate(invalid="ignore", divide="ignore"):
                    out[i, j] = out[j, i] = cov / (a.std(ddof=1) * b.std(ddof=1))
    return out


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Ascending ranks per column with ties averaged (Spearman's convention), NaN kept."""
    lowest = rank_columns(-values)  # ties share the minimum rank
    highest = values.shape[0] + 1 - rank_columns(values) - (np.isnan(values).sum(axis=0))
    return (lowest + highest) / 2


def correlation_matrix(values: np.ndarray, method: str = "pearson") -> np.ndarray:
    """Pearson or Spearman correlations between columns, pairwise complete."""
    if method == "pearson":
        return _pairwise(values, "cor")
    if method == "spearman":
        ranked = _average_ranks(values)
        return _pairwise(ranked, "cor")
    raise CompositeIndexError(f"correlation method must be 'pearson' or 'spearman', got '{method}'")


def cross_correlations(values_a: np.ndarray, values_b: np.ndarray, method: str = "pearson") -> np.ndarray:
    """Correlations of each column of A (e.g. indicators) with each column of B (e.g. pillars, Index)."""
    both = correlation_matrix(np.column_stack([values_a, values_b]), method)
    return both[: values_a.shape[1], values_a.shape[1] :]


def cronbach_alpha(values: np.ndarray) -> float:
    """COINr's get_cronbach: k^2 * mean off-diagonal covariance / sum of all covariances."""
    k = values.shape[1]
    if k < 2:
        raise CompositeIndexError("Cronbach's alpha needs at least two columns")
    cov = _pairwise(values, "cov")
    total = np.nansum(cov)
    mean_off_diagonal = (total - np.nansum(np.diag(cov))) / (k * (k - 1))
    return float(k**2 * mean_off_diagonal / total)


@dataclass(frozen=True)
class PCAResult:
    loadings: np.ndarray  # (columns, components): R's prcomp rotation
    sdev: np.ndarray
    variance_share: np.ndarray


def pca(values: np.ndarray) -> PCAResult:
    """prcomp(center = TRUE, scale = TRUE) on the complete rows."""
    block = values[~np.isnan(values).any(axis=1)]
    if block.shape[0] < 2:
        raise CompositeIndexError("PCA needs at least two complete rows")
    sd = block.std(axis=0, ddof=1)
    if np.any(sd == 0):
        raise CompositeIndexError("PCA: a column is constant")
    _, singular, vt = np.linalg.svd((block - block.mean(axis=0)) / sd, full_matrices=False)
    sdev = singular / np.sqrt(block.shape[0] - 1)
    return PCAResult(vt.T, sdev, sdev**2 / np.sum(sdev**2))


def level_correlations(
    scores: np.ndarray,
    codes: Sequence[str],
    framework: Framework,
    level_a: int,
    level_b: int,
    method: str = "pearson",
    with_parent: bool = False,
) -> tuple[tuple[str, ...], tuple[str, ...], np.ndarray]:
    """Correlations between the codes of two levels of an aggregated table (COINr's get_corr).

    With ``with_parent`` only each code's correlation with its own ancestor at ``level_b`` is kept
    (others are NaN), which is how COINr checks that indicators pull their pillar the right way.
    """
    rows, cols = framework.levels[level_a - 1], framework.levels[level_b - 1]
    a = scores[:, [codes.index(c) for c in rows]]
    b = scores[:, [codes.index(c) for c in cols]]
    matrix = correlation_matrix(a, method) if level_a == level_b else cross_correlations(a, b, method)
    if with_parent and level_b > level_a:
        for i, code in enumerate(rows):
            ancestor = code
            for _ in range(level_b - level_a):
                ancestor = framework.parent[ancestor]
            matrix[i, [j for j, c in enumerate(cols) if c != ancestor]] = np.nan
    return rows, cols, matrix

"""Weight sets: explicit, equal, PCA-based and from an AHP priority vector.

A weight set maps iCode -> weight; codes left out keep their iMeta weight. Weights are relative
within each parent group (the aggregators divide by their sum), as in COINr.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Framework


def equal_weights(framework: Framework) -> dict[str, float]:
    return dict.fromkeys(framework.all_codes, 1.0)


def priority_weights(codes: Sequence[str], priorities: Sequence[float]) -> dict[str, float]:
    """Weights from a plain priority vector (e.g. the principal eigenvector of an AHP matrix)."""
    vector = np.asarray(priorities, dtype=float)
    if vector.shape != (len(codes),):
        raise CompositeIndexError(f"priority vector has {vector.size} entries for {len(codes)} codes")
    if np.any(vector < 0) or not np.isfinite(vector).all() or vector.sum() <= 0:
        raise CompositeIndexError("priority vector must be finite, non-negative and not all zero")
    return dict(zip(codes, (vector / vector.sum()).tolist(), strict=True))


def pca_weights(framework: Framework, level_values: np.ndarray, level: int = 1) -> dict[str, float]:
    """COINr's get_PCA weights: per parent group, the loadings of the first principal component of
    the standardised children (rows with missing values dropped). Loadings are oriented so that they
    sum to a positive number (the sign of a principal component is arbitrary)."""
    if not 1 <= level < framework.n_levels:
        raise CompositeIndexError(f"PCA weights: level must be between 1 and {framework.n_levels - 1}")
    out: dict[str, float] = {}
    codes = framework.levels[level - 1]
    for parent, idx in framework.groups(level + 1):
        block = level_values[:, idx]
        block = block[~np.isnan(block).any(axis=1)]
        if len(idx) == 1:
            out[codes[idx[0]]] = 1.0
            continue
        sd = block.std(axis=0, ddof=1)
        if block.shape[0] < 2 or np.any(sd == 0):
            raise CompositeIndexError(
                f"PCA weights: group '{parent}' has too few complete rows or a constant child"
            )
        _, _, vt = np.linalg.svd((block - block.mean(axis=0)) / sd, full_matrices=False)
        loadings = vt[0] if vt[0].sum() >= 0 else -vt[0]
        out.update({codes[i]: float(v) for i, v in zip(idx, loadings, strict=True)})
    return out


def resolve_weights(
    w: Any, framework: Framework, weight_sets: Mapping[str, Any], level1: np.ndarray | None = None
) -> dict[str, float] | None:
    """Turn the aggregate step's ``w`` (None, 'equal', 'pca', a set name or a mapping) into a weight set."""
    if w is None:
        return None
    if isinstance(w, Mapping):
        try:
            numbers = {str(k): float(v) for k, v in w.items()}
        except (TypeError, ValueError):
            raise CompositeIndexError(f"weights must be numbers, got {dict(w)}") from None
        if any(v < 0 or v != v for v in numbers.values()):
            raise CompositeIndexError(f"weights must not be negative or missing, got {numbers}")
        return dict(framework.with_weights(numbers).weight)
    if w == "equal":
        return equal_weights(framework)
    if w == "pca":
        if level1 is None:
            raise CompositeIndexError("PCA weights need the normalised indicator data")
        return {**framework.weight, **pca_weights(framework, level1)}
    if isinstance(w, str) and w in weight_sets:
        return resolve_weights(dict(weight_sets[w]), framework, weight_sets, level1)
    raise CompositeIndexError(
        f"aggregate.w: '{w}' is not 'equal', 'pca' or a name in weight_sets "
        f"({', '.join(weight_sets) or 'none defined'})"
    )


def effective_weights(framework: Framework, weights: Mapping[str, float] | None = None) -> dict[str, float]:
    """COINr's get_eff_weights: each weight normalised within its group, times its ancestors' weights."""
    w = {**framework.weight, **(weights or {})}
    top = framework.levels[-1]
    top_total = sum(w[c] for c in top)
    out: dict[str, float] = {code: w[code] / top_total for code in top}
    for level in range(framework.n_levels, 1, -1):
        children = framework.levels[level - 2]
        for parent, idx in framework.groups(level):
            total = sum(w[children[i]] for i in idx)
            for i in idx:
                out[children[i]] = w[children[i]] / total * out[parent]
    return {code: out[code] for code in framework.all_codes}

"""Variance-based sensitivity: Saltelli sampling and the estimators COINr's get_sensitivity uses.

With matrices A and B (N x d) and A_B^i (A with column i taken from B), run the model on
[A; B; A_B^1; ...; A_B^d] (N(d+2) rows) and estimate, with V = var([y_A; y_B]):

    S_i  = mean(y_B * (y_ABi - y_A)) / V          (first order, Saltelli et al. 2010)
    ST_i = sum((y_A - y_ABi)^2) / (2 N V)          (total order, Jansen 1999)
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError


@dataclass(frozen=True)
class SobolIndices:
    first_order: np.ndarray
    total: np.ndarray
    variance: float
    first_order_ci: np.ndarray | None = None  # (d, 2): 5% and 95% bootstrap quantiles
    total_ci: np.ndarray | None = None


def saltelli_sample(n: int, d: int, rng: np.random.Generator) -> np.ndarray:
    """The N(d+2) x d design in COINr's layout: A, B, then A_B^1 ... A_B^d."""
    if n < 2 or d < 1:
        raise CompositeIndexError(f"Saltelli sample needs N >= 2 and at least one input (got N={n}, d={d})")
    base = rng.random((n, 2 * d))
    a, b = base[:, :d], base[:, d:]
    blocks = [a, b]
    for i in range(d):
        ab = a.copy()
        ab[:, i] = b[:, i]
        blocks.append(ab)
    return np.vstack(blocks)


def sobol_indices(
    y: np.ndarray, n: int, d: int, n_boot: int = 0, rng: np.random.Generator | None = None
) -> SobolIndices:
    """First-order and total indices from model outputs in the ``saltelli_sample`` layout."""
    y = np.asarray(y, dtype=float)
    if y.shape != (n * (d + 2),):
        raise CompositeIndexError(f"Sobol: expected {n * (d + 2)} outputs for N={n}, d={d}, got {y.size}")
    y_a, y_b = y[:n], y[n : 2 * n]
    y_ab = y[2 * n :].reshape(d, n)
    variance = float(np.var(np.concatenate([y_a, y_b]), ddof=1))
    if variance == 0:
        zeros = np.zeros(d)
        return SobolIndices(zeros, zeros.copy(), 0.0)
    first_terms = y_b * (y_ab - y_a)  # (d, N)
    total_terms = (y_a - y_ab) ** 2
    first = first_terms.mean(axis=1) / variance
    total = total_terms.sum(axis=1) / (2 * n * variance)
    if not n_boot:
        return SobolIndices(first, total, variance)
    rng = rng or np.random.default_rng(0)
    picks = rng.integers(0, n, size=(n_boot, n))
    first_boot = first_terms[:, picks].mean(axis=2) / variance  # (d, n_boot)
    total_boot = total_terms[:, picks].sum(axis=2) / (2 * n * variance)
    q = [0.05, 0.95]
    return SobolIndices(
        first, total, variance, np.quantile(first_boot, q, axis=1).T, np.quantile(total_boot, q, axis=1).T
    )


def ishigami(x: np.ndarray, a: float = 7.0, b: float = 0.1) -> np.ndarray:
    """The Ishigami test function on [-pi, pi]^3 (x given in [0, 1]^3)."""
    z = (2 * x - 1) * np.pi
    return np.sin(z[:, 0]) + a * np.sin(z[:, 1]) ** 2 + b * z[:, 2] ** 4 * np.sin(z[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[np.ndarray, np.ndarray]:
    """Analytic first-order and total indices of the Ishigami function."""
    v1 = 0.5 * (1 + b * np.pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * np.pi**8 * (1 / 18 - 1 / 50)
    v = v1 + v2 + v13
    return np.array([v1, v2, 0.0]) / v, np.array([v1 + v13, v2, v13]) / v

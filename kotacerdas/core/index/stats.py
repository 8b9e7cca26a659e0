"""Descriptive statistics with the exact definitions COINr uses (e1071 type-2 skewness and kurtosis)."""

from __future__ import annotations

import numpy as np


def skew_kurt(x: np.ndarray) -> tuple[float, float]:
    """Sample skewness G1 and excess kurtosis G2 (NaNs dropped), as COINr's skew() and kurt().

    NaN when there are too few values (3 for skewness, 4 for kurtosis) or no spread.
    """
    x = x[~np.isnan(x)]
    n = x.size
    if n < 3:
        return float("nan"), float("nan")
    d = x - x.mean()
    d2 = d * d
    s2 = float(d2.sum())
    if s2 == 0:
        return float("nan"), float("nan")
    g = np.sqrt(n) * float((d2 * d).sum()) / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
    if n < 4:
        return float(g), float("nan")
    r = n * float((d2 * d2).sum()) / s2**2
    return float(g), float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


def skew(x: np.ndarray) -> float:
    return skew_kurt(x)[0]


def kurt(x: np.ndarray) -> float:
    return skew_kurt(x)[1]


def r_mean(x: np.ndarray) -> float:
    """R's ``mean``: an extended-precision sum, divided, then refined by the mean residual.

    Reproducing it keeps imputed values and z-scores bit-identical to COINr's, so that ties match.
    """
    values = x[~np.isnan(x)].astype(np.longdouble)
    if values.size == 0:
        return float("nan")
    mean = values.sum() / values.size
    mean += (values - mean).sum() / values.size
    return float(mean)


def r_sd(x: np.ndarray) -> float:
    """R's ``sd``: sample standard deviation with extended-precision accumulation."""
    values = x[~np.isnan(x)]
    if values.size < 2:
        return float("nan")
    centred = values.astype(np.longdouble) - np.longdouble(r_mean(values))
    return float(np.sqrt(float((centred * centred).sum() / (values.size - 1))))


def skew_kurt_columns(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """``skew`` and ``kurt`` of every column at once (NaNs dropped per column)."""
    present = ~np.isnan(values)
    n = present.sum(axis=0).astype(float)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(present, values, 0.0).sum(axis=0) / n
        d = np.where(present, values - mean, 0.0)
        d2 = d * d
        s2, s3, s4 = d2.sum(axis=0), (d2 * d).sum(axis=0), (d2 * d2).sum(axis=0)
        g = np.sqrt(n) * s3 / s2**1.5 * np.sqrt(n * (n - 1)) / (n - 2)
        r = n * s4 / s2**2
        k = ((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3))
    return np.where(n >= 3, g, np.nan), np.where(n >= 4, k, np.nan)

"""Descriptive statistics with the exact definitions COINr uses (e1071 type-2 skewness and kurtosis)."""

from __future__ import annotations

import numpy as np


def skew(x: np.ndarray) -> float:
    """Sample skewness G1 (NaNs dropped); NaN with fewer than 3 values."""
    x = x[~np.isnan(x)]
    n = len(x)
    if n < 3:
        return float("nan")
    d = x - x.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        y = np.sqrt(n) * np.sum(d**3) / np.sum(d**2) ** 1.5
    return float(y * np.sqrt(n * (n - 1)) / (n - 2))


def kurt(x: np.ndarray) -> float:
    """Sample excess kurtosis G2 (NaNs dropped); NaN with fewer than 4 values."""
    x = x[~np.isnan(x)]
    n = len(x)
    if n < 4:
        return float("nan")
    d = x - x.mean()
    with np.errstate(invalid="ignore", divide="ignore"):
        r = n * np.sum(d**4) / np.sum(d**2) ** 2
    return float(((n + 1) * (r - 3) + 6) * (n - 1) / ((n - 2) * (n - 3)))


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

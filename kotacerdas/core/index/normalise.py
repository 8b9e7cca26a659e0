"""Normalisation onto a common scale (COINr ``Normalise`` and its ``n_*`` functions).

Each column is first multiplied by its iMeta Direction, so that "higher is better" for every
indicator, then normalised. All functions work column-wise on a units x indicators matrix.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.ranks import rank_columns
from kotacerdas.core.index.stats import r_mean, r_sd

Columns = np.ndarray


def _check_range(x: Columns, codes: Sequence[str], method: str) -> tuple[np.ndarray, np.ndarray]:
    low, high = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    flat = np.flatnonzero(high == low)
    if flat.size:
        raise CompositeIndexError(
            f"normalise {method}: indicator '{codes[flat[0]]}' has zero range (all values equal)"
        )
    return low, high


def n_minmax(x: Columns, codes: Sequence[str], l_u: Sequence[float] = (0, 100)) -> Columns:
    low, high = _check_range(x, codes, "n_minmax")
    return (x - low) / (high - low) * (l_u[1] - l_u[0]) + l_u[0]


def n_zscore(x: Columns, codes: Sequence[str], m_sd: Sequence[float] = (0, 1)) -> Columns:
    if m_sd[1] <= 0:
        raise CompositeIndexError(
            f"normalise n_zscore: m_sd standard deviation must be positive, got {m_sd[1]}"
        )
    sd = np.array([r_sd(x[:, j]) for j in range(x.shape[1])])
    flat = np.flatnonzero(~(sd > 0))
    if flat.size:
        raise CompositeIndexError(f"normalise n_zscore: indicator '{codes[flat[0]]}' has zero variance")
    mean = np.array([r_mean(x[:, j]) for j in range(x.shape[1])])
    return (x - mean) / sd * m_sd[1] + m_sd[0]


def n_scaled(
    x: Columns, codes: Sequence[str], npara: Sequence[float] = (0, 100), scale_factor: float = 100
) -> Columns:
    return (x - npara[0]) / (npara[1] - npara[0]) * scale_factor


def n_fracmax(x: Columns, codes: Sequence[str]) -> Columns:
    return x / np.nanmax(x, axis=0)


def _ranks(x: Columns) -> Columns:
    """Ascending ranks per column, ties sharing the minimum, NaN kept (R's rank, ties.method = "min")."""
    return rank_columns(-x)


def n_rank(x: Columns, codes: Sequence[str]) -> Columns:
    return _ranks(x)


def n_prank(x: Columns, codes: Sequence[str]) -> Columns:
    return (_ranks(x) - 1) / ((~np.isnan(x)).sum(axis=0) - 1)


def n_borda(x: Columns, codes: Sequence[str]) -> Columns:
    return _ranks(x) - 1


def n_dist2max(x: Columns, codes: Sequence[str]) -> Columns:
    low, high = _check_range(x, codes, "n_dist2max")
    return 1 - (high - x) / (high - low)


def n_dist2ref(x: Columns, codes: Sequence[str], iref: int = 1, cap_max: bool = False) -> Columns:
    """Distance to the reference unit at 1-based row ``iref`` (COINr's convention)."""
    if not 1 <= iref <= x.shape[0]:
        raise CompositeIndexError(
            f"normalise n_dist2ref: iref must be between 1 and {x.shape[0]}, got {iref}"
        )
    ref = x[iref - 1]
    y = 1 - (ref - x) / (ref - np.nanmin(x, axis=0))
    return np.minimum(y, 1) if cap_max else y


def n_dist2targ(x: Columns, codes: Sequence[str], targ: Any = None, cap_max: bool = False) -> Columns:
    """Distance to target, (x - min) / (targ - min); targets arrive already multiplied by Direction."""
    targets = np.broadcast_to(np.asarray(targ, dtype=float), (x.shape[1],))
    missing = np.flatnonzero(np.isnan(targets))
    if missing.size:
        raise CompositeIndexError(f"normalise n_dist2targ: indicator '{codes[missing[0]]}' has no Target")
    low = np.nanmin(x, axis=0)
    y = (x - low) / (targets - low)
    return np.minimum(y, 1) if cap_max else y


def n_goalposts(
    x: Columns, codes: Sequence[str], gposts: Any = (0, 1, 1), trunc2posts: bool = True
) -> Columns:
    """(x - lower) / (upper - lower) * scale, truncated to [0, scale]; goalposts may be per column."""
    posts = np.asarray(gposts, dtype=float).reshape(-1, 3)
    y = (x - posts[:, 0]) / (posts[:, 1] - posts[:, 0])
    if trunc2posts:
        y = np.clip(y, 0, 1)
    return y * posts[:, 2]


NORMALISERS: dict[str, Callable[..., Columns]] = {
    f.__name__: f
    for f in (
        n_minmax,
        n_zscore,
        n_scaled,
        n_fracmax,
        n_rank,
        n_prank,
        n_borda,
        n_dist2max,
        n_dist2ref,
        n_dist2targ,
    )
} | {"n_goalposts": n_goalposts, "none": lambda x, codes: x}


def normalise_columns(x: Columns, codes: Sequence[str], f_n: str, f_n_para: Mapping[str, Any]) -> Columns:
    if f_n not in NORMALISERS:
        raise CompositeIndexError(f"normalise: method '{f_n}' is not one of {', '.join(NORMALISERS)}")
    try:
        with np.errstate(invalid="ignore", divide="ignore"):
            return NORMALISERS[f_n](x, codes, **f_n_para)
    except TypeError as exc:
        raise CompositeIndexError(f"normalise {f_n}: bad params {dict(f_n_para)}: {exc}") from None


def _targets(framework: Framework, codes: Sequence[str]) -> np.ndarray:
    return np.array([framework.target.get(c, np.nan) * framework.direction[c] for c in codes])


def normalise(
    dataset: Dataset,
    framework: Framework,
    f_n: str = "n_minmax",
    f_n_para: Mapping[str, Any] | None = None,
    indiv_specs: Mapping[str, Mapping[str, Any]] | None = None,
) -> Dataset:
    """Normalise every indicator with ``f_n``; ``indiv_specs`` gives {iCode: {f_n, f_n_para}} overrides.

    For ``n_dist2targ`` without ``targ`` the iMeta Target is used (times Direction, as COINr's
    ``use_iMeta`` does).
    """
    codes = framework.indicators
    directions = np.array([framework.direction[c] for c in codes], dtype=float)
    x = dataset.values * directions
    out = np.empty_like(x)
    indiv_specs = indiv_specs or {}
    unknown = sorted(set(indiv_specs) - set(codes))
    if unknown:
        raise CompositeIndexError(f"normalise: indiv_specs names unknown indicator(s): {', '.join(unknown)}")
    plan: dict[tuple[str, str], list[int]] = {}
    specs: dict[tuple[str, str], dict[str, Any]] = {}
    for j, code in enumerate(codes):
        spec = indiv_specs.get(code, {"f_n": f_n, "f_n_para": f_n_para or {}})
        method, params = str(spec.get("f_n", f_n)), dict(spec.get("f_n_para") or {})
        key = (method, repr(sorted(params.items())))
        plan.setdefault(key, []).append(j)
        specs[key] = params
    for (method, _), cols in plan.items():
        params = dict(specs[(method, _)])
        if method == "n_dist2targ" and params.get("targ") is None:
            params["targ"] = _targets(framework, [codes[j] for j in cols])
        out[:, cols] = normalise_columns(x[:, cols], [codes[j] for j in cols], method, params)
    return dataset.with_values(out)

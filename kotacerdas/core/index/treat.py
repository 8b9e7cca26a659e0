"""Outlier treatment (COINr ``Treat`` default: Winsorisation, then a log transform if still outlying).

A column "fails" when |skew| >= skew_thresh and kurtosis >= kurt_thresh (COINr's ``check_SkewKurt``,
with the e1071 type-2 sample skewness and kurtosis). Failing columns are Winsorised one extreme at a
time (up to ``winmax`` points); if they still fail, the original column is log-transformed instead
(``log_CT``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.stats import skew, skew_kurt, skew_kurt_columns

TREAT_METHODS = ("winsorise", "none")
SECOND_TREATMENTS = ("log_CT", "log_CT_plus", "log_CT_orig", "none")


@dataclass(frozen=True)
class ColumnTreatment:
    """What happened to one indicator: skew/kurtosis before and after, and the treated points."""

    icode: str
    skew_before: float
    kurt_before: float
    n_winsorised: int
    second_treatment: str | None
    skew_after: float
    kurt_after: float
    treated_points: tuple[str, ...]


@dataclass(frozen=True)
class TreatReport:
    columns: tuple[ColumnTreatment, ...]

    def treated_points(self, units: tuple[str, ...]) -> dict[str, dict[str, str]]:
        """iCode -> uCode -> 'winhi' / 'winlo' / 'log_CT', only for treated points."""
        return {
            c.icode: {u: flag for u, flag in zip(units, c.treated_points, strict=True) if flag}
            for c in self.columns
            if any(c.treated_points)
        }


def passes(x: np.ndarray, skew_thresh: float, kurt_thresh: float) -> bool | None:
    """COINr's check_SkewKurt with R's three-valued logic: None when it cannot be decided."""
    return verdict(*skew_kurt(x), skew_thresh, kurt_thresh)


def verdict(s: float, k: float, skew_thresh: float, kurt_thresh: float) -> bool | None:
    skew_ok = None if np.isnan(s) else bool(abs(s) < skew_thresh)
    kurt_ok = None if np.isnan(k) else bool(k < kurt_thresh)
    if skew_ok or kurt_ok:
        return True
    if skew_ok is None or kurt_ok is None:
        return None
    return False


def winsorise(
    x: np.ndarray,
    winmax: int | None = 5,
    skew_thresh: float = 2,
    kurt_thresh: float = 3.5,
    force_win: bool = False,
) -> tuple[np.ndarray, int, list[str]]:
    """Winsorise the most extreme value(s) on the skewed side until the column passes or winmax is hit.

    Mirrors COINr exactly, including that the count is the size of the last replaced sets (ties on
    the winsorised value grow it one point at a time) and that only those last points are flagged.
    """
    x = x.copy()
    current_skew, current_kurt = skew_kurt(x)
    passing = verdict(current_skew, current_kurt, skew_thresh, kurt_thresh)
    imax: np.ndarray = np.array([], dtype=int)
    imin: np.ndarray = np.array([], dtype=int)
    nwin = 0
    while (not passing or force_win) and (winmax is None or nwin < winmax):
        if current_skew >= 0:
            imax = np.flatnonzero(x == np.nanmax(x))
            x[imax] = np.nanmax(np.delete(x, imax))
        else:
            imin = np.flatnonzero(x == np.nanmin(x))
            x[imin] = np.nanmin(np.delete(x, imin))
        nwin = len(imax) + len(imin)
        current_skew, current_kurt = skew_kurt(x)
        passing = verdict(current_skew, current_kurt, skew_thresh, kurt_thresh)
    flags = [""] * len(x)
    for i in imax:
        flags[i] = "winhi"
    for i in imin:
        flags[i] = "winlo"
    return x, nwin, flags


def log_transform(x: np.ndarray, f2: str) -> np.ndarray:
    low, high = np.nanmin(x), np.nanmax(x)
    if f2 == "log_CT":
        return np.log(x - low + 0.01 * (high - low))
    if f2 == "log_CT_orig":
        return np.log(x - low + 1)
    if f2 == "log_CT_plus":
        shift = 0.01 * (high - low)
        return np.log(x - low + shift) if skew(x) > 0 else -np.log(high + shift - x)
    raise CompositeIndexError(f"treat: f2 '{f2}' is not one of {', '.join(SECOND_TREATMENTS)}")


def treat_column(
    x: np.ndarray,
    icode: str,
    winmax: int | None = 5,
    skew_thresh: float = 2,
    kurt_thresh: float = 3.5,
    force_win: bool = False,
    f2: str = "log_CT",
    combine_treat: bool = False,
) -> tuple[np.ndarray, ColumnTreatment]:
    s0, k0 = skew_kurt(x)
    untreated = ColumnTreatment(icode, s0, k0, 0, None, s0, k0, ("",) * len(x))
    if passes(x, skew_thresh, kurt_thresh) is not False:
        return x, untreated
    try:
        result, nwin, flags = winsorise(x, winmax, skew_thresh, kurt_thresh, force_win)
    except ValueError:  # nothing left to winsorise towards: COINr leaves such a column untreated
        return x, untreated
    second = None
    verdict = passes(result, skew_thresh, kurt_thresh)
    if verdict is False and f2 != "none":
        result = log_transform(result if combine_treat else x, f2)
        second = f2
        flags = [f"{f}+{f2}" if f else f2 for f in flags] if combine_treat else [f2] * len(x)
        verdict = passes(result, skew_thresh, kurt_thresh)
    if verdict is None:  # undecidable after treatment: COINr returns the column untreated
        return x, untreated
    report = ColumnTreatment(icode, s0, k0, nwin, second, *skew_kurt(result), tuple(flags))
    return result, report


def treat(
    dataset: Dataset,
    framework: Framework,
    winmax: int | None = 5,
    skew_thresh: float = 2,
    kurt_thresh: float = 3.5,
    force_win: bool = False,
    f2: str = "log_CT",
    combine_treat: bool = False,
    indiv_specs: Mapping[str, Mapping[str, object] | str] | None = None,
) -> tuple[Dataset, TreatReport]:
    """Apply the two-stage treatment to every indicator.

    ``indiv_specs`` overrides the parameters per iCode; the value 'none' leaves that indicator alone.
    """
    indiv_specs = indiv_specs or {}
    unknown = sorted(set(indiv_specs) - set(framework.indicators))
    if unknown:
        raise CompositeIndexError(f"treat: indiv_specs names unknown indicator(s): {', '.join(unknown)}")
    defaults: dict[str, Any] = {
        "winmax": winmax,
        "skew_thresh": skew_thresh,
        "kurt_thresh": kurt_thresh,
        "force_win": force_win,
        "f2": f2,
        "combine_treat": combine_treat,
    }
    values = dataset.values.copy()
    # one vectorised check first: most columns pass and need no per-column work
    skews, kurts = skew_kurt_columns(values)
    reports = []
    for j, code in enumerate(framework.indicators):
        spec = indiv_specs.get(code, {})
        if spec == "none":
            continue
        params = {**defaults, **dict(spec)}  # type: ignore[arg-type]
        if (
            verdict(skews[j], kurts[j], params["skew_thresh"], params["kurt_thresh"])
            and not params["force_win"]
        ):
            flags = ("",) * len(values)
            reports.append(ColumnTreatment(code, skews[j], kurts[j], 0, None, skews[j], kurts[j], flags))
            continue
        with np.errstate(invalid="ignore", divide="ignore"):
            values[:, j], report = treat_column(values[:, j], code, **params)
        if np.isnan(values[:, j]).sum() > np.isnan(dataset.values[:, j]).sum():
            raise CompositeIndexError(f"treat: the log transform of '{code}' produced invalid values")
        reports.append(report)
    return dataset.with_values(values), TreatReport(tuple(reports))

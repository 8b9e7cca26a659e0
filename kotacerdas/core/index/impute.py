"""Imputation of missing indicator values (COINr ``Impute`` with its built-in ``i_*`` functions)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework
from kotacerdas.core.index.stats import r_mean

IMPUTE_METHODS = ("i_mean", "i_median", "i_mean_grp", "i_median_grp", "none")

Centre = Callable[[np.ndarray], float]


def _centre(method: str) -> Centre:
    return np.median if "median" in method else r_mean


def impute(
    dataset: Dataset,
    framework: Framework,
    f_i: str = "i_mean",
    impute_by: str = "column",
    use_group: str | None = None,
    group_level: int | None = None,
    normalise_first: bool | None = None,
) -> Dataset:
    """Fill missing values with a column mean/median (optionally within unit groups) or a row mean/median.

    ``impute_by="row"`` fills a unit's gap with the mean of its other values in the same aggregation
    group (``group_level``); the columns are min-max scaled first unless ``normalise_first`` is false.
    """
    if f_i not in IMPUTE_METHODS:
        raise CompositeIndexError(f"impute: method '{f_i}' is not one of {', '.join(IMPUTE_METHODS)}")
    if f_i.endswith("_grp") and use_group is None:
        raise CompositeIndexError(f"impute: method '{f_i}' needs params.use_group (a Group column of iData)")
    if use_group is not None and use_group not in dataset.groups:
        raise CompositeIndexError(f"impute: use_group '{use_group}' is not a Group column of iData/iMeta")
    if f_i == "none" or not np.isnan(dataset.values).any():
        return dataset
    if impute_by == "column":
        labels = dataset.groups[use_group] if use_group else None
        values = _impute_columns(dataset.values, _centre(f_i), labels)
    elif impute_by == "row":
        values = _impute_rows(dataset.values, framework, _centre(f_i), group_level, normalise_first)
    else:
        raise CompositeIndexError(f"impute: impute_by must be 'column' or 'row', got '{impute_by}'")
    return dataset.with_values(values)


def _impute_columns(x: np.ndarray, centre: Centre, labels: tuple[str | None, ...] | None) -> np.ndarray:
    out = x.copy()
    if labels is None:
        blocks = [np.arange(x.shape[0])]
    else:
        label_array = np.array([label if label is not None else "" for label in labels])
        known = np.array([label is not None for label in labels])
        blocks = [np.flatnonzero(known & (label_array == g)) for g in sorted(set(label_array[known]))]
    for rows in blocks:
        block = out[rows]
        for j in np.flatnonzero(np.isnan(block).any(axis=0)):
            present = block[~np.isnan(block[:, j]), j]
            if present.size:
                block[np.isnan(block[:, j]), j] = centre(present)
        out[rows] = block
    return out


def _ancestor(framework: Framework, code: str, level: int) -> str:
    for _ in range(level - 1):
        code = framework.parent[code]
    return code


def _impute_rows(
    x: np.ndarray, framework: Framework, centre: Centre, group_level: int | None, normalise_first: bool | None
) -> np.ndarray:
    if group_level is not None and not 2 <= group_level <= framework.n_levels:
        raise CompositeIndexError(f"impute: group_level must be between 2 and {framework.n_levels}")
    scale = True if normalise_first is None else normalise_first
    directions = np.array([framework.direction[c] for c in framework.indicators], dtype=float)
    work = x * directions
    low, high = np.nanmin(work, axis=0), np.nanmax(work, axis=0)
    if scale:
        work = (work - low) / (high - low)
    if group_level is None:
        column_groups = [np.arange(x.shape[1])]
    else:
        ancestors = [_ancestor(framework, c, group_level) for c in framework.indicators]
        column_groups = [np.flatnonzero(np.array(ancestors) == a) for a in dict.fromkeys(ancestors)]
    for cols in column_groups:
        block = work[:, cols]
        for i in np.flatnonzero(np.isnan(block).any(axis=1)):
            present = block[i, ~np.isnan(block[i])]
            if present.size:
                block[i, np.isnan(block[i])] = centre(present)
        work[:, cols] = block
    if scale:
        work = work * (high - low) + low
    work = work * directions
    # keep the original non-missing values bit for bit, as COINr does
    return np.where(np.isnan(x), work, x)

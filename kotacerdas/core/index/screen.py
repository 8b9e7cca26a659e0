"""Unit screening by data availability (COINr ``Screen``)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset

SCREEN_METHODS = ("byNA", "byzeros", "byNAandzeros")


@dataclass(frozen=True)
class ScreenReport:
    data_availability: np.ndarray
    non_zero: np.ndarray
    removed_units: tuple[str, ...]


def screen(
    dataset: Dataset,
    unit_screen: str = "byNA",
    dat_thresh: float = 2 / 3,
    nonzero_thresh: float = 0.05,
    force_include: Sequence[str] = (),
    force_exclude: Sequence[str] = (),
) -> tuple[Dataset, ScreenReport]:
    """Keep units whose share of available (and/or non-zero) indicator values reaches the threshold."""
    if unit_screen not in SCREEN_METHODS:
        raise CompositeIndexError(f"screen: method '{unit_screen}' is not one of {', '.join(SCREEN_METHODS)}")
    for name, value in (("dat_thresh", dat_thresh), ("nonzero_thresh", nonzero_thresh)):
        if not 0 <= value <= 1:
            raise CompositeIndexError(f"screen: {name} must be between 0 and 1, got {value}")
    missing = np.isnan(dataset.values)
    n_missing = missing.sum(axis=1)
    n_zero = (np.nan_to_num(dataset.values, nan=1.0) == 0).sum(axis=1)
    availability = 1 - n_missing / dataset.values.shape[1]
    with np.errstate(invalid="ignore", divide="ignore"):
        non_zero = 1 - n_zero / (dataset.values.shape[1] - n_missing)
    low_data = availability < dat_thresh
    low_non_zero = non_zero < nonzero_thresh
    excluded = {"byNA": low_data, "byzeros": low_non_zero, "byNAandzeros": low_data | low_non_zero}[
        unit_screen
    ]
    keep = ~excluded
    for codes, flag in ((force_include, True), (force_exclude, False)):
        for code in codes:
            if code not in dataset.units:
                raise CompositeIndexError(f"screen: forced unit '{code}' is not a uCode of iData")
            keep[dataset.units.index(code)] = flag
    if not keep.any():
        raise CompositeIndexError(f"screen: no unit reaches {unit_screen} with dat_thresh={dat_thresh}")
    removed = tuple(u for u, k in zip(dataset.units, keep, strict=True) if not k)
    return dataset.subset(keep), ScreenReport(availability, non_zero, removed)

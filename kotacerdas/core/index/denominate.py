"""Denomination: divide indicators by a size measure (COINr ``Denominate``)."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from kotacerdas.core.index.errors import CompositeIndexError
from kotacerdas.core.index.inputs import Dataset, Framework


def denominate(
    dataset: Dataset,
    framework: Framework,
    denomby: Mapping[str, str] | None = None,
    scale_factors: Mapping[str, float] | None = None,
) -> Dataset:
    """Divide each indicator in ``denomby`` (iCode -> denominator column) by that column.

    With ``denomby`` unset, the iMeta Denominator column is used, as COINr does. A scale factor
    divides the denominator first (COINr's ``ScaleFactor``).
    """
    pairs = dict(framework.denominator if denomby is None else denomby)
    scale_factors = scale_factors or {}
    values = dataset.values.copy()
    for code, denominator in pairs.items():
        if code not in framework.indicators:
            raise CompositeIndexError(f"denominate: '{code}' is not an indicator")
        if denominator not in dataset.denominators:
            raise CompositeIndexError(
                f"denominate: denominator '{denominator}' of '{code}' is not a Denominator column of iData"
            )
        divisor = dataset.denominators[denominator] / float(scale_factors.get(code, 1.0))
        if np.any(divisor == 0):
            unit = dataset.units[int(np.flatnonzero(divisor == 0)[0])]
            raise CompositeIndexError(f"denominate: denominator '{denominator}' is zero for unit '{unit}'")
        j = framework.indicators.index(code)
        values[:, j] = values[:, j] / divisor
    return dataset.with_values(values)

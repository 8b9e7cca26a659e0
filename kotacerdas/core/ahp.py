"""Analytic Hierarchy Process (AHP): criteria weights from pairwise comparisons.

An expert compares every pair of criteria on Saaty's 1-9 scale: ``a[i][j] = 3``
means "criterion i is moderately more important than j", and the matrix is
reciprocal (``a[j][i] = 1/3``). This module turns such matrices into priorities
(weights that sum to 1) and measures how consistent the judgements are.

Public API (all pure functions over plain values):

* :func:`parse_judgement` - a number or a string such as ``"1/3"`` → float.
* :func:`pairwise_matrix` - validate labels + rows into a :class:`PairwiseMatrix`.
* :func:`matrix_from_judgements` - build a matrix from upper-triangle judgements
  (what a web form collects).
* :func:`aggregate_judgements` - group AHP: element-wise (weighted) geometric mean.
* :func:`analyse` - priorities, λmax, CI, CR and the most inconsistent judgements.
* :func:`random_index` - Saaty's 1980 random index.

Sources: T. L. Saaty, *The Analytic Hierarchy Process*, McGraw-Hill, 1980
(eigenvector method, CI, CR and the random index); G. Crawford and C. Williams,
"A note on the analysis of subjective judgment matrices", J. Math. Psych. 29,
1985 (row geometric mean); J. Aczél and T. L. Saaty, "Procedures for
synthesizing ratio judgements", J. Math. Psych. 27, 1983 (the geometric mean
is the aggregation that keeps a group matrix reciprocal).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Literal

import numpy as np
from numpy.typing import NDArray

Method = Literal["eigen", "geometric"]
METHODS: tuple[Method, ...] = ("eigen", "geometric")

# Saaty (1980), random consistency index by matrix order n (index = n).
SAATY_1980_RANDOM_INDEX: dict[int, float] = {
    1: 0.0,
    2: 0.0,
    3: 0.58,
    4: 0.90,
    5: 1.12,
    6: 1.24,
    7: 1.32,
    8: 1.41,
    9: 1.45,
    10: 1.49,
}
MAX_CRITERIA = max(SAATY_1980_RANDOM_INDEX)

# Saaty's rule of thumb: judgements with CR below 0.10 are acceptable.
CR_THRESHOLD = 0.10

# Judgements are on the 1/9..9 scale; a little slack lets decimals such as 0.111 through.
SCALE_MIN = 1 / 9 - 1e-3
SCALE_MAX = 9 + 1e-9

# a[i][j] * a[j][i] must be 1; a relative slack accepts rounded decimals like 0.33 for 1/3.
RECIPROCAL_TOLERANCE = 0.02

_FRACTION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(?:/\s*(\d+(?:\.\d+)?))?\s*$")


class AhpError(ValueError):
    """Input that cannot be a pairwise comparison matrix; the message says where and why."""


@dataclass(frozen=True)
class PairwiseMatrix:
    """A validated, reciprocal pairwise comparison matrix with one label per row."""

    labels: tuple[str, ...]
    values: NDArray[np.float64]

    @property
    def size(self) -> int:
        return len(self.labels)


@dataclass(frozen=True)
class Judgement:
    """One pairwise judgement and how far it is from what the priorities imply.

    ``implied`` is w_i / w_j, the value that would make the judgement perfectly
    consistent with the final priorities; ``deviation`` is |ln(given / implied)|,
    so a judgement off by a factor of 3 either way scores ln 3 ≈ 1.10.
    """

    row: str
    column: str
    given: float
    implied: float
    deviation: float


@dataclass(frozen=True)
class AhpResult:
    """Priorities and consistency of one (possibly aggregated) comparison matrix."""

    labels: tuple[str, ...]
    priorities: tuple[float, ...]
    method: Method
    lambda_max: float
    consistency_index: float
    random_index: float
    consistency_ratio: float
    # Judgements sorted from most to least inconsistent (upper triangle only).
    judgements: tuple[Judgement, ...] = field(repr=False)

    @property
    def is_consistent(self) -> bool:
        return self.consistency_ratio < CR_THRESHOLD

    def weights(self) -> dict[str, float]:
        """Priorities keyed by label, ready for :mod:`kotacerdas.core.prioritisation`."""
        return dict(zip(self.labels, self.priorities, strict=True))

    def most_inconsistent(self, count: int = 3) -> tuple[Judgement, ...]:
        return self.judgements[:count]

    def warning(self) -> str | None:
        """A readable warning when CR ≥ 0.10, naming the judgements to revisit first."""
        if self.is_consistent:
            return None
        worst = "; ".join(
            f"{j.row} vs {j.column}: given {_format_ratio(j.given)}, "
            f"consistent value ≈ {_format_ratio(j.implied)}"
            for j in self.most_inconsistent()
        )
        return (
            f"consistency ratio {self.consistency_ratio:.3f} is not below {CR_THRESHOLD:.2f}; "
            f"revisit the most inconsistent judgements: {worst}"
        )


def random_index(size: int) -> float:
    """Saaty's (1980) random index RI for a matrix of order ``size`` (1..10)."""
    if size not in SAATY_1980_RANDOM_INDEX:
        raise AhpError(f"AHP needs 1 to {MAX_CRITERIA} criteria (Saaty's random index table); got {size}")
    return SAATY_1980_RANDOM_INDEX[size]


def parse_judgement(value: object, where: str = "judgement") -> float:
    """Turn ``3``, ``0.5``, ``"1/3"`` or ``"5"`` into a positive float on Saaty's scale."""
    if isinstance(value, bool):
        raise AhpError(f"{where}: {value!r} is not a number")
    if isinstance(value, int | float):
        number = float(value)
    elif isinstance(value, str):
        number = _parse_fraction(value, where)
    else:
        raise AhpError(f"{where}: {value!r} is not a number or a fraction string like '1/3'")
    if not math.isfinite(number) or number <= 0:
        raise AhpError(f"{where}: {value!r} must be a positive number")
    if not SCALE_MIN <= number <= SCALE_MAX:
        raise AhpError(f"{where}: {value!r} is outside Saaty's scale 1/9 .. 9")
    return number


def pairwise_matrix(labels: Sequence[str], rows: Sequence[Sequence[object]]) -> PairwiseMatrix:
    """Validate a full matrix: square, matching labels, positive, unit diagonal, reciprocal."""
    clean_labels = _check_labels(labels)
    size = len(clean_labels)
    if len(rows) != size:
        raise AhpError(f"matrix has {len(rows)} rows but there are {size} labels")
    values = np.ones((size, size))
    for i, row in enumerate(rows):
        if not isinstance(row, Sequence) or isinstance(row, str):
            raise AhpError(f"row {i + 1} ({clean_labels[i]}) is not a list")
        if len(row) != size:
            raise AhpError(f"row {i + 1} ({clean_labels[i]}) has {len(row)} values, expected {size}")
        for j, cell in enumerate(row):
            values[i, j] = parse_judgement(cell, f"{clean_labels[i]} vs {clean_labels[j]}")
    _check_reciprocal(clean_labels, values)
    return PairwiseMatrix(clean_labels, values)


def matrix_from_judgements(
    labels: Sequence[str], judgements: Mapping[tuple[str, str], object]
) -> PairwiseMatrix:
    """Build a full matrix from one judgement per pair, e.g. ``{("cost", "impact"): "1/3"}``.

    Either orientation of a pair may be given (the reciprocal fills the other);
    every pair must be given exactly once.
    """
    clean_labels = _check_labels(labels)
    position = {label: index for index, label in enumerate(clean_labels)}
    values = np.ones((len(clean_labels), len(clean_labels)))
    seen: set[frozenset[str]] = set()
    for (row, column), raw in judgements.items():
        for label in (row, column):
            if label not in position:
                raise AhpError(f"judgement {row} vs {column}: unknown label {label!r}")
        pair = frozenset((row, column))
        if row == column or pair in seen:
            raise AhpError(f"judgement {row} vs {column} is a self-comparison or given twice")
        seen.add(pair)
        number = parse_judgement(raw, f"{row} vs {column}")
        values[position[row], position[column]] = number
        values[position[column], position[row]] = 1 / number
    missing = [
        f"{a} vs {b}"
        for index, a in enumerate(clean_labels)
        for b in clean_labels[index + 1 :]
        if frozenset((a, b)) not in seen
    ]
    if missing:
        raise AhpError(f"missing judgements: {', '.join(missing)}")
    return PairwiseMatrix(clean_labels, values)


def aggregate_judgements(
    matrices: Sequence[PairwiseMatrix], expert_weights: Sequence[float] | None = None
) -> PairwiseMatrix:
    """Group AHP by aggregating individual judgements (AIJ).

    The element-wise weighted geometric mean is the only aggregation that keeps
    the result reciprocal (Aczél & Saaty 1983). Experts count equally unless
    ``expert_weights`` (positive, any scale) is given.
    """
    if not matrices:
        raise AhpError("at least one matrix is needed")
    labels = matrices[0].labels
    for index, matrix in enumerate(matrices):
        if matrix.labels != labels:
            raise AhpError(f"matrix {index + 1} has labels {list(matrix.labels)}, expected {list(labels)}")
    try:
        raw = [1.0] * len(matrices) if expert_weights is None else expert_weights
        weights = np.asarray(raw, dtype=float)
    except (TypeError, ValueError):
        raise AhpError(f"expert weights must be {len(matrices)} positive numbers") from None
    if weights.shape != (len(matrices),) or not np.all(np.isfinite(weights) & (weights > 0)):
        raise AhpError(f"expert weights must be {len(matrices)} positive numbers")
    weights = weights / weights.sum()
    logs = np.stack([np.log(matrix.values) for matrix in matrices])
    return PairwiseMatrix(labels, np.exp(np.tensordot(weights, logs, axes=1)))


def analyse(matrix: PairwiseMatrix, method: Method = "eigen") -> AhpResult:
    """Priorities by principal eigenvector (default) or row geometric mean, with consistency.

    λmax is the principal eigenvalue for ``eigen``; for ``geometric`` it is Saaty's
    estimate mean_i((A w)_i / w_i) with the geometric-mean weights, so CI and CR
    stay comparable between the two methods. CI = (λmax - n)/(n - 1), CR = CI/RI,
    and CR is 0 for n ≤ 2 where every reciprocal matrix is consistent.
    """
    size = matrix.size
    ri = random_index(size)
    if method == "eigen":
        priorities, lambda_max = _principal_eigenvector(matrix.values)
    elif method == "geometric":
        priorities = _row_geometric_mean(matrix.values)
        lambda_max = float(np.mean(matrix.values @ priorities / priorities))
    else:
        raise AhpError(f"unknown method {method!r}; choose one of {', '.join(METHODS)}")
    ci = (lambda_max - size) / (size - 1) if size > 1 else 0.0
    ci = max(ci, 0.0)  # rounding can make a consistent matrix give -1e-16
    cr = ci / ri if ri > 0 else 0.0
    return AhpResult(
        labels=matrix.labels,
        priorities=tuple(float(p) for p in priorities),
        method=method,
        lambda_max=lambda_max,
        consistency_index=ci,
        random_index=ri,
        consistency_ratio=cr,
        judgements=_rank_judgements(matrix, priorities),
    )


def _parse_fraction(text: str, where: str) -> float:
    match = _FRACTION.match(text)
    if not match:
        raise AhpError(f"{where}: {text!r} is not a number or a fraction like '1/3'")
    numerator = float(match.group(1))
    denominator = float(match.group(2)) if match.group(2) is not None else 1.0
    if denominator == 0:
        raise AhpError(f"{where}: {text!r} divides by zero")
    return numerator / denominator


def _check_labels(labels: Sequence[str]) -> tuple[str, ...]:
    if isinstance(labels, str) or not isinstance(labels, Sequence):
        raise AhpError("labels must be a list of names")
    if not labels:
        raise AhpError("labels must not be empty")
    for label in labels:
        if not isinstance(label, str) or not label.strip():
            raise AhpError(f"label {label!r} must be a non-empty string")
    duplicates = sorted({label for label in labels if list(labels).count(label) > 1})
    if duplicates:
        raise AhpError(f"duplicate labels: {', '.join(duplicates)}")
    random_index(len(labels))
    return tuple(labels)


def _check_reciprocal(labels: tuple[str, ...], values: NDArray[np.float64]) -> None:
    for i, label in enumerate(labels):
        if abs(values[i, i] - 1) > 1e-9:
            raise AhpError(f"diagonal {label} vs {label} must be 1, got {values[i, i]:g}")
        for j in range(i + 1, len(labels)):
            product = values[i, j] * values[j, i]
            if abs(product - 1) > RECIPROCAL_TOLERANCE:
                raise AhpError(
                    f"not reciprocal: {label} vs {labels[j]} is {_format_ratio(values[i, j])} "
                    f"but {labels[j]} vs {label} is {_format_ratio(values[j, i])} "
                    f"(expected {_format_ratio(1 / values[i, j])})"
                )


def _principal_eigenvector(values: NDArray[np.float64]) -> tuple[NDArray[np.float64], float]:
    # A positive matrix has a simple, real, largest eigenvalue with a positive
    # eigenvector (Perron-Frobenius), so taking the largest real part is safe.
    eigenvalues, eigenvectors = np.linalg.eig(values)
    index = int(np.argmax(eigenvalues.real))
    vector = np.abs(eigenvectors[:, index].real)
    return vector / vector.sum(), float(eigenvalues[index].real)


def _row_geometric_mean(values: NDArray[np.float64]) -> NDArray[np.float64]:
    means = np.exp(np.log(values).mean(axis=1))
    return np.asarray(means / means.sum(), dtype=np.float64)


def _rank_judgements(matrix: PairwiseMatrix, priorities: NDArray[np.float64]) -> tuple[Judgement, ...]:
    judgements = []
    for i in range(matrix.size):
        for j in range(i + 1, matrix.size):
            implied = float(priorities[i] / priorities[j])
            given = float(matrix.values[i, j])
            judgements.append(
                Judgement(matrix.labels[i], matrix.labels[j], given, implied, abs(math.log(given / implied)))
            )
    return tuple(sorted(judgements, key=lambda judgement: -judgement.deviation))


def _format_ratio(value: float) -> str:
    """Show 0.333 as 1/3 and 3.0 as 3 so messages use the scale people typed."""
    if value < 1:
        return f"1/{1 / value:.3g}"
    return f"{value:.3g}"

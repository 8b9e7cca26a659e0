"""Scores per smart-city dimension: derived from the record, since the official method is not public.

The Dirjen Aptika result letters report a score per smart-city dimension (../shared/domain.md §1.5
item 4), but how Kominfo computes it could not be read [U]. kotacerdas reports instead, for each of
the six dimensions, the same proportional level as the Outcome pre-fill (prefill.py):
``5 × running / planned`` over the dimension's masterplan programmes planned to run in the year and
those the approved monitoring reports say are running. A dimension with no programme planned has no
score (None; shown as "–"), not a zero: there is nothing to measure. The levels are exact; the
evaluation app freezes them into the publication as exact text (``frozen_scores``), so a later
monitoring edit never changes a published result. See docs/explanation/evaluation-ranking.md
("Scores per smart-city dimension").

    >>> scores = dimension_scores([DimensionCount("living", 3, 4)], ["governance", "living"])
    >>> scores["living"], scores["governance"]
    (Fraction(15, 4), None)
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from kotacerdas.core.evaluation.prefill import DimensionCount
from kotacerdas.core.instruments.numbers import fraction_text, to_fraction

NO_SCORE = "–"  # how a dimension without a planned programme is shown
DISPLAY_PLACES = 4  # a level without a finite decimal (5 × 2/3) is shown to 4 places, like the letter's


def dimension_scores(
    counts: Iterable[DimensionCount], dimensions: Sequence[str]
) -> dict[str, Fraction | None]:
    """Every dimension of ``dimensions`` in its order → its level (None: nothing planned).

    A count for a dimension outside the list (a code the reference data no longer has) is kept,
    after the listed ones, so no counted programme is silently dropped.
    """
    by_code = {count.dimension: count for count in counts}
    order = list(dimensions) + sorted(code for code in by_code if code not in dimensions)
    return {code: by_code[code].level if code in by_code else None for code in order}


def frozen_scores(scores: dict[str, Fraction | None]) -> dict[str, str]:
    """The scores as the publication stores them: exact text (``"3.75"``, ``"10/3"``), "" for none."""
    return {code: "" if level is None else fraction_text(level) for code, level in scores.items()}


def display_text(exact: str) -> str:
    """A frozen score for a table: at most 4 places, a full stop, no trailing zeros; "–" for none.

    ``"15/4"`` → ``"3.75"``, ``"10/3"`` → ``"3.3333"``, ``"3"`` → ``"3"``, ``""`` → ``"–"``.
    """
    if not exact:
        return NO_SCORE
    level = to_fraction(exact)
    value = Decimal(level.numerator) / Decimal(level.denominator)
    rounded = value.quantize(Decimal(1).scaleb(-DISPLAY_PLACES), rounding=ROUND_HALF_UP).normalize()
    return f"{rounded:f}"

"""The charts of an index run's results as inline SVG geometry (no script: it passes the CSP as is).

``rank_chart``: per unit, its nominal rank (dot), median (tick) and 5–95 % interval (bar), best first.
``sobol_chart``: per uncertain assumption, its first-order and total Sobol index as two bars.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from django.utils.translation import gettext_lazy as _

from kotacerdas.web.templatetags.numbers import decimal_plain

LABEL_WIDTH = 160
PLOT_WIDTH = 420
ROW_HEIGHT = 18
TOP = 24
SOBOL_TICKS = (0, 0.25, 0.5, 0.75, 1)
# An uncertain assumption's key (kotacerdas.core.index.uncertainty.INPUT_KEYS) in the reader's words,
# as the run form names the same choices.
SOBOL_INPUTS = {
    "weights": _("Weights"),
    "impute": _("Imputation"),
    "treat": _("Outlier treatment"),
    "normalise": _("Normalisation"),
    "aggregate": _("Aggregation"),
    "exclude": _("Excluded indicators"),
}


def _x(value: float, lowest: float, highest: float) -> float:
    span = highest - lowest or 1.0
    return round(LABEL_WIDTH + (value - lowest) / span * PLOT_WIDTH, 2)


def rank_chart(stats: Sequence[Mapping[str, Any]], names: Mapping[str, str]) -> dict[str, Any]:
    rows = sorted(
        (s for s in stats if s.get("nominal") is not None), key=lambda s: (s["nominal"], s["uCode"])
    )
    highest = max(
        [1.0, *(float(s["q95"] or s["nominal"]) for s in rows), *(float(s["nominal"]) for s in rows)]
    )
    items = []
    for i, s in enumerate(rows):
        y = TOP + i * ROW_HEIGHT + ROW_HEIGHT / 2
        low, high = (
            s["q05"] if s["q05"] is not None else s["nominal"],
            s["q95"] if s["q95"] is not None else s["nominal"],
        )
        items.append(
            {
                "label": names.get(s["uCode"]) or s["uCode"],
                "y": y,
                "text_y": y + 4,
                "x_low": _x(low, 1, highest),
                "x_high": _x(high, 1, highest),
                "x_nominal": _x(s["nominal"], 1, highest),
                "x_median": _x(s["median"] if s["median"] is not None else s["nominal"], 1, highest),
                "tick_top": y - 5,
                "tick_bottom": y + 5,
            }
        )
    ticks = sorted({1, *range(5, int(highest) + 1, 5)})
    if int(highest) - ticks[-1] >= 3:  # the last rank, unless its label would overlap the previous one
        ticks.append(int(highest))
    height = TOP + len(rows) * ROW_HEIGHT + 8
    return {
        "width": LABEL_WIDTH + PLOT_WIDTH + 20,
        "height": height,
        "rows": items,
        "ticks": [{"x": _x(t, 1, highest), "label": t} for t in ticks],
        "axis_y": TOP - 8,
        "grid_bottom": height - 8,
    }


def sobol_chart(indices: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    items = []
    bar = ROW_HEIGHT - 6
    for i, entry in enumerate(indices):
        y = TOP + i * (2 * bar + 10)
        first, total = float(entry["first_order"] or 0), float(entry["total"] or 0)
        items.append(
            {
                "label": str(SOBOL_INPUTS.get(entry["input"], entry["input"])),
                "text_y": y + bar + 4,
                "first_y": y,
                "total_y": y + bar,
                "bar": bar - 1,
                "first_width": round(max(0.0, min(first, 1.0)) * PLOT_WIDTH, 2),
                "total_width": round(max(0.0, min(total, 1.0)) * PLOT_WIDTH, 2),
                "first": first,
                "total": total,
            }
        )
    return {
        "width": LABEL_WIDTH + PLOT_WIDTH + 60,
        "height": TOP + len(items) * (2 * bar + 10) + 8,
        "rows": items,
        "ticks": [{"x": LABEL_WIDTH + t * PLOT_WIDTH, "label": decimal_plain(t)} for t in SOBOL_TICKS],
        "axis_y": TOP - 8,
        "x0": LABEL_WIDTH,
    }

"""Figures for the books (matplotlib, Agg backend): the roadmap Gantt and the budget per year.

Each function returns PNG bytes, or None when there is nothing to draw.
"""

from __future__ import annotations

import io

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from kotacerdas.core.books.data import BookData
from kotacerdas.core.formatting import decimal

PALETTE = ["#1d5e8c", "#2f8f5b", "#c4742b", "#8a4f9e", "#b23a48", "#4a7f8c", "#7a7a2e", "#555555"]


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    plt.close(figure)
    return buffer.getvalue()


def roadmap_gantt(data: BookData) -> bytes | None:
    """One bar per initiative from its start to its end year, coloured by dimension."""
    rows = [i for i in data.initiatives if i.start_year is not None]
    if not rows:
        return None
    colours = {d: PALETTE[n % len(PALETTE)] for n, d in enumerate(data.dimensions())}
    height = max(2.5, 0.22 * len(rows) + 1.2)
    figure, axes = plt.subplots(figsize=(7.5, height))
    for y, initiative in enumerate(rows):
        start = initiative.start_year or data.period_start
        end = initiative.end_year or start
        axes.barh(y, end - start + 1, left=start, height=0.6, color=colours[initiative.dimension])
    axes.set_yticks(range(len(rows)), [f"{i.code} {i.name}"[:48] for i in rows], fontsize=6)
    axes.invert_yaxis()
    axes.set_xticks(data.years, [str(y) for y in data.years], fontsize=7)
    axes.set_xlim(data.period_start, data.period_end + 1)
    axes.grid(axis="x", color="#dddddd")
    handles = [plt.Rectangle((0, 0), 1, 1, color=c) for c in colours.values()]
    axes.legend(handles, list(colours), fontsize=6, loc="lower right", framealpha=0.9)
    return _png(figure)


def budget_per_year(data: BookData) -> bytes | None:
    """Stacked bars: the budget of each year by funding source, in miliar rupiah."""
    sources = list(data.budget_by_source())
    if not sources:
        return None
    figure, axes = plt.subplots(figsize=(6.5, 3.2))
    bottom = dict.fromkeys(data.years, 0.0)
    for n, source in enumerate(sources):
        values = dict.fromkeys(data.years, 0.0)
        for initiative in data.initiatives:
            for budget in initiative.budgets:
                if budget.source == source and budget.year in values:
                    values[budget.year] += budget.amount / 1e9
        axes.bar(
            [str(y) for y in data.years],
            list(values.values()),
            bottom=list(bottom.values()),
            color=PALETTE[n % len(PALETTE)],
            label=source,
        )
        bottom = {y: bottom[y] + values[y] for y in data.years}
    axes.set_ylabel("miliar rupiah", fontsize=8)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: decimal(v, 1)))
    axes.tick_params(labelsize=7)
    axes.legend(fontsize=7)
    axes.grid(axis="y", color="#dddddd")
    return _png(figure)

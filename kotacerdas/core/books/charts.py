"""Figures for the books (matplotlib, Agg backend): the combined roadmap chart and the budget per year.

Each function returns PNG bytes, or None when there is nothing to draw.
"""

from __future__ import annotations

import io
from datetime import datetime
from typing import Any

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt
from matplotlib.ticker import FuncFormatter

from kotacerdas.core.books.data import BookData
from kotacerdas.core.formatting import decimal
from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord
from kotacerdas.core.roadmap_chart import chart_data
from kotacerdas.core.roadmap_figure import roadmap_pngs

PALETTE = ["#1d5e8c", "#2f8f5b", "#c4742b", "#8a4f9e", "#b23a48", "#4a7f8c", "#7a7a2e", "#555555"]


def _png(figure: plt.Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=220, bbox_inches="tight")  # sharp when printed
    plt.close(figure)
    return buffer.getvalue()


def plan_of_book(data: BookData) -> PlanOfRecord:
    """The book's schedule in the plan of record's shape (for a record whose caller passed no plan).

    The books of a region with an adopted plan are drawn from that plan itself
    (:attr:`kotacerdas.core.books.render.Assets.plan`); this keeps older callers and the sample working.
    """
    initiatives = []
    for item in data.initiatives:
        if item.start_year is None:
            continue
        cost: dict[str, dict[int, int]] = {}
        for budget in item.budgets:
            per_year = cost.setdefault(budget.source, {})
            per_year[budget.year] = per_year.get(budget.year, 0) + budget.amount
        end = item.end_year or item.start_year
        initiatives.append(
            PlannedInitiative(item.code, item.name, item.dimension, item.opd, item.start_year, end, cost)
        )
    period = (data.period_start, data.period_end)
    return PlanOfRecord(datetime.min, "", None, "", period, {}, initiatives=tuple(initiatives))


def roadmap_gantt(data: BookData, chart: dict[str, Any] | None = None) -> list[bytes]:
    """The combined roadmap chart (lanes, full names, arrows, budget against the pagu) at print sharpness.

    ``chart`` is :func:`kotacerdas.core.roadmap_chart.chart_data`'s dict of the plan of record - the same
    object the roadmap page draws; without it the book's own schedule is drawn.
    """
    if chart is None:
        plan = plan_of_book(data)
        chart = chart_data(plan, dimension_order=data.dimensions()) if plan.initiatives else None
    if not chart or not chart["lanes"]:
        return []
    return roadmap_pngs(chart)  # one figure per printed page; the budget against the pagu on the last


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
    # below the frame, never over a bar (it used to sit on the bars of the busiest years)
    axes.legend(
        fontsize=7, loc="upper center", bbox_to_anchor=(0.5, -0.14), ncol=min(5, len(sources)), frameon=False
    )
    axes.grid(axis="y", color="#dddddd")
    return _png(figure)

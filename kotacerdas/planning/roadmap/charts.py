"""Chart builders for screens and books: PNG bytes from plain values (matplotlib, Agg backend).

The functions here take plain data, so other apps (the books) can call them
with data from :mod:`kotacerdas.planning.reports`::

    from kotacerdas.planning import reports
    from kotacerdas.planning.roadmap import charts
    run = reports.latest_roadmap_run(region)
    png = charts.gantt_png(reports.gantt_bars(run, "governance"), *reports.period_of(run))
    png = charts.budget_png(reports.spend_by_year_and_source(run), ceilings=reports.ceilings_of(run))
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure

from kotacerdas.planning.reports import GanttBar

SOURCE_COLOURS = {
    "APBD": "#1f5f8b",
    "APBN_DAK": "#e0a526",
    "KPBU": "#5b8c3a",
    "CSR": "#a04b6e",
    "OTHER": "#8c8c8c",
}
STATE_COLOURS = {"scheduled": "#1f5f8b", "deferred": "#e0a526", "pinned": "#5b8c3a"}


def _png(figure: Figure) -> bytes:
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=110, bbox_inches="tight")
    return buffer.getvalue()


def gantt_png(
    bars: Sequence[GanttBar],
    first_year: int,
    last_year: int,
    title: str = "",
    legend: Mapping[str, str] | None = None,
) -> bytes:
    """A Gantt chart: one row per bar, years on the x axis. ``legend`` labels the states shown."""
    height = 1.2 + 0.42 * max(1, len(bars))
    figure = Figure(figsize=(8, height))
    axes = figure.subplots()
    for row, bar in enumerate(reversed(bars)):
        axes.barh(
            row,
            bar.end_year - bar.start_year + 1,
            left=bar.start_year,
            height=0.6,
            color=STATE_COLOURS.get(bar.state, "#1f5f8b"),
        )
    axes.set_yticks(range(len(bars)), [bar.label for bar in reversed(bars)], fontsize=8)
    axes.set_xlim(first_year, last_year + 1)
    axes.set_xticks(
        [y + 0.5 for y in range(first_year, last_year + 1)],
        [str(y) for y in range(first_year, last_year + 1)],
    )
    axes.set_xticks(range(first_year, last_year + 2), minor=True)
    axes.tick_params(axis="x", which="major", length=0)
    axes.grid(axis="x", which="minor", color="#cccccc")
    axes.set_axisbelow(True)
    if title:
        axes.set_title(title)
    if legend:
        from matplotlib.patches import Patch

        shown = {bar.state for bar in bars}
        handles = [Patch(color=STATE_COLOURS[s], label=label) for s, label in legend.items() if s in shown]
        if handles:
            axes.legend(handles=handles, loc="lower right", fontsize=7)
    return _png(figure)


def budget_png(
    spend: Mapping[int, Mapping[str, float]],
    title: str = "",
    unit: str = "",
    source_labels: Mapping[str, str] | None = None,
    ceilings: Mapping[int, float] | None = None,
    ceiling_label: str = "",
) -> bytes:
    """Stacked bars of spending per year by funding source (``spend[year][source]``), with an optional
    black mark at each year's ceiling (``ceilings[year]``, same unit)."""
    years = sorted(spend)
    sources = [s for s in SOURCE_COLOURS if any(spend[y].get(s) for y in years)]
    sources += sorted({s for y in years for s in spend[y]} - set(SOURCE_COLOURS))
    figure = Figure(figsize=(8, 4))
    axes = figure.subplots()
    bottoms = [0.0] * len(years)
    for source in sources:
        values = [float(spend[y].get(source, 0)) for y in years]
        axes.bar(
            [str(y) for y in years],
            values,
            bottom=bottoms,
            color=SOURCE_COLOURS.get(source, "#555555"),
            label=(source_labels or {}).get(source, source),
        )
        bottoms = [b + v for b, v in zip(bottoms, values, strict=True)]
    marked = [(str(y), float(ceilings[y])) for y in years if ceilings and ceilings.get(y) is not None]
    if marked:
        axes.scatter(
            [m[0] for m in marked],
            [m[1] for m in marked],
            marker="_",
            s=900,
            color="black",
            linewidths=2,
            label=ceiling_label or None,
            zorder=3,
        )
    axes.margins(y=0.12)
    if unit:
        axes.set_ylabel(unit)
    if title:
        axes.set_title(title)
    if sources or marked:
        axes.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    axes.grid(axis="y", color="#dddddd")
    axes.set_axisbelow(True)
    return _png(figure)

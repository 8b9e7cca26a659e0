"""The combined roadmap chart drawn with matplotlib for the books, from :func:`chart_data`'s dict.

The same dict the browser draws, so the printed chart and the page agree. Each initiative's full name
is printed above its bar, wrapped to the page width (never cut); lanes group the dimensions; arrows
run from a predecessor's end to its successor's start; the budget per year stands beneath against the
ceiling, with the legend below the frame (it never covers a bar). PNG at 220 dpi stays sharp in Word
and in the PDF; SVG is offered for screens.
"""

from __future__ import annotations

import io
import textwrap
from typing import Any

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, Rectangle
from matplotlib.ticker import FuncFormatter

from kotacerdas.core.formatting import decimal

PALETTE = ["#1d5e8c", "#2f8f5b", "#c4742b", "#8a4f9e", "#b23a48", "#4a7f8c", "#7a7a2e", "#555555"]
LATEST = "#6b6b6b"
OVER = "#b23a48"
WIDTH_INCHES = 6.5
WRAP_CHARACTERS = 92  # 7 pt Liberation/DejaVu Sans across the 6.5 inch plot
BAR = 0.55  # bar thickness, in text lines
BUDGET_INCHES = 2.1
ROWS_PER_PAGE = 22  # initiatives per printed figure: with the budget panel it still fits an A4 page


def _layout(chart: dict[str, Any]) -> tuple[list[dict[str, Any]], float]:
    """Rows from the top with their y positions (in text lines): lane headers, labels and bars."""
    items: list[dict[str, Any]] = []
    y = 0.0
    for number, lane in enumerate(chart["lanes"]):
        top = y
        colour = PALETTE[lane.get("index", number) % len(PALETTE)]
        y += 1.3
        for row in lane["rows"]:
            label = f"{row['label']} ({row['note']})" if row["note"] else row["label"]
            lines = textwrap.wrap(label, WRAP_CHARACTERS) or [""]
            bars = 2 if chart["compare"] else 1
            items.append(
                {"row": row, "colour": colour, "lines": lines, "label_y": y, "bar_y": y + len(lines) + 0.15}
            )
            y += len(lines) + BAR * bars + 0.55
        items.append({"lane": lane, "top": top, "bottom": y})
    return items, y


def _draw_lanes(axes: Any, chart: dict[str, Any], items: list[dict[str, Any]], height: float) -> None:
    first, last = chart["years"][0], chart["years"][-1] + 1
    for item in (i for i in items if "lane" in i):
        axes.add_patch(
            Rectangle((first, item["top"]), last - first, item["bottom"] - item["top"], color="#f3f5f7")
        )
        axes.text(
            first + 0.02, item["top"] + 0.35, item["lane"]["label"], fontsize=8, weight="bold", va="top"
        )
    ends: dict[str, tuple[float, float, float]] = {}
    for item in (i for i in items if "row" in i):
        row = item["row"]
        colour = item["colour"]
        axes.text(
            first + 0.02, item["label_y"], "\n".join(item["lines"]), fontsize=7, va="top", linespacing=1.0
        )
        y = item["bar_y"]
        for bar, style in ((row["plan"], "plan"), (row["latest"], "latest")):
            if bar:
                width = bar["end"] - bar["start"] + 1
                if style == "plan":
                    axes.add_patch(Rectangle((bar["start"], y), width, BAR, color=colour))
                    ends[row["code"]] = (bar["start"], bar["end"] + 1, y + BAR / 2)
                else:
                    axes.add_patch(
                        Rectangle(
                            (bar["start"], y),
                            width,
                            BAR * 0.7,
                            facecolor="white",
                            edgecolor=LATEST,
                            hatch="////",
                        )
                    )
                    ends.setdefault(row["code"], (bar["start"], bar["end"] + 1, y + BAR * 0.35))
            y += BAR
    for arrow in chart["arrows"]:
        _, before_end, before_y = ends[arrow["from"]]
        after_start, _, after_y = ends[arrow["to"]]
        axes.annotate(
            "",
            xy=(after_start, after_y),
            xytext=(before_end, before_y),
            arrowprops={
                "arrowstyle": "-|>",
                "color": "#333333",
                "lw": 0.8,
                "connectionstyle": "arc3,rad=-0.2",
            },
        )
    axes.set_xlim(first, last)
    axes.set_ylim(height, 0)
    axes.set_yticks([])
    axes.set_xticks([y + 0.5 for y in chart["years"]], [str(y) for y in chart["years"]], fontsize=7)
    axes.set_xticks(range(first, last + 1), minor=True)
    axes.tick_params(axis="x", which="both", length=0)
    axes.grid(axis="x", which="minor", color="#cccccc")
    axes.xaxis.tick_top()
    axes.set_title(chart["text"]["title"], fontsize=10, loc="left", pad=16)


def _draw_budget(axes: Any, chart: dict[str, Any]) -> list[Any]:
    text = chart["text"]
    rows = chart["budget"]
    x = [row["year"] + 0.5 for row in rows]
    offset = 0.18 if chart["compare"] else 0.0
    axes.bar(
        [v - offset for v in x],
        [row["total"] / 1e9 for row in rows],
        width=0.34 if chart["compare"] else 0.6,
        color=[OVER if row["over"] else PALETTE[0] for row in rows],
    )
    handles: list[Any] = [Patch(color=PALETTE[0], label=text["plan"])]
    if any(row["over"] for row in rows):
        handles.append(Patch(color=OVER, label=text["over_ceiling"]))
    if chart["compare"]:
        axes.bar(
            [v + offset for v in x],
            [row["latest"] / 1e9 for row in rows],
            width=0.34,
            facecolor="white",
            edgecolor=LATEST,
            hatch="////",
        )
        handles.append(Patch(facecolor="white", edgecolor=LATEST, hatch="////", label=text["latest"]))
    for row in rows:
        if row["ceiling"] is not None:
            axes.hlines(row["ceiling"] / 1e9, row["year"] + 0.05, row["year"] + 0.95, color="black", lw=1.6)
    if any(row["ceiling"] is not None for row in rows):
        handles.append(Line2D([], [], color="black", lw=1.6, label=text["ceiling"]))
    axes.set_xlim(chart["years"][0], chart["years"][-1] + 1)
    axes.set_xticks(x, [str(row["year"]) for row in rows], fontsize=7)
    axes.set_ylabel(text["unit"], fontsize=7)
    axes.yaxis.set_major_formatter(FuncFormatter(lambda v, _pos: decimal(v, 1)))
    axes.tick_params(labelsize=7)
    axes.grid(axis="y", color="#dddddd")
    axes.set_axisbelow(True)
    axes.set_title(text["budget"], fontsize=9, loc="left")
    return handles


def roadmap_figure(chart: dict[str, Any]) -> Figure:
    """The whole chart: lanes above, budget beneath (when the page has it), legend under the frame."""
    items, height = _layout(chart)
    lanes_inches = max(1.5, 0.135 * height)
    if not chart.get("budget"):
        figure = Figure(figsize=(WIDTH_INCHES, lanes_inches + 0.5), layout="constrained")
        _draw_lanes(figure.subplots(), chart, items, height)
        return figure
    figure = Figure(figsize=(WIDTH_INCHES, lanes_inches + BUDGET_INCHES + 0.9), layout="constrained")
    top, bottom = figure.subplots(2, 1, height_ratios=[lanes_inches, BUDGET_INCHES])
    _draw_lanes(top, chart, items, height)
    handles = _draw_budget(bottom, chart)
    if chart["compare"]:
        handles.insert(
            1, Patch(facecolor="white", edgecolor=LATEST, hatch="////", label=chart["text"]["latest"])
        )
        handles = list({h.get_label(): h for h in handles}.values())
    figure.legend(
        handles=handles, loc="outside lower center", ncol=min(4, len(handles)), fontsize=7, frameon=False
    )
    return figure


def pages(chart: dict[str, Any], rows_per_page: int = ROWS_PER_PAGE) -> list[dict[str, Any]]:
    """The chart cut into printable pages of at most ``rows_per_page`` initiatives; the budget panel
    goes on the last page. A lane that continues keeps its colour; arrows stay where both ends are."""
    cut: list[list[dict[str, Any]]] = [[]]
    room = rows_per_page
    for index, lane in enumerate(chart["lanes"]):
        rows = list(lane["rows"])
        while rows:
            if room == 0:
                cut.append([])
                room = rows_per_page
            taken, rows = rows[:room], rows[room:]
            cut[-1].append(lane | {"rows": taken, "index": index})
            room -= len(taken)
    result = []
    for number, lanes in enumerate(cut):
        codes = {row["code"] for lane in lanes for row in lane["rows"]}
        arrows = [a for a in chart["arrows"] if a["from"] in codes and a["to"] in codes]
        budget = chart["budget"] if number == len(cut) - 1 else None
        result.append(chart | {"lanes": lanes, "arrows": arrows, "budget": budget})
    return result


def roadmap_png(chart: dict[str, Any], dpi: int = 220) -> bytes:
    buffer = io.BytesIO()
    roadmap_figure(chart).savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def roadmap_pngs(chart: dict[str, Any], dpi: int = 220) -> list[bytes]:
    """One sharp PNG per printable page (see :func:`pages`)."""
    return [roadmap_png(page, dpi) for page in pages(chart)]


def roadmap_svg(chart: dict[str, Any]) -> bytes:
    buffer = io.BytesIO()
    roadmap_figure(chart).savefig(buffer, format="svg")
    return buffer.getvalue()

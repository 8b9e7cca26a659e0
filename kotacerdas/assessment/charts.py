"""A radar chart as server-rendered SVG (no JavaScript, no chart library)."""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 500
CENTRE = SIZE / 2
RADIUS = 140
LABEL_CHARACTERS = 18  # a label wraps onto lines of at most this many characters
CHARACTER_WIDTH = 8.0  # generous average width of a character of the 14 px label font, in viewBox units
LINE_HEIGHT = 16


@dataclass(frozen=True)
class Series:
    name: str
    values: Sequence[float | None]  # one per axis, on 0..maximum; None: not assessed
    css_class: str


def _point(index: int, count: int, fraction: float) -> tuple[float, float]:
    angle = -math.pi / 2 + 2 * math.pi * index / count
    return CENTRE + RADIUS * fraction * math.cos(angle), CENTRE + RADIUS * fraction * math.sin(angle)


def _fraction(value: float | None, minimum: float, maximum: float) -> float:
    if value is None or maximum <= minimum:
        return 0.0
    return max(0.0, min(1.0, (value - minimum) / (maximum - minimum)))


def _label_lines(text: str) -> list[str]:
    return textwrap.wrap(text, LABEL_CHARACTERS, break_long_words=False) or [""]


def _label(index: int, count: int, text: str) -> tuple[str, float, float]:
    """The label's <text> element (wrapped lines) and its leftmost and rightmost x, to size the viewBox."""
    lx, ly = _point(index, count, 1.12)
    anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
    lines = _label_lines(text)
    width = max(len(line) for line in lines) * CHARACTER_WIDTH
    left = {"start": lx, "end": lx - width, "middle": lx - width / 2}[anchor]
    # a label above the chart grows upwards, one below it downwards, one at the side around its point
    extra = (len(lines) - 1) * LINE_HEIGHT
    first = ly - extra if ly < CENTRE - 10 else ly if ly > CENTRE + 10 else ly - extra / 2
    spans = "".join(
        f'<tspan x="{lx:.1f}" y="{first + n * LINE_HEIGHT:.1f}">{escape(line)}</tspan>'
        for n, line in enumerate(lines)
    )
    element = f'<text class="radar-label" text-anchor="{anchor}">{spans}</text>'
    return element, left, left + width


def radar_svg(
    labels: Sequence[str], series: Sequence[Series], *, minimum: float, maximum: float, title: str
) -> SafeString:
    count = len(labels)
    if count < 3:
        return mark_safe("")
    labelled = [_label(index, count, text) for index, text in enumerate(labels)]
    # the viewBox grows to hold the longest label on either side, so no label is clipped
    left = min(0.0, *(lo - 4 for _e, lo, _hi in labelled))
    right = max(float(SIZE), *(hi + 4 for _e, _lo, hi in labelled))
    lines = max(len(_label_lines(text)) for text in labels)
    top, height = -LINE_HEIGHT * (lines - 1), SIZE + 2 * LINE_HEIGHT * (lines - 1)
    box = f"{left:.0f} {top:.0f} {right - left:.0f} {height:.0f}"
    parts = [
        f'<svg class="radar" role="img" viewBox="{box}" width="{right - left:.0f}" height="{height:.0f}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring) for i in range(count)))
        parts.append(f'<polygon class="radar-grid" points="{points}"/>')
    for index, (element, _left, _right) in enumerate(labelled):
        x, y = _point(index, count, 1.0)
        parts.append(f'<line class="radar-axis" x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}"/>')
        parts.append(element)
    for item in series:
        if all(value is None for value in item.values):
            continue
        points = " ".join(
            f"{x:.1f},{y:.1f}"
            for x, y in (_point(i, count, _fraction(v, minimum, maximum)) for i, v in enumerate(item.values))
        )
        parts.append(
            f'<polygon class="radar-series {escape(item.css_class)}" points="{points}">'
            f"<title>{escape(item.name)}</title></polygon>"
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # every text part above is escaped

"""A radar chart as server-rendered SVG (no JavaScript, no chart library)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

SIZE = 500
CENTRE = SIZE / 2
RADIUS = 140


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


def radar_svg(
    labels: Sequence[str], series: Sequence[Series], *, minimum: float, maximum: float, title: str
) -> SafeString:
    count = len(labels)
    if count < 3:
        return mark_safe("")
    parts = [
        f'<svg class="radar" role="img" viewBox="0 0 {SIZE} {SIZE}" width="{SIZE}" height="{SIZE}" '
        f'xmlns="http://www.w3.org/2000/svg"><title>{escape(title)}</title>'
    ]
    for ring in (0.25, 0.5, 0.75, 1.0):
        points = " ".join(f"{x:.1f},{y:.1f}" for x, y in (_point(i, count, ring) for i in range(count)))
        parts.append(f'<polygon class="radar-grid" points="{points}"/>')
    for index, text in enumerate(labels):
        x, y = _point(index, count, 1.0)
        parts.append(f'<line class="radar-axis" x1="{CENTRE}" y1="{CENTRE}" x2="{x:.1f}" y2="{y:.1f}"/>')
        lx, ly = _point(index, count, 1.12)
        anchor = "middle" if abs(lx - CENTRE) < 10 else ("start" if lx > CENTRE else "end")
        position = f'x="{lx:.1f}" y="{ly:.1f}" text-anchor="{anchor}"'
        parts.append(f'<text class="radar-label" {position}>{escape(text)}</text>')
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

"""Small inline SVG line charts (target against actual per year): no request-time image rendering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 240, 80, 8


def _points(years: Sequence[int], values: Mapping[int, Decimal], low: float, span: float) -> str:
    # floats: a chart needs one decimal of a pixel, and Decimal division cost most of the chart
    step = (WIDTH - 2 * PAD) / max(len(years) - 1, 1)
    scale = (HEIGHT - 2 * PAD) / span
    points = []
    for index, year in enumerate(years):
        if year in values:
            y = HEIGHT - PAD - (float(values[year]) - low) * scale
            points.append(f"{PAD + index * step:.1f},{y:.1f}")
    return " ".join(points)


def kpi_chart(
    years: Sequence[int], targets: Mapping[int, Decimal], actuals: Mapping[int, Decimal], label: str
) -> SafeString:
    """Target (dashed) and approved actual (solid) of one KPI over the masterplan's years."""
    values = [*targets.values(), *actuals.values()]
    if not years or not values:
        return SafeString("")
    low, high = float(min(values)), float(max(values))
    span = high - low or 1.0
    # every interpolated value is a number we computed, except the label, which is escaped
    dashed = _points(years, targets, low, span)
    solid = _points(years, actuals, low, span)
    return mark_safe(
        f'<svg class="kpi-chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}"><polyline fill="none" stroke="#888" stroke-width="2" stroke-dasharray="4 3" '
        f'points="{dashed}"/><polyline fill="none" stroke="#1f5f8b" stroke-width="2" points="{solid}"/></svg>'
    )

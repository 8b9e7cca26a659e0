"""Small inline SVG line charts (target against actual per year): no request-time image rendering."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

WIDTH, HEIGHT, PAD = 240, 80, 8


def _points(
    years: Sequence[int], values: Mapping[int, Decimal], low: float, span: float
) -> list[tuple[float, float]]:
    # floats: a chart needs one decimal of a pixel, and Decimal division cost most of the chart
    step = (WIDTH - 2 * PAD) / max(len(years) - 1, 1)
    scale = (HEIGHT - 2 * PAD) / span
    return [
        (PAD + index * step, HEIGHT - PAD - (float(values[year]) - low) * scale)
        for index, year in enumerate(years)
        if year in values
    ]


def _line(points: list[tuple[float, float]], style: str) -> str:
    joined = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
    return f'<polyline fill="none" {style} points="{joined}"/>'


def _dots(points: list[tuple[float, float]], style: str) -> str:
    """A mark on every value: a line through one point draws nothing (the first approved year)."""
    return "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" {style}/>' for x, y in points)


def kpi_chart(
    years: Sequence[int], targets: Mapping[int, Decimal], actuals: Mapping[int, Decimal], label: str
) -> SafeString:
    """Target (dashed, open marks) and approved actual (solid, filled marks) of one KPI over the
    masterplan's years."""
    values = [*targets.values(), *actuals.values()]
    if not years or not values:
        return SafeString("")
    low, high = float(min(values)), float(max(values))
    span = high - low or 1.0
    dashed, solid = _points(years, targets, low, span), _points(years, actuals, low, span)
    target, actual = 'stroke="#888" stroke-width="2"', 'stroke="#1f5f8b" stroke-width="2"'
    lines = _line(dashed, f'{target} stroke-dasharray="4 3"') + _line(solid, actual)
    dots = _dots(dashed, f'{target} fill="#fff"') + _dots(solid, f'{actual} fill="#1f5f8b"')
    # every interpolated value is a number we computed, except the label, which is escaped
    return mark_safe(
        f'<svg class="kpi-chart" role="img" aria-label="{escape(label)}" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}">{lines}{dots}</svg>'
    )

"""The monitoring page's two long tables as HTML rows built in one pass (no template node per cell).

A region with 150 KPIs over 5 years and 60 initiatives has ~3,000 cells; through template nodes
and filters they were most of the page's time (bench/monitoring). Text from people (names, units,
titles, labels) is escaped here; numbers come from kotacerdas.core.formatting, each distinct value
formatted once per page.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from kotacerdas.core import formatting
from kotacerdas.monitoring.charts import kpi_chart
from kotacerdas.monitoring.overview import Dimension, KpiLine


class Numbers:
    """Formats each distinct number once (targets and actuals repeat across a table)."""

    def __init__(self) -> None:
        self.plain: dict[Decimal, str] = {}
        self.percent: dict[Decimal, str] = {}

    def number(self, value: Decimal) -> str:
        text = self.plain.get(value)
        if text is None:
            text = self.plain[value] = formatting.measured(value)
        return text

    def share(self, value: Decimal) -> str:
        text = self.percent.get(value)
        if text is None:
            text = self.percent[value] = formatting.percent(value)
        return text


def kpi_rows(lines: Sequence[KpiLine], years: Sequence[int]) -> SafeString:
    """One <tr> per KPI: name, unit, target / approved actual (achievement) per year, chart."""
    numbers = Numbers()
    rows = []
    for line in lines:
        pk = line.kpi.pk
        cells = []
        for year in years:
            target = line.targets.get(year)
            if target is None:
                cells.append('<td class="num"></td>')
                continue
            actual = line.actuals.get(year)
            shown = "—" if actual is None else numbers.number(actual)
            reached = line.achievement(year)
            share = "" if reached is None else f" ({numbers.share(reached.capped)})"
            cells.append(
                f'<td class="num">{numbers.number(target)} / '
                f'<strong data-testid="actual-{pk}-{year}">{shown}</strong>{share}</td>'
            )
        chart = kpi_chart(years, line.targets, line.actuals, line.kpi.name)
        rows.append(
            f"<tr><td>{escape(line.kpi.name)}</td><td>{escape(line.kpi.unit)}</td>{''.join(cells)}"
            f"<td>{chart}</td></tr>"
        )
    return mark_safe("\n".join(rows))  # every interpolated text above is escaped


def initiative_rows(dimensions: Sequence[Dimension]) -> SafeString:
    """One <tr> per initiative: code, name, OPD, status, progress, Quick Win milestones."""
    rows = []
    for dimension in dimensions:
        for line in dimension.initiatives:
            item, owner = line.initiative, line.initiative.owner
            code = escape(item.code)
            milestones = "<br>".join(
                f"{'✔' if done else '○'} {escape(milestone.title)}" for milestone, done in line.milestones
            )
            status = line.status_label or "—"
            opd = (owner.short_name or owner.name) if owner is not None else ""
            rows.append(
                f'<tr><td class="code">{code}</td><td>{escape(item.name)}</td>'
                f"<td>{escape(opd)}</td><td>{escape(status)}</td>"
                f'<td class="num" data-testid="progress-{code}">{formatting.percent(line.progress)}</td>'
                f"<td>{milestones or '—'}</td></tr>"
            )
    return mark_safe("\n".join(rows))  # every interpolated text above is escaped

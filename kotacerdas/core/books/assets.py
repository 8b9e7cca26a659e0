"""Inputs shared by all books of one generation: template, logo and the charts (drawn once)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kotacerdas.core.books import charts
from kotacerdas.core.books.data import BookData


@dataclass
class Assets:
    """Inputs shared by all books of one generation (charts are drawn once)."""

    # the region's Word template, read once when generation starts: a template replaced meanwhile
    # (its file is deleted at that save's commit) does not change the books half-way
    template: bytes | None = None
    logo: bytes | None = None
    gantt: list[bytes] = field(default_factory=list)  # the combined roadmap chart, one PNG a page
    budget_chart: bytes | None = None
    charts_drawn: bool = False
    # the plan of record's chart dict (kotacerdas.core.roadmap_chart.chart_data), as the roadmap page has it
    roadmap_chart: dict[str, Any] | None = None

    def draw(self, data: BookData) -> None:
        if not self.charts_drawn:
            self.gantt = charts.roadmap_gantt(data, self.roadmap_chart)
            self.budget_chart = charts.budget_per_year(data)
            self.charts_drawn = True

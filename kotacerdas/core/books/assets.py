"""Inputs shared by all books of one generation: template, logo and the charts (drawn once)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from kotacerdas.core.books import charts
from kotacerdas.core.books.data import BookData


@dataclass
class Assets:
    """Inputs shared by all books of one generation (charts are drawn once)."""

    template: Path | None = None
    logo: bytes | None = None
    gantt: bytes | None = None
    budget_chart: bytes | None = None
    charts_drawn: bool = False

    def draw(self, data: BookData) -> None:
        if not self.charts_drawn:
            self.gantt = charts.roadmap_gantt(data)
            self.budget_chart = charts.budget_per_year(data)
            self.charts_drawn = True

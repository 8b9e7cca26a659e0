"""The default deliverables checklist (data/deliverables.yaml), read as plain values."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import yaml
from django.utils.translation import gettext_noop

DATA_FILE = Path(__file__).resolve().parent / "data" / "deliverables.yaml"
DUE = re.compile(r"^stage_end(?:\+(\d+))?$")

# The shipped titles and descriptions, marked for the translation catalogue.
TRANSLATABLE = [
    gettext_noop("Readiness and gap analysis"),
    gettext_noop("Struktur, infrastruktur and suprastruktur readiness with the gaps found."),
    gettext_noop("SWOT per element"),
    gettext_noop(
        "Strengths, weaknesses, opportunities and threats for struktur, infrastruktur and suprastruktur."
    ),
    gettext_noop("Vision keywords"),
    gettext_noop("Keywords for the smart city vision and a first long list of ideas per dimension."),
    gettext_noop("RPJMD and Renstra mapping"),
    gettext_noop("Existing RPJMD and OPD Renstra programmes mapped to the smart city goals."),
    gettext_noop("Initiatives per dimension"),
    gettext_noop("Initiatives per dimension and element with KPIs, yearly targets and budget ceilings."),
    gettext_noop("Quick Win candidates with risks"),
    gettext_noop("Quick Win profiles with risk identification, analysis, handling and mitigation."),
    gettext_noop("Roadmap"),
    gettext_noop("Short, medium and long term roadmap; what is implemented in years 1 and 2."),
    gettext_noop("Books reviewed"),
    gettext_noop(
        "Analisis Strategis, Masterplan, Ringkasan Eksekutif and Quick Win books reviewed chapter by chapter."
    ),
    gettext_noop("Commitment sheet signed"),
    gettext_noop("Lembar komitmen signed by the regional head and the OPD heads."),
]


@dataclass(frozen=True)
class DefaultItem:
    stage: int
    code: str
    title: str
    description: str
    due_days_after_stage_end: int
    order: int

    def due_on(self, stage_end: date) -> date:
        return stage_end + timedelta(days=self.due_days_after_stage_end)


@cache
def default_items(path: Path = DATA_FILE) -> tuple[DefaultItem, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    items = []
    for stage, rows in sorted(data["stages"].items()):
        for order, row in enumerate(rows, start=1):
            match = DUE.match(str(row.get("due", "stage_end")))
            if match is None:
                raise ValueError(f"{path.name}: unknown due rule {row.get('due')!r} for {row['code']}")
            items.append(
                DefaultItem(
                    stage=int(stage),
                    code=row["code"],
                    title=row["title"],
                    description=row.get("description", ""),
                    due_days_after_stage_end=int(match.group(1) or 0),
                    order=order,
                )
            )
    return tuple(items)

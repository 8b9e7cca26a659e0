"""What the public may see of a KPI: the actual its region PUBLISHED, never the live monitoring record.

The idea page shows what became of an idea, down to the KPIs of the initiatives that address it. Live
approved values are the region's working data; a visitor sees only what the coordinator published on
the region's public portal (a frozen snapshot), and nothing once the portal is withdrawn ("Tarik dari
publik"). The portal sits above participation in the app layers, so it hands its reader over in its
AppConfig.ready()::

    published.register(public_kpis)

The reader takes a region code and returns the KPI rows of the region's current public snapshot as
the public region page shows them (``{"initiative", "name", "unit", "actuals": {"2026": "22.5"}}``),
or None when the region is not public or did not publish its KPIs. Without a reader nothing shows.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

KpiRows = list[dict[str, Any]]
Reader = Callable[[str], KpiRows | None]

_readers: list[Reader] = []


@dataclass(frozen=True)
class PublishedActual:
    value: Decimal
    year: int
    unit: str


def register(reader: Reader) -> None:
    """Install the one reader (the portal's); registering again replaces it (tests, reloads)."""
    _readers[:] = [reader]


def published_actuals(region_code: str) -> dict[tuple[str, str], PublishedActual]:
    """The latest published actual of each KPI of the region, by (initiative code, KPI name)."""
    rows = _readers[0](region_code) if _readers else None
    found: dict[tuple[str, str], PublishedActual] = {}
    for row in rows or []:
        latest = _latest(row.get("actuals") or {})
        if latest is not None:
            found[(row["initiative"], row["name"])] = PublishedActual(latest[1], latest[0], row["unit"])
    return found


def _latest(actuals: dict[str, str | None]) -> tuple[int, Decimal] | None:
    values = []
    for year, text in actuals.items():
        if text is None:  # no approved value that year
            continue
        try:
            values.append((int(year), Decimal(text)))
        except (ValueError, InvalidOperation):
            continue
    return max(values, default=None)

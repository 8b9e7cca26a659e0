"""The combined roadmap chart as plain data: dimension lanes, dependencies and the budget per year.

One builder feeds both drawings, so the browser and the books cannot disagree:

* the roadmap page passes :func:`chart_data`'s dict to ``static/kotacerdas/roadmap-chart.js``
  (through ``json_script``; Plotly draws it interactively);
* the books draw the same dict with matplotlib (:mod:`kotacerdas.core.roadmap_figure`).

The builder takes the plan of record (the adopted schedule) and, optionally, the latest roadmap run's
schedule in the same shape, so a reader sees where the newest run would move or drop an initiative.
Until a plan is adopted the latest run is drawn alone (``adopted=False``). Names are never shortened
here: the drawings wrap them to the width they have. Money is whole rupiah; texts arrive already in
the reader's language (the core has no translations), formatted by :mod:`kotacerdas.core.formatting`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from typing import Any

from kotacerdas.core.formatting import rupiah
from kotacerdas.core.plan import PlannedInitiative, PlanOfRecord


@dataclass(frozen=True)
class ChartText:
    """The words the chart prints (Indonesian by default: the books are Indonesian documents)."""

    title: str = "Peta jalan"
    adopted: str = "Rencana yang ditetapkan"
    latest: str = "Hasil optimasi terakhir"
    latest_only: str = "Hasil optimasi terakhir (belum ditetapkan)"
    budget: str = "Anggaran per tahun"
    ceiling: str = "Pagu"
    over_ceiling: str = "melebihi pagu"
    not_in_plan: str = "tidak ada dalam rencana"
    not_in_latest: str = "tidak dijadwalkan oleh optimasi terakhir"
    no_ceiling: str = "tanpa pagu"
    unit: str = "miliar rupiah"


def _wanted_order(dimension_order: Sequence[str], plans: Sequence[PlanOfRecord]) -> list[str]:
    """Dimensions in the framework's order, then any others in the order they first appear."""
    seen = [i.dimension for plan in plans for i in plan.initiatives]
    order = [d for d in dimension_order if d in seen]
    return order + [d for d in dict.fromkeys(seen) if d not in order]


def _bar(item: PlannedInitiative | None) -> dict[str, int] | None:
    return {"start": item.start_year, "end": item.end_year} if item else None


def _note(main: PlannedInitiative | None, other: PlannedInitiative | None, text: ChartText | None) -> str:
    """Why a row has only one bar when two schedules are compared (``text`` None: no comparison)."""
    if text is None or (main and other):
        return ""
    return text.not_in_latest if main else text.not_in_plan


def _row(
    main: PlannedInitiative | None, other: PlannedInitiative | None, text: ChartText | None
) -> dict[str, Any]:
    item = main or other
    assert item is not None  # a row exists because one of the two schedules has the initiative
    row: dict[str, Any] = {
        "code": item.code,
        "name": item.name,
        "owner": item.owner,
        "label": f"{item.code} {item.name}".strip(),
        "plan": _bar(main),
        "latest": _bar(other) if text else None,
        "note": _note(main, other, text),
        "cost": rupiah(main.total_cost) if main else "",
        "predecessors": list(item.predecessors),
    }
    row["moved"] = text is not None and row["plan"] != row["latest"]
    return row


def _lanes(
    plan: PlanOfRecord,
    latest: PlanOfRecord | None,
    order: list[str],
    dimension_labels: Mapping[str, str],
    text: ChartText,
) -> list[dict[str, Any]]:
    planned = {i.code: i for i in plan.initiatives}
    newest = {i.code: i for i in latest.initiatives} if latest else {}
    codes = list(planned) + [code for code in newest if code not in planned]
    lanes: dict[str, list[dict[str, Any]]] = {dimension: [] for dimension in order}
    for code in codes:
        item = planned.get(code) or newest[code]
        lanes[item.dimension].append(_row(planned.get(code), newest.get(code), text if latest else None))
    for rows in lanes.values():
        rows.sort(key=lambda r: ((r["plan"] or r["latest"])["start"], r["code"]))
    return [
        {"dimension": d, "label": dimension_labels.get(d, d), "rows": rows}
        for d, rows in lanes.items()
        if rows
    ]


def _arrows(lanes: list[dict[str, Any]]) -> list[dict[str, str]]:
    """Predecessor → successor pairs where both are drawn (an arrow to nothing would mislead)."""
    drawn = {row["code"] for lane in lanes for row in lane["rows"]}
    return [
        {"from": before, "to": row["code"]}
        for lane in lanes
        for row in lane["rows"]
        for before in row["predecessors"]
        if before in drawn
    ]


def _budget(plan: PlanOfRecord, latest: PlanOfRecord | None, text: ChartText) -> list[dict[str, Any]]:
    totals = plan.totals_by_year()
    newest = latest.totals_by_year() if latest else {}
    rows = []
    for year in plan.years:
        ceiling = plan.ceilings.get(year)
        total = totals.get(year, 0)
        rows.append(
            {
                "year": year,
                "total": total,
                "total_text": rupiah(total),
                "ceiling": ceiling,
                "ceiling_text": rupiah(ceiling) if ceiling is not None else text.no_ceiling,
                "over": ceiling is not None and total > ceiling,
                "latest": newest.get(year, 0) if latest else None,
                "latest_text": rupiah(newest.get(year, 0)) if latest else "",
            }
        )
    return rows


def chart_data(
    plan: PlanOfRecord,
    latest: PlanOfRecord | None = None,
    *,
    adopted: bool = True,
    dimension_order: Sequence[str] = (),
    dimension_labels: Mapping[str, str] | None = None,
    text: ChartText | None = None,
) -> dict[str, Any]:
    """The chart as a JSON-ready dict.

    ``plan`` is the plan of record (``adopted=True``) or, before any adoption, the latest run's schedule
    (``adopted=False``, ``latest`` then None). ``latest`` is the newest run's schedule to compare with
    the adopted plan; pass None when it is the run the plan was adopted from.
    """
    text = text or ChartText()
    plans = [plan] + ([latest] if latest else [])
    lanes = _lanes(plan, latest, _wanted_order(dimension_order, plans), dimension_labels or {}, text)
    return {
        "adopted": adopted,
        "compare": latest is not None,
        "years": list(plan.years),
        "lanes": lanes,
        "arrows": _arrows(lanes),
        "budget": _budget(plan, latest, text),
        "text": asdict(text) | {"plan": text.adopted if adopted else text.latest_only},
    }

"""What a published snapshot holds: the parts Budi chose, read from the live records once, as JSON.

Approved values only: progress, KPI actuals, milestones and budget realisation come from
``monitoring_of`` (approved monitoring reports; drafts and submitted reports never count), the pagu from
the plan of record. No staff names (who reported, who adopted) and no evidence files: monitoring
evidence has no "public" mark, so none is published; an event's materials and photos are published
only when marked public. The content hash is SHA-256 of the canonical JSON.
"""

from __future__ import annotations

import hashlib
import json
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.translation import gettext_lazy as _

from kotacerdas.monitoring.overview import Monitoring, monitoring_of
from kotacerdas.portal.models import Event
from kotacerdas.portal.sources import masterplan_of, published_books
from kotacerdas.regions.models import Region

VISION, BOOKS, INITIATIVES, KPIS, MILESTONES, BUDGET, EVALUATION, EVENTS = (
    "vision",
    "books",
    "initiatives",
    "kpis",
    "milestones",
    "budget",
    "evaluation",
    "events",
)
PARTS = [
    (VISION, _("Vision and missions")),
    (BOOKS, _("Published books")),
    (INITIATIVES, _("Initiatives per dimension, with status and progress")),
    (KPIS, _("KPIs: target against approved actual")),
    (MILESTONES, _("Quick Win milestones")),
    (BUDGET, _("Budget plan against realisation")),
    (EVALUATION, _("Published evaluation results")),
    (EVENTS, _("Socialisation events")),
]
PART_KEYS = [key for key, _label in PARTS]
# The parts' names in a list of snapshots (the form's labels above are sentences).
PART_NAMES = {
    VISION: _("Vision"),
    BOOKS: _("Books"),
    INITIATIVES: _("Initiatives"),
    KPIS: _("KPIs"),
    MILESTONES: _("Milestones"),
    BUDGET: _("Budget"),
    EVALUATION: _("Evaluation"),
    EVENTS: _("Events"),
}


def part_names(parts: list[str]) -> str:
    """``["vision", "kpis"]`` → "Visi, IKU" in the reader's language (a key no longer offered as is)."""
    return ", ".join(str(PART_NAMES.get(part, part)) for part in parts)


SCHEMA = 1
# A progress percentage (overall, per dimension, per initiative) in a snapshot, the open data and the
# API: rounded half up to one decimal, as the pages show it (29.83193… % → 29.8, shown "29,8 %").
PROGRESS_PLACES = 1


def text(value: Decimal | None) -> str | None:
    """An exact decimal as plain text without trailing zeros ("12.5"), or None."""
    if value is None:
        return None
    normal = value.normalize()
    return f"{normal:f}" if normal != normal.to_integral() else str(int(normal))


def progress(value: Decimal | str | None) -> str | None:
    """A progress percentage to PROGRESS_PLACES, as plain text ("29.8", "50"), or None.

    Also applied when reading snapshots frozen before the rounding (they hold 29.83193277310924369…)."""
    if value is None or value == "":
        return None
    return text(Decimal(value).quantize(Decimal(1).scaleb(-PROGRESS_PLACES), rounding=ROUND_HALF_UP))


def build_content(region: Region, parts: list[str], today: date) -> dict[str, Any]:
    """The snapshot's content: the region's header and each chosen part."""
    content: dict[str, Any] = {"schema": SCHEMA, "region": _region(region), "parts": parts}
    needs_monitoring = {INITIATIVES, KPIS, MILESTONES, BUDGET} & set(parts)
    data = monitoring_of(region, today) if needs_monitoring else None
    if VISION in parts:
        content["vision"] = _vision(region)
    if BOOKS in parts:
        content["books"] = published_books(region)
    if data is not None:
        content["years"] = data.years
        content.update(_monitoring_parts(region, data, parts))
    # EVALUATION: nothing frozen; the public reads the national publications (sources.evaluation_results)
    if EVENTS in parts:
        content["events"] = events_of(region)
    return content


def content_hash(content: dict[str, Any]) -> str:
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def shows_anything(content: dict[str, Any], has_evaluation: bool) -> bool:
    """Whether a chosen part has something for the public: a region that starts from nothing would
    publish a page of empty sections (``has_evaluation``: EVALUATION is chosen and the region has a
    published result, read live rather than frozen)."""
    vision = content.get("vision") or {}
    return bool(
        vision.get("vision")
        or vision.get("missions")
        or content.get("books")
        or any(d["initiatives"] for d in content.get("dimensions", []))
        or content.get("kpis")
        or content.get("milestones")
        or content.get("budget")
        or content.get("events")
        or has_evaluation
    )


def summary_of(content: dict[str, Any]) -> dict[str, Any]:
    """The few figures the national page shows per region (so it never loads the whole content)."""
    return {
        "overall": content.get("overall"),
        "initiatives": sum(len(d["initiatives"]) for d in content.get("dimensions", [])),
        "kpis": len(content.get("kpis", [])),
        "events": len(content.get("events", [])),
        "parts": content.get("parts", []),
    }


def _region(region: Region) -> dict[str, Any]:
    return {
        "code": region.code,
        "name": region.name,
        "kind": region.kind,
        "province": region.province.name if region.province else "",
        "size_class": region.size_class,
        "population": region.population,
    }


def _vision(region: Region) -> dict[str, Any]:
    masterplan = masterplan_of(region)
    if masterplan is None:
        return {"vision": "", "missions": [], "period": None}
    missions = [line.strip() for line in masterplan.missions.splitlines() if line.strip()]
    return {
        "vision": masterplan.vision,
        "missions": missions,
        "period": [masterplan.period_start, masterplan.period_end],
    }


def _monitoring_parts(region: Region, data: Monitoring, parts: list[str]) -> dict[str, Any]:
    found: dict[str, Any] = {}
    if INITIATIVES in parts:
        found["overall"] = progress(data.overall)
        found["dimensions"] = _dimensions(data)
    if KPIS in parts:
        found["kpis"] = [
            {
                "initiative": line.kpi.initiative.code,
                "name": line.kpi.name,
                "unit": line.kpi.unit,
                "baseline": text(line.kpi.baseline),
                "targets": {str(y): text(v) for y, v in sorted(line.targets.items())},
                "actuals": {str(y): text(v) for y, v in sorted(line.actuals.items())},
            }
            for line in data.kpis
        ]
    if MILESTONES in parts:
        found["milestones"] = [
            {
                "initiative": line.initiative.code,
                "quick_win": line.initiative.name,
                "title": milestone.title,
                "year": milestone.year,
                "done": done,
            }
            for dimension in data.dimensions
            for line in dimension.initiatives
            for milestone, done in line.milestones
        ]
        # per year with a period: the Quick Win milestones of the revision the year belongs to, planned up
        # to the year, and those done (``monitoring.access.quick_win_progress``, the evaluation's count)
        found["quick_win_progress"] = [
            {"year": q.year, "done": q.done, "planned": q.planned} for q in data.quick_wins
        ]
    if BUDGET in parts:
        found["budget"] = [
            {
                "year": row["year"],
                "source": row["source"],
                "pagu": text(row["pagu"]),
                "realised": text(row["realised"]),
            }
            for row in data.budget
        ]
    return found


def _dimensions(data: Monitoring) -> list[dict[str, Any]]:
    return [
        {
            "name": dimension.name,
            "label": dimension.label,
            "progress": progress(dimension.progress),
            "initiatives": [
                {
                    "code": line.initiative.code,
                    "name": line.initiative.name,
                    "element": line.initiative.element,
                    "owner": line.initiative.owner.name,
                    "status": line.status,
                    "status_label": line.status_label,
                    "category": line.category,
                    "progress": progress(line.progress),
                }
                for line in dimension.initiatives
            ],
        }
        for dimension in data.dimensions
    ]


AUDIENCE = ["government", "business", "academia", "community", "media"]


def events_of(region: Region) -> list[dict[str, Any]]:
    """The region's events with their public files only (who added them is not published)."""
    events = Event.objects.filter(region=region).prefetch_related("files")
    return [
        {
            "id": event.pk,
            "title": event.title,
            "held_on": event.held_on.isoformat(),
            "place": event.place,
            "audience": {group: getattr(event, f"from_{group}") for group in AUDIENCE},
            "head_count": event.head_count,
            "summary": event.summary,
            "materials": _files(event, "material"),
            "photos": _files(event, "photo"),
        }
        for event in events
    ]


def _files(event: Event, kind: str) -> list[dict[str, Any]]:
    return [
        {"id": f.pk, "label": f.label, "format": f.format}
        for f in event.files.all()
        if f.kind == kind and f.is_public
    ]

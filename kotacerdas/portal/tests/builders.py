"""Salatiga's plan with approved and unapproved monitoring, built through the actions (portal tests)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.accounts.models import User
from kotacerdas.core import monitoring as core
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)
from kotacerdas.monitoring.tests.journey import build_plan
from kotacerdas.planning.roadmap.actions import do_confirm_schedule
from kotacerdas.portal.actions import do_add_event_file, do_save_event
from kotacerdas.portal.models import Event
from kotacerdas.regions.models import Opd, Region

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 32
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@dataclass
class Plan:
    items: tuple[Any, ...]  # telemed, portal, visits, coverage, poverty, milestone
    period: Any


def approved_plan(budi: User, sari: User, region: Region, dinkes: Opd) -> Plan:
    """The monitoring plan, adopted; 2027 open; poverty 11.25 (approved) and the portal at 40 % (approved)."""
    items = build_plan(budi, region, dinkes)
    _telemed, portal, _visits, _coverage, poverty, _milestone = items
    do_confirm_schedule(budi, region)
    period = do_open_period(budi, region, year=2027, closes_on=date(2028, 1, 31))
    kpi = do_save_kpi_report(budi, period, poverty, value="11.25", submit=True)
    do_review_report(budi, kpi, decision=core.APPROVED)
    progress = do_save_initiative_report(
        budi,
        period,
        portal,
        implementation="running",
        progress="40",
        realised={"APBD": "50000000"},
        submit=True,
    )
    do_review_report(budi, progress, decision=core.APPROVED)
    return Plan(items, period)


def event(actor: User, region: Region, title: str = "Sosialisasi masterplan", **extra: Any) -> Event:
    fields: dict[str, Any] = {
        "title": title,
        "held_on": date(2026, 11, 12),
        "place": "Aula Bappeda",
        "from_government": 30,
        "from_business": 10,
        "from_academia": 8,
        "from_community": 12,
        "from_media": 2,
        "head_count": 65,
        **extra,
    }
    return do_save_event(actor, region, **fields)


def photo(actor: User, item: Event, *, public: bool) -> Any:
    upload = SimpleUploadedFile("foto.png", PNG, content_type="image/png")
    return do_add_event_file(actor, item, upload=upload, kind="photo", label="Foto acara", is_public=public)


def material(actor: User, item: Event, *, public: bool, label: str = "Bahan paparan") -> Any:
    upload = SimpleUploadedFile("paparan.pdf", PDF, content_type="application/pdf")
    return do_add_event_file(actor, item, upload=upload, kind="material", label=label, is_public=public)


def money(value: str) -> Decimal:
    return Decimal(value)


def published_evaluation(ayu: User, region: Region, year: int = 2026) -> Any:
    """A published national evaluation in which ``region`` has a verified result (the world's recipe)."""
    from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish

    cycle = do_open_cycle(
        ayu,
        year=year,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[region],
        self_assessment_until=date(year, 8, 31),
        verification_until=date(year, 10, 31),
        publication_on=date(year, 12, 5),
    )
    do_enter_results(
        ayu, cycle, f"region_code,baseline,output,outcome,impact,quick_win\n{region.code},3,3,3,3,3\n"
    )
    do_publish(ayu, cycle)
    return cycle

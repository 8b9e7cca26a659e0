"""The one adapter from the database to the pure BookData the generator renders.

Every query here is filtered by the region; nothing else in the documents app
reads other contexts' tables. Contexts that are not installed (or hold nothing
yet) leave their part of BookData empty, and the books say it is missing.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps

from kotacerdas.core.books.data import BookData, Member, Opd, RegionProfile
from kotacerdas.documents.models import BookText
from kotacerdas.regions.models import Region

PERIOD_YEARS = 5


def collect_book_data(region: Region, programme_year: int, today: date | None = None) -> BookData:
    data = BookData(
        region=_profile(region),
        programme_year=programme_year,
        period_start=programme_year + 1,
        period_end=programme_year + PERIOD_YEARS,
        opds=[
            Opd(name=o.name, short_name=o.short_name)
            for o in region.opds.filter(is_active=True).order_by("name")
        ],
        texts={t.key: t.text for t in BookText.objects.filter(region=region) if t.text.strip()},
        generated_on=today or date.today(),
    )
    _governance(data, region)
    _planning(data, region)
    return data


def _profile(region: Region) -> RegionProfile:
    kind = str(region.kind)
    return RegionProfile(
        code=region.code,
        name=region.name,
        kind=kind,
        province=region.province.name if region.province else "",
        population=region.population,
        population_year=region.population_year,
        area_km2=float(region.area_km2) if region.area_km2 is not None else None,
        size_class=region.size_class,
        head_title="Bupati" if kind == Region.Kind.KABUPATEN else "Wali Kota",
    )


def _governance(data: BookData, region: Region) -> None:
    """Dewan Smart City and Tim Pelaksana from the programme context, when it is installed."""
    if not apps.is_installed("kotacerdas.programme"):
        return
    institution = apps.get_model("programme", "Institution")
    for body in institution.objects.filter(region=region).prefetch_related("members"):
        members = [
            Member(
                name=m.name,
                position=", ".join(x for x in (m.position, m.agency) if x),
                role=str(m.get_role_display()),
            )
            for m in body.members.all()
        ]
        decree = _decree(body)
        if body.kind == "dewan":
            data.governance.dewan, data.governance.dewan_decree = members, decree
        else:
            data.governance.tim_pelaksana, data.governance.tim_decree = members, decree


def _decree(body: Any) -> str:
    if not body.decree_number:
        return ""
    head = "Keputusan Bupati" if body.region.kind == Region.Kind.KABUPATEN else "Keputusan Wali Kota"
    from kotacerdas.core.formatting import tanggal

    when = f" tanggal {tanggal(body.decree_date)}" if body.decree_date else ""
    return f"{head} Nomor {body.decree_number}{when}"


def _planning(data: BookData, region: Region) -> None:
    """The masterplan record (problems, SWOT, vision, initiatives, KPIs, budgets, quick wins).

    Filled from kotacerdas.planning once it is installed; until then the books
    say these parts are missing.
    """
    if not apps.is_installed("kotacerdas.planning"):
        return

"""The one adapter from the database to the pure BookData the generator renders.

Every query here is filtered by the region; nothing else in the documents app
reads other contexts' tables. Contexts that are not installed (or hold nothing
yet) leave their part of BookData empty, and the books say it is missing.

The other contexts' models are imported inside the functions that read them, after
``apps.is_installed`` said the app is there: importing the models of an app that is not
installed raises RuntimeError, which no ``except ImportError`` would catch. The imports stay
typed and visible to mypy and to the import contracts (no ``apps.get_model`` strings).
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from django.apps import apps

from kotacerdas.core.books.data import (
    BookData,
    Budget,
    Goal,
    Indicator,
    Initiative,
    Kpi,
    Member,
    Opd,
    Problem,
    QuickWin,
    ReadinessItem,
    RegionProfile,
    Risk,
    Swot,
)
from kotacerdas.core.formatting import decimal
from kotacerdas.core.instruments import load_instrument
from kotacerdas.core.instruments.model import Group
from kotacerdas.documents.models import BookText
from kotacerdas.regions.models import Region

if TYPE_CHECKING:
    from kotacerdas.programme.models import Institution

PLANNING_APP = "kotacerdas.planning"
PROGRAMME_APP = "kotacerdas.programme"
ASSESSMENT_APP = "kotacerdas.assessment"

PERIOD_YEARS = 5
FRAMEWORK = "kominfo-sc-2017"
READINESS = {
    "struktur": "Struktur",
    "infrastruktur": "Infrastruktur",
    "suprastruktur": "Suprastruktur",
    "alam": "Alam",
    "budaya": "Budaya",
}


@lru_cache(maxsize=1)
def labels() -> dict[str, str]:
    """Indonesian names of the Kominfo dimensions and elements by code (the books are Indonesian)."""
    names = dict(READINESS)
    for dimension in load_instrument(FRAMEWORK).children:
        if isinstance(dimension, Group):
            names[dimension.code] = dimension.name.id or dimension.name.en
            for element in dimension.children:
                if isinstance(element, Group):
                    names[element.code] = element.name.id or element.name.en
    return names


def _label(code: str) -> str:
    return labels().get(code, code)


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
    if not apps.is_installed(PROGRAMME_APP):
        return
    from kotacerdas.programme.models import Institution

    for body in Institution.objects.filter(region=region).prefetch_related("members"):
        members = [
            Member(
                name=m.name,
                position=", ".join(x for x in (m.position, m.agency) if x),
                role=str(m.get_role_display()),
            )
            for m in body.members.all()
        ]
        decree = _decree(body)
        if body.kind == Institution.Kind.COUNCIL:
            data.governance.dewan, data.governance.dewan_decree = members, decree
        else:
            data.governance.tim_pelaksana, data.governance.tim_decree = members, decree


def _decree(body: Institution) -> str:
    if not body.decree_number:
        return ""
    head = "Keputusan Bupati" if body.region.kind == Region.Kind.KABUPATEN else "Keputusan Wali Kota"
    from kotacerdas.core.formatting import tanggal

    when = f" tanggal {tanggal(body.decree_date)}" if body.decree_date else ""
    return f"{head} Nomor {body.decree_number}{when}"


def _planning(data: BookData, region: Region) -> None:
    """The masterplan record (problems, SWOT, vision, initiatives, KPIs, budgets, quick wins).

    From kotacerdas.planning when it is installed; otherwise the books say these
    parts are missing.
    """
    if not apps.is_installed(PLANNING_APP):
        return
    from kotacerdas.planning.models import Masterplan

    plan = Masterplan.objects.filter(region=region).first()
    if plan is not None:
        data.period_start, data.period_end = plan.period_start, plan.period_end
        if plan.population and data.region.population is None:
            data.region.population = plan.population
        if plan.area_km2 is not None and data.region.area_km2 is None:
            data.region.area_km2 = float(plan.area_km2)
        data.vision.vision = plan.vision.strip()
        data.vision.missions = _lines(plan.missions)
    _indicators(data, region)
    _problems_swot_statements(data, region)
    _readiness(data, region)
    _initiatives(data, region)
    _quick_wins(data, region)


def _lines(text: str) -> list[str]:
    return [line.strip(" -•\t") for line in (text or "").splitlines() if line.strip(" -•\t")]


def _number(value: Any) -> str:
    if value is None:
        return ""
    amount = Decimal(value)
    return decimal(amount, 0) if amount == amount.to_integral_value() else decimal(amount, 2).rstrip("0")


# The functions below are called by _planning only, after its check that planning is installed.


def _indicators(data: BookData, region: Region) -> None:
    from kotacerdas.planning.models import KeyIndicator

    data.region.indicators = [
        Indicator(name=k.name, value=_number(k.value), unit=k.unit, year=k.year, source=k.source)
        for k in KeyIndicator.objects.filter(region=region).order_by("name", "year")
    ]


def _problems_swot_statements(data: BookData, region: Region) -> None:
    from kotacerdas.planning.models import Problem as ProblemRecord
    from kotacerdas.planning.models import Statement, SwotItem

    data.problems = [
        Problem(
            title=p.title,
            dimension=_label(p.dimension),
            description=p.description,
            source=p.get_origin_display(),
        )
        for p in ProblemRecord.objects.filter(region=region).order_by("dimension", "code")
    ]
    quadrants = {"S": "strengths", "W": "weaknesses", "O": "opportunities", "T": "threats"}
    by_scope: dict[str, Swot] = {}
    for item in SwotItem.objects.filter(region=region).order_by("scope", "id"):
        swot = by_scope.setdefault(item.scope, Swot(element=_label(item.scope)))
        getattr(swot, quadrants[item.kind]).append(item.text)
    data.swot = list(by_scope.values())
    for s in Statement.objects.filter(region=region).order_by("dimension", "id"):
        if s.kind == Statement.Kind.ISSUE:
            data.strategic_issues.append(f"{s.text} ({_label(s.dimension)})" if s.dimension else s.text)
        else:
            data.vision.goals.append(Goal(text=s.text, dimension=_label(s.dimension)))


def _readiness(data: BookData, region: Region) -> None:
    """The gaps of the region's latest verified readiness assessment, when assessments are installed."""
    if not apps.is_installed(ASSESSMENT_APP):
        return
    from kotacerdas.assessment.readiness import latest_verified_gap

    gap = latest_verified_gap(region)
    element = ""
    for row in (gap or {}).get("rows", []):
        if row["depth"] <= 1:
            element = row["label"]
        data.readiness.append(
            ReadinessItem(
                element=element,
                aspect=row["label"] if row["depth"] > 1 else "(keseluruhan)",
                score=_float(row["score"]),
                target=_float(row["target"]),
                gap=_gap(row),
            )
        )


def _gap(row: dict[str, Any]) -> str:
    """A readiness gap as Buku I prints it: "terpenuhi" at or above the target (as the page says)."""
    if row["gap"] is None:
        return ""
    return "terpenuhi" if row["met"] else decimal(row["gap"], 2)


def _float(value: Any) -> float | None:
    return None if value is None else float(value)


HORIZONS = {"short": "pendek", "medium": "menengah", "long": "panjang"}


def _initiatives(data: BookData, region: Region) -> None:
    """The initiatives; their years and budgets from the plan of record (Bab V and VI print those).

    Without an adopted plan the entered years stay for Bab IV and the books say no plan is adopted;
    an initiative the plan does not schedule (or added after adoption) has no years nor budget.
    """
    from kotacerdas.planning.models import FundingSource
    from kotacerdas.planning.models import Initiative as InitiativeRecord
    from kotacerdas.planning.roadmap.plan import plan_of_record

    plan = plan_of_record(region)
    data.plan_adopted = plan is not None
    planned = {i.code: i for i in plan.initiatives} if plan is not None else {}
    source_names = {code: str(label) for code, label in FundingSource.choices}

    rows = (
        InitiativeRecord.objects.filter(region=region)
        .exclude(status=InitiativeRecord.Status.CANCELLED)
        .select_related("owner")
        .prefetch_related("budget_lines", "kpis")
        .order_by("dimension", "code")
    )
    for i in rows:
        start: int | None = i.start_year
        end: int | None = i.end_year
        in_plan = plan is None or i.code in planned
        budgets = [
            Budget(year=b.year, amount=int(b.amount), source=b.get_source_display())
            for b in sorted(i.budget_lines.all(), key=lambda b: (b.year, b.source))
        ]
        if plan is not None:
            scheduled = planned.get(i.code)
            start, end = (scheduled.start_year, scheduled.end_year) if scheduled else (None, None)
            budgets = [
                Budget(year=year, amount=amount, source=source_names.get(source, source))
                for source, per_year in (scheduled.cost_by_source.items() if scheduled else ())
                for year, amount in per_year.items()
            ]
            budgets.sort(key=lambda b: (b.year, b.source))
        data.initiatives.append(
            Initiative(
                code=i.code,
                name=i.name,
                dimension=_label(i.dimension),
                element=_label(i.element),
                opd=i.owner.name,
                description=i.description,
                horizon=HORIZONS.get(i.horizon, i.horizon),
                start_year=start,
                end_year=end,
                budgets=budgets,
                in_plan=in_plan,
                kpis=[
                    Kpi(
                        name=k.name,
                        unit=k.unit,
                        baseline=_number(k.baseline),
                        targets={str(y): _number(v) for y, v in sorted(k.targets.items())},
                    )
                    for k in i.kpis.all()
                ],
            )
        )


HANDLING = {"avoid": "Hindari", "reduce": "Kurangi", "transfer": "Alihkan", "accept": "Terima"}


def _quick_wins(data: BookData, region: Region) -> None:
    from kotacerdas.planning.models import QuickWin as QuickWinRecord

    for q in (
        QuickWinRecord.objects.filter(region=region)
        .select_related("initiative", "owner")
        .prefetch_related("risks", "initiative__budget_lines")
        .order_by("year", "initiative__code")
    ):
        data.quick_wins.append(
            QuickWin(
                name=q.brand or q.initiative.name,
                opd=q.owner.name,
                year=q.year,
                initiative_code=q.initiative.code,
                profile=q.initiative.description,
                target=q.targets,
                budget=int(sum(b.amount for b in q.initiative.budget_lines.all())) or None,
                steps=_lines(q.steps),
                risks=[
                    Risk(
                        identification=r.description,
                        analysis=(
                            f"Kemungkinan {r.likelihood}, dampak {r.impact} (skor {r.likelihood * r.impact})"
                        ),
                        level=_risk_level(r.likelihood * r.impact),
                        handling=HANDLING.get(r.handling, r.handling),
                        mitigation=f"{r.mitigation} (pemilik risiko: {r.owner})" if r.owner else r.mitigation,
                    )
                    for r in q.risks.all()
                ],
            )
        )


def _risk_level(score: int) -> str:
    if score >= 15:
        return "Tinggi"
    if score >= 8:
        return "Sedang"
    return "Rendah"

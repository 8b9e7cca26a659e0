"""BookData: everything the books say, as plain dataclasses (no Django).

The documents app fills it from the database (kotacerdas/documents/collect.py);
the benchmark and the tests build it by hand. The generator renders only this,
so a book can be regenerated identically from its stored JSON, and two
versions can be compared by diffing their JSON (diff.py).
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import types
import typing
from dataclasses import dataclass, field
from datetime import date
from typing import Any, TypeVar, Union

T = TypeVar("T")


@dataclass
class Indicator:
    name: str
    value: str
    unit: str = ""
    year: int | None = None
    source: str = ""


@dataclass
class RegionProfile:
    code: str
    name: str
    kind: str = ""  # kota / kabupaten
    province: str = ""
    population: int | None = None
    population_year: int | None = None
    area_km2: float | None = None
    size_class: str = ""
    head_title: str = ""  # Wali Kota / Bupati
    head_name: str = ""
    indicators: list[Indicator] = field(default_factory=list)


@dataclass
class Opd:
    name: str
    short_name: str = ""
    head_name: str = ""
    head_title: str = "Kepala"


@dataclass
class Problem:
    title: str
    dimension: str = ""
    description: str = ""
    source: str = ""


@dataclass
class ReadinessItem:
    element: str  # struktur / infrastruktur / suprastruktur
    aspect: str
    score: float | None = None
    target: float | None = None
    gap: str = ""


@dataclass
class Swot:
    element: str
    strengths: list[str] = field(default_factory=list)
    weaknesses: list[str] = field(default_factory=list)
    opportunities: list[str] = field(default_factory=list)
    threats: list[str] = field(default_factory=list)


@dataclass
class Goal:
    text: str
    indicators: list[str] = field(default_factory=list)
    dimension: str = ""


@dataclass
class Vision:
    vision: str = ""
    missions: list[str] = field(default_factory=list)
    goals: list[Goal] = field(default_factory=list)


@dataclass
class Budget:
    year: int
    amount: int
    source: str = "APBD"


@dataclass
class Kpi:
    name: str
    unit: str = ""
    baseline: str = ""
    targets: dict[str, str] = field(default_factory=dict)  # year (as text) → target


@dataclass
class Initiative:
    code: str
    name: str
    dimension: str
    element: str = ""
    opd: str = ""
    description: str = ""
    horizon: str = ""  # pendek / menengah / panjang
    start_year: int | None = None
    end_year: int | None = None
    budgets: list[Budget] = field(default_factory=list)
    kpis: list[Kpi] = field(default_factory=list)
    # False: the region's adopted plan does not schedule it (left out, or added after adoption), so the
    # books print neither years nor budget for it and count it apart, by name (BookData.outside_plan)
    in_plan: bool = True

    @property
    def budget_total(self) -> int:
        return sum(b.amount for b in self.budgets)


@dataclass
class Risk:
    identification: str
    analysis: str = ""
    level: str = ""
    handling: str = ""
    mitigation: str = ""


@dataclass
class QuickWin:
    name: str
    opd: str = ""
    year: int | None = None
    initiative_code: str = ""
    profile: str = ""
    target: str = ""
    budget: int | None = None
    steps: list[str] = field(default_factory=list)
    risks: list[Risk] = field(default_factory=list)


@dataclass
class Member:
    name: str
    position: str = ""
    role: str = ""  # ketua / sekretaris / anggota


@dataclass
class Governance:
    dewan: list[Member] = field(default_factory=list)
    dewan_decree: str = ""
    tim_pelaksana: list[Member] = field(default_factory=list)
    tim_decree: str = ""


PLAN_NOT_ADOPTED = "rencana yang ditetapkan (jadwal dan anggaran peta jalan)"


@dataclass
class BookData:
    region: RegionProfile
    programme_year: int
    period_start: int
    period_end: int
    opds: list[Opd] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    readiness: list[ReadinessItem] = field(default_factory=list)
    swot: list[Swot] = field(default_factory=list)
    strategic_issues: list[str] = field(default_factory=list)
    vision: Vision = field(default_factory=Vision)
    initiatives: list[Initiative] = field(default_factory=list)
    quick_wins: list[QuickWin] = field(default_factory=list)
    governance: Governance = field(default_factory=Governance)
    texts: dict[str, str] = field(default_factory=dict)  # free-text sections by key
    # False: the region adopted no schedule yet, so Bab V (budget) and Bab VI (roadmap) have no plan to
    # print; the initiatives' years and budgets then come from their entry, not from a plan of record.
    plan_adopted: bool = True
    generated_on: date | None = None  # the date printed on the cover; not part of the data hash

    # -- derived views used by several chapters ---------------------------------
    @property
    def years(self) -> list[int]:
        return list(range(self.period_start, self.period_end + 1))

    def budget_by_year(self) -> dict[int, int]:
        totals = dict.fromkeys(self.years, 0)
        for initiative in self.initiatives:
            for budget in initiative.budgets:
                totals[budget.year] = totals.get(budget.year, 0) + budget.amount
        return dict(sorted(totals.items()))

    def budget_by_source(self) -> dict[str, int]:
        totals: dict[str, int] = {}
        for initiative in self.initiatives:
            for budget in initiative.budgets:
                totals[budget.source] = totals.get(budget.source, 0) + budget.amount
        return dict(sorted(totals.items()))

    @property
    def budget_total(self) -> int:
        return sum(i.budget_total for i in self.initiatives)

    def dimensions(self) -> list[str]:
        return list(dict.fromkeys(i.dimension for i in self.initiatives))

    def planned(self) -> list[Initiative]:
        """The initiatives the budget and the schedule are made of: the ones the adopted plan schedules
        (all of them while no plan is adopted). A count beside the plan's budget counts these."""
        return [i for i in self.initiatives if i.in_plan]

    def outside_plan(self) -> list[Initiative]:
        """The initiatives the adopted plan does not schedule: the books name them beside every count."""
        return [i for i in self.initiatives if not i.in_plan]

    def missing(self) -> list[str]:
        """What the record does not hold yet, in the words the books print."""
        checks = [
            (self.region.population is not None, "jumlah penduduk"),
            (bool(self.opds), "daftar perangkat daerah"),
            (bool(self.problems), "inventarisasi permasalahan"),
            (bool(self.readiness), "hasil analisis kesiapan dan kesenjangan"),
            (bool(self.swot), "matriks SWOT"),
            (bool(self.vision.vision), "visi smart city"),
            (bool(self.initiatives), "inisiatif per dimensi"),
            (any(i.kpis for i in self.initiatives), "indikator kinerja (KPI) dan target"),
            (any(i.budgets for i in self.initiatives), "anggaran per tahun"),
            (self.plan_adopted, PLAN_NOT_ADOPTED),
            (bool(self.quick_wins), "profil quick win"),
            (bool(self.governance.dewan), "susunan Dewan Smart City"),
            (bool(self.governance.tim_pelaksana), "susunan Tim Pelaksana Smart City"),
        ]
        return [label for present, label in checks if not present]

    # -- JSON ------------------------------------------------------------------
    def to_dict(self) -> dict[str, Any]:
        data = dataclasses.asdict(self)
        data["generated_on"] = self.generated_on.isoformat() if self.generated_on else None
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> BookData:
        return _build(cls, data)

    def data_hash(self) -> str:
        """sha256 of the canonical JSON, without the print date: same record → same hash."""
        content = self.to_dict()
        content.pop("generated_on", None)
        canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _build(kind: Any, value: Any) -> Any:
    """Rebuild typed values from JSON (dataclasses, lists, dicts, optionals, dates)."""
    if value is None:
        return None
    origin = typing.get_origin(kind)
    if origin in (Union, types.UnionType):
        inner = [arg for arg in typing.get_args(kind) if arg is not type(None)]
        return _build(inner[0], value)
    if origin is list:
        (item,) = typing.get_args(kind)
        return [_build(item, v) for v in value]
    if origin is dict:
        key_kind, item = typing.get_args(kind)
        return {key_kind(k): _build(item, v) for k, v in value.items()}
    if dataclasses.is_dataclass(kind) and isinstance(kind, type):
        hints = typing.get_type_hints(kind)
        names = {f.name for f in dataclasses.fields(kind)}
        return kind(**{k: _build(hints[k], v) for k, v in value.items() if k in names})
    if kind is date:
        return date.fromisoformat(value)
    if kind is float:
        return float(value)
    return value

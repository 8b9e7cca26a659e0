"""The shipped region dataset (docs/reference/regions.md names its source).

``data/regions.csv`` holds the 38 provinces and 514 kabupaten/kota of
Kepmendagri 300.2.2-2138/2025 with Dukcapil population (Dec 2024) and area,
built by scripts/build_region_data.py from the open cahyadsn/wilayah dataset.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from kotacerdas.core.regions import PP_26_2008, RKCI_2017, SizeClassScheme, kind_of_code, province_code_of

DATASET = Path(__file__).resolve().parent / "data" / "regions.csv"


@dataclass(frozen=True)
class RegionRow:
    code: str
    name: str
    population: int | None
    population_year: int | None
    population_source: str
    area_km2: Decimal | None


def read_region_rows(path: Path = DATASET) -> list[RegionRow]:
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            RegionRow(
                code=row["code"],
                name=row["name"],
                population=int(row["population"]) if row["population"] else None,
                population_year=int(row["population_year"]) if row["population_year"] else None,
                population_source=row["population_source"],
                area_km2=Decimal(row["area_km2"]) if row["area_km2"] else None,
            )
            for row in csv.DictReader(handle)
        ]


def scheme_record_values(scheme: SizeClassScheme, name: str, source: str, active: bool) -> dict[str, Any]:
    return {
        "code": scheme.code,
        "name": name,
        "source": source,
        "bands": [{"size_class": b.size_class, "upper_bound": b.upper_bound} for b in scheme.bands],
        "is_active": active,
    }


DEFAULT_SCHEMES = [
    scheme_record_values(PP_26_2008, "PP 26/2008 (IKCI 2018)", "PP 26/2008 (RTRWN); domain.md §6.2", True),
    scheme_record_values(RKCI_2017, "IKCI 2015 / RKCI 2017", "IKCI 2015, RKCI 2017; domain.md §6.2", False),
]


def load_regions(region_model: Any, scheme_model: Any) -> None:
    """Create schemes and regions (used by the data migration; idempotent)."""
    for values in DEFAULT_SCHEMES:
        scheme_model.objects.update_or_create(code=values["code"], defaults=values)
    rows = read_region_rows()
    provinces = {}
    for row in rows:
        if province_code_of(row.code) is None:
            provinces[row.code], _ = region_model.objects.update_or_create(
                code=row.code, defaults=_region_defaults(row, None)
            )
    for row in rows:
        parent_code = province_code_of(row.code)
        if parent_code is not None:
            region_model.objects.update_or_create(
                code=row.code, defaults=_region_defaults(row, provinces[parent_code])
            )


def _region_defaults(row: RegionRow, province: Any) -> dict[str, Any]:
    return {
        "name": row.name,
        "kind": kind_of_code(row.code).value,
        "province": province,
        "population": row.population,
        "population_year": row.population_year,
        "population_source": row.population_source,
        "area_km2": row.area_km2,
        # Size classes compare kab/kota with each other; a province has none.
        "size_class": (PP_26_2008.classify(row.population) or "") if province is not None else "",
    }

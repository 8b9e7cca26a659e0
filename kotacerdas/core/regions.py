"""Kemendagri region codes and city-size classes (domain.md §6.1–6.2).

Codes follow ``PP.KK`` for kabupaten/kota: ``PP`` is the province, ``KK`` is
01–69 for a kabupaten and 71–99 for a kota (Kepmendagri 300.2.2-2138/2025).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

PROVINCE_CODE = re.compile(r"^\d{2}$")
REGENCY_CODE = re.compile(r"^(?P<province>\d{2})\.(?P<number>\d{2})$")


class RegionKind(StrEnum):
    PROVINCE = "provinsi"
    KABUPATEN = "kabupaten"
    KOTA = "kota"


class InvalidRegionCode(ValueError):
    pass


def kind_of_code(code: str) -> RegionKind:
    """Tell the kind of region from its Kemendagri code, rejecting malformed codes."""
    if PROVINCE_CODE.match(code):
        if code == "00":
            raise InvalidRegionCode(f"{code!r} is not a province code")
        return RegionKind.PROVINCE
    match = REGENCY_CODE.match(code)
    if not match:
        raise InvalidRegionCode(f"{code!r} is not a region code of the form PP or PP.KK")
    number = int(match["number"])
    if 1 <= number <= 69:
        return RegionKind.KABUPATEN
    if 71 <= number <= 99:
        return RegionKind.KOTA
    raise InvalidRegionCode(f"{code!r}: kab/kota number must be 01-69 (kabupaten) or 71-99 (kota)")


def province_code_of(code: str) -> str | None:
    """The province part of a kab/kota code, or None for a province."""
    return None if kind_of_code(code) is RegionKind.PROVINCE else code[:2]


@dataclass(frozen=True)
class SizeBand:
    size_class: str
    upper_bound: int | None  # inclusive population ceiling; None = no ceiling


@dataclass(frozen=True)
class SizeClassScheme:
    """An ordered list of population bands; the first band whose ceiling holds wins."""

    code: str
    bands: tuple[SizeBand, ...]

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError("a size-class scheme needs at least one band")
        ceilings = [band.upper_bound for band in self.bands]
        if ceilings[-1] is not None:
            raise ValueError("the last band must have no ceiling so every population has a class")
        finite = [c for c in ceilings[:-1] if c is not None]
        if len(finite) != len(ceilings) - 1 or finite != sorted(set(finite)):
            raise ValueError("band ceilings must be strictly increasing whole numbers")

    def classify(self, population: int | None) -> str | None:
        if population is None:
            return None
        if population < 0:
            raise ValueError("population cannot be negative")
        for band in self.bands:
            if band.upper_bound is None or population <= band.upper_bound:
                return band.size_class
        raise AssertionError("unreachable: the last band has no ceiling")


# PP 26/2008 (RTRWN), also used by IKCI 2018: kecil <=100k, sedang <=500k,
# besar <=1M, metropolitan above (domain.md §6.2).
PP_26_2008 = SizeClassScheme(
    code="pp26-2008",
    bands=(
        SizeBand("kecil", 100_000),
        SizeBand("sedang", 500_000),
        SizeBand("besar", 1_000_000),
        SizeBand("metropolitan", None),
    ),
)

# IKCI 2015 / RKCI 2017 cut-offs: <200k, 200k-1M, >1M (domain.md §6.2). The
# sources give "<200k", so 200,000 itself falls in "sedang".
RKCI_2017 = SizeClassScheme(
    code="rkci-2017",
    bands=(
        SizeBand("kecil", 199_999),
        SizeBand("sedang", 1_000_000),
        SizeBand("besar", None),
    ),
)

"""Kemendagri region codes and city-size classes (domain.md §6.1–6.2).

Codes follow ``PP.KK`` for kabupaten/kota: ``PP`` is the province, ``KK`` is
01–69 for a kabupaten and 71–99 for a kota (Kepmendagri 300.2.2-2138/2025).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import Any

import yaml

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
    name_id: str = ""
    name_en: str = ""


@dataclass(frozen=True)
class SizeClassScheme:
    """An ordered list of population bands; the first band whose ceiling holds wins."""

    code: str
    bands: tuple[SizeBand, ...]
    name_id: str = ""
    name_en: str = ""

    def __post_init__(self) -> None:
        if not self.bands:
            raise ValueError("a size-class scheme needs at least one band")
        ceilings = [band.upper_bound for band in self.bands]
        if ceilings[-1] is not None:
            raise ValueError("the last band must have no ceiling so every population has a class")
        finite = [c for c in ceilings[:-1] if c is not None]
        if len(finite) != len(ceilings) - 1 or finite != sorted(set(finite)):
            raise ValueError("band ceilings must be strictly increasing whole numbers")

    def class_codes(self) -> tuple[str, ...]:
        return tuple(band.size_class for band in self.bands)

    def classify(self, population: int | None) -> str | None:
        if population is None:
            return None
        if population < 0:
            raise ValueError("population cannot be negative")
        for band in self.bands:
            if band.upper_bound is None or population <= band.upper_bound:
                return band.size_class
        raise AssertionError("unreachable: the last band has no ceiling")


# The schemes are data: one YAML file per scheme in kotacerdas/frameworks/size-classes (domain.md
# §6.2: store the scheme per index or year). An evaluation stores the dict form of the scheme it used.
SIZE_SCHEMES_DIR = Path(__file__).resolve().parent.parent / "frameworks" / "size-classes"


def available_size_schemes(folder: Path | None = None) -> list[str]:
    return sorted(path.stem for path in (folder or SIZE_SCHEMES_DIR).glob("*.yaml"))


def load_size_scheme(code: str, folder: Path | None = None) -> SizeClassScheme:
    """The scheme in ``<code>.yaml``; ValueError names an unknown code or a malformed file."""
    if code not in available_size_schemes(folder):
        known = ", ".join(available_size_schemes(folder))
        raise ValueError(f"unknown size-class scheme {code!r} (known: {known})")
    scheme = read_size_scheme(((folder or SIZE_SCHEMES_DIR) / f"{code}.yaml").read_text(encoding="utf-8"))
    if scheme.code != code:
        raise ValueError(f"size-class scheme file {code}.yaml has id {scheme.code!r}")
    return scheme


# A size-class code is what ranks.csv, the recipe and a region's ``size_class`` column (20 characters)
# hold: lowercase letters, digits, "-" and "_", starting with a letter ("kecil", "metropolitan").
SIZE_CLASS_CODE = re.compile(r"^[a-z][a-z0-9_-]*$")
SIZE_CLASS_CODE_MAX = 20
SCHEME_KEYS = ("id", "name", "status", "sources", "bands")
BAND_KEYS = ("code", "name", "max")


class SizeSchemeError(ValueError):
    """A scheme file that cannot be used: every problem found, one line each."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


def size_scheme_from_dict(data: Any) -> SizeClassScheme:
    """Reads the file form, which is also the form an evaluation freezes (see size_scheme_to_dict).
    A file is checked first (:func:`read_size_scheme`); a frozen copy is read as it was stored."""
    if not isinstance(data, Mapping) or not isinstance(data.get("bands"), list):
        raise ValueError("a size-class scheme needs an id and a list of bands")
    bands = []
    for band in data["bands"]:
        ceiling = band.get("max") if isinstance(band, Mapping) else None
        if not isinstance(band, Mapping) or not band.get("code") or not (ceiling is None or _whole(ceiling)):
            raise ValueError(f"size-class band {band!r}: needs a code and a whole-number max (or null)")
        name = band.get("name") or {}
        bands.append(SizeBand(str(band["code"]), ceiling, str(name.get("id", "")), str(name.get("en", ""))))
    name = data.get("name") or {}
    return SizeClassScheme(
        str(data.get("id", "")), tuple(bands), str(name.get("id", "")), str(name.get("en", ""))
    )


def size_scheme_problems(data: Any, lines: Mapping[tuple[Any, ...], int] | None = None) -> list[str]:
    """Every problem of a scheme file's content, one line each: an unknown key, a band without a
    whole-number ceiling, a size-class code that is missing, malformed or repeated. ``lines`` (from
    :func:`yaml_lines`) adds the line of each, as the file's reader sees it."""
    if not isinstance(data, Mapping) or not isinstance(data.get("bands"), list):
        return ["a size-class scheme needs an id and a list of bands"]
    where = lines or {}

    def at(*path: Any) -> str:
        line = where.get(path)
        return f" (line {line})" if line else ""

    problems = [
        f"unknown key {key!r}{at(key)}; a scheme has {', '.join(SCHEME_KEYS)}"
        for key in data
        if key not in SCHEME_KEYS
    ]
    if not isinstance(data.get("name") or {}, Mapping):
        problems.append(f"name {data['name']!r}{at('name')} needs an id and an en text")
    first_band: dict[str, int] = {}
    for number, band in enumerate(data["bands"], start=1):
        label = f"band {number}{at('bands', number - 1)}"
        if not isinstance(band, Mapping):
            problems.append(f"{label}: {band!r} is not a band (code, name, max)")
            continue
        problems += [
            f"{label}: unknown key {key!r}; a band has {', '.join(BAND_KEYS)}"
            for key in band
            if key not in BAND_KEYS
        ]
        code, ceiling = band.get("code"), band.get("max")
        if not (ceiling is None or _whole(ceiling)):
            problems.append(f"{label}: max {ceiling!r} is not a whole-number max (or null for the last band)")
        if code is None or code == "":
            problems.append(f"{label}: the size-class code is missing")
        elif not size_class_code_ok(code):
            problems.append(
                f"{label}: size-class code {code!r} is malformed: lowercase letters, digits, - or _, "
                f"starting with a letter, at most {SIZE_CLASS_CODE_MAX} characters"
            )
        elif code in first_band:
            earlier = f"band {first_band[code]}{at('bands', first_band[code] - 1)}"
            problems.append(f"{label}: size-class code {code!r} is repeated; {earlier} has it")
        else:
            first_band[code] = number
        if not isinstance(band.get("name") or {}, Mapping):
            problems.append(f"{label}: name {band['name']!r} needs an id and an en text")
    return problems


def size_class_code_ok(code: object) -> bool:
    return isinstance(code, str) and len(code) <= SIZE_CLASS_CODE_MAX and bool(SIZE_CLASS_CODE.match(code))


def yaml_lines(text: str) -> dict[tuple[Any, ...], int]:
    """The line (1-based) of each top-level key and each band of a scheme file, for its messages:
    ``("bands", 2)`` is the third band. Empty when the text is not a YAML mapping."""
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    lines: dict[tuple[Any, ...], int] = {}
    if not isinstance(root, yaml.MappingNode):
        return lines
    for key, value in root.value:
        lines[(key.value,)] = key.start_mark.line + 1
        if key.value == "bands" and isinstance(value, yaml.SequenceNode):
            for index, band in enumerate(value.value):
                lines[("bands", index)] = band.start_mark.line + 1
    return lines


def read_size_scheme(text: str) -> SizeClassScheme:
    """A scheme from the text of its YAML file; a SizeSchemeError names each problem and its line."""
    data = yaml.safe_load(text)
    problems = size_scheme_problems(data, yaml_lines(text))
    if problems:
        raise SizeSchemeError(problems)
    return size_scheme_from_dict(data)


def size_scheme_to_dict(scheme: SizeClassScheme) -> dict[str, Any]:
    return {
        "id": scheme.code,
        "name": {"id": scheme.name_id, "en": scheme.name_en},
        "bands": [
            {"code": b.size_class, "name": {"id": b.name_id, "en": b.name_en}, "max": b.upper_bound}
            for b in scheme.bands
        ],
    }


def size_scheme_hash(scheme: SizeClassScheme) -> str:
    text = json.dumps(size_scheme_to_dict(scheme), sort_keys=True, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _whole(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


# PP 26/2008 (RTRWN), also used by IKCI 2018: kecil <=100k, sedang <=500k, besar <=1M, metropolitan above.
PP_26_2008 = load_size_scheme("pp26-2008")
# IKCI 2015 / RKCI 2017: <200k, 200k-1M, >1M; "<200k" puts 200,000 itself in "sedang".
RKCI_2017 = load_size_scheme("rkci-2017")

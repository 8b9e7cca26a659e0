"""Permendagri 90/2019 programme codes (program – kegiatan – sub-kegiatan), as used in SIPD.

A code has up to six dot-separated parts (domain.md section 6.3)::

    2 . 16 . 03 . 2 . 02 . 0014
    │   │    │    └────┘   └── sub-kegiatan (4 digits)
    │   │    │      └── kegiatan (1 digit + 2 digits; the first marks the government level)
    │   │    └── program (2 digits)
    │   └── bidang urusan (2 digits)
    └── urusan (1 digit)

:func:`parse_budget_code` validates a code and says which level it is; every
error names the part that is wrong, in English, with a stable ``reason`` so a
user interface can translate it.

:func:`lookup_budget_code` then looks a well-formed code up in the shipped nomenclature
(``nomenclature_050_5889_2021.yaml``: Kepmendagri 050-5889/2021, kabupaten/kota level, partial): the
code's name when it is listed, and which part does not exist when the nomenclature lists every child
of that part's parent. Where the file lists nothing, nothing is claimed (a warning, never a refusal,
is the caller's business).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml

Level = Literal["urusan", "bidang", "program", "kegiatan", "sub_kegiatan"]
LEVELS: tuple[Level, ...] = ("urusan", "bidang", "program", "kegiatan", "sub_kegiatan")

# Expected digits of each dot-separated part, in order (kegiatan spans two parts).
_PART_DIGITS = (1, 2, 2, 1, 2, 4)
_PART_NAMES = ("urusan", "bidang", "program", "kegiatan", "kegiatan", "sub_kegiatan")
# Number of parts → level of the code; a 4-part code is an incomplete kegiatan.
_LEVEL_BY_PARTS: dict[int, Level] = {1: "urusan", 2: "bidang", 3: "program", 5: "kegiatan", 6: "sub_kegiatan"}


class BudgetCodeError(ValueError):
    """A malformed code. ``reason`` is one of ``empty``, ``characters``, ``parts``, ``digits``,
    ``zero``, ``level``; ``part`` names the offending part when there is one."""

    def __init__(self, code: str, reason: str, message: str, part: str = "") -> None:
        super().__init__(f"{code!r}: {message}")
        self.code = code
        self.reason = reason
        self.part = part


@dataclass(frozen=True)
class BudgetCode:
    urusan: str
    bidang: str = ""
    program: str = ""
    kegiatan: str = ""  # e.g. "2.02"
    sub_kegiatan: str = ""

    @property
    def level(self) -> Level:
        for level in reversed(LEVELS):
            if getattr(self, level):
                return level
        return "urusan"

    def __str__(self) -> str:
        parts = [self.urusan, self.bidang, self.program, self.kegiatan, self.sub_kegiatan]
        return ".".join(part for part in parts if part)

    @property
    def program_code(self) -> str:
        """The program this code belongs to, e.g. ``2.16.03``."""
        return ".".join([self.urusan, self.bidang, self.program]) if self.program else ""

    def is_within(self, other: BudgetCode) -> bool:
        """True when this code is ``other`` or lies below it (a sub-kegiatan of a program...)."""
        return str(self) == str(other) or str(self).startswith(str(other) + ".")


def parse_budget_code(text: str, require: Level | None = None) -> BudgetCode:
    """Validate ``text``; ``require`` demands a level (e.g. ``"sub_kegiatan"``)."""
    code = text.strip()
    if not code:
        raise BudgetCodeError(code, "empty", "the code is empty")
    if not re.fullmatch(r"[0-9.]+", code):
        raise BudgetCodeError(code, "characters", "use only digits and dots, e.g. 2.16.03.2.02.0014")
    parts = code.split(".")
    if len(parts) not in _LEVEL_BY_PARTS:
        raise BudgetCodeError(code, "parts", f"has {len(parts)} parts; expected 1, 2, 3, 5 or 6")
    for part, digits, name in zip(parts, _PART_DIGITS, _PART_NAMES, strict=False):
        if len(part) != digits:
            raise BudgetCodeError(code, "digits", f"{name} must have {digits} digit(s), got {part!r}", name)
    if parts[0] == "0":
        raise BudgetCodeError(code, "zero", "urusan cannot be 0", "urusan")
    value = BudgetCode(
        urusan=parts[0],
        bidang=parts[1] if len(parts) > 1 else "",
        program=parts[2] if len(parts) > 2 else "",
        kegiatan=f"{parts[3]}.{parts[4]}" if len(parts) > 4 else "",
        sub_kegiatan=parts[5] if len(parts) > 5 else "",
    )
    if require is not None and value.level != require:
        raise BudgetCodeError(code, "level", f"is a {value.level} code; a {require} code is needed")
    return value


def is_valid_budget_code(text: str, require: Level | None = None) -> bool:
    try:
        parse_budget_code(text, require)
    except BudgetCodeError:
        return False
    return True


NOMENCLATURE_FILE = Path(__file__).with_name("nomenclature_050_5889_2021.yaml")


@dataclass(frozen=True)
class Nomenclature:
    """Names by code, and the codes whose children are all listed (``complete``)."""

    source: str
    names: Mapping[str, str]
    complete: frozenset[str]


@dataclass(frozen=True)
class CodeLookup:
    """What the nomenclature says about a well-formed code.

    ``name``: the code's own name, when listed. ``missing``: the first part of the code (e.g. the
    program ``2.16.09``) that is not listed although its parent lists all its children: the code
    does not exist. Both empty: the nomenclature does not cover the code (nothing is known)."""

    code: str
    name: str = ""
    missing: str = ""

    @property
    def exists(self) -> bool | None:
        if self.missing:
            return False
        return True if self.name else None


@lru_cache(maxsize=4)
def load_nomenclature(path: Path = NOMENCLATURE_FILE) -> Nomenclature:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    names = {str(code): str(name) for code, name in data["codes"].items()}
    return Nomenclature(str(data["source"]), names, frozenset(str(c) for c in data["complete"]))


def _chain(code: BudgetCode) -> list[tuple[str, str]]:
    """Each prefix of the code with the key whose completeness decides about it. A kegiatan's key
    is its program plus the government-level digit (2.16.03.2): kab/kota and province kegiatan
    are separate lists."""
    parts = [code.urusan, code.bidang, code.program]
    chain, prefix = [], ""
    for part in parts:
        if not part:
            break
        parent, prefix = prefix, f"{prefix}.{part}" if prefix else part
        chain.append((prefix, parent))
    if code.kegiatan:
        level, _dot, _number = code.kegiatan.partition(".")
        chain.append((f"{prefix}.{code.kegiatan}", f"{prefix}.{level}"))
        prefix = f"{prefix}.{code.kegiatan}"
    if code.sub_kegiatan:
        chain.append((f"{prefix}.{code.sub_kegiatan}", prefix))
    return chain


def lookup_budget_code(code: BudgetCode, nomenclature: Nomenclature | None = None) -> CodeLookup:
    book = nomenclature or load_nomenclature()
    for prefix, parent in _chain(code):
        if prefix in book.names:
            continue
        if parent in book.complete:
            return CodeLookup(str(code), missing=prefix)
        break  # not covered from here down: nothing is known
    return CodeLookup(str(code), name=book.names.get(str(code), ""))

"""Personal numbers in free text: NIK-like 16-digit numbers and Indonesian phone numbers.

Citizens write ideas and comments in free text; UU PDP 27/2022 asks that a person's identity number
or phone number never shows publicly by accident. ``find_personal_numbers`` finds the spans so the
text can be held for a moderator, and ``redact`` replaces them. Pure Python, no Django.

What counts:
- a NIK: 16 digits in a row, optionally grouped by spaces, dots or hyphens (``3373 0101 0101 0001``),
  not part of a longer digit run;
- a phone number: ``08`` then 8–11 more digits (mobile, 10–13 digits in all), or ``+62``/``62`` then
  ``8`` and 8–11 digits, optionally grouped by spaces, dots or hyphens (``0812-3456-7890``,
  ``+62 812 3456 7890``).
A year, a price or a short code (``2026``, ``Rp 1.500.000``, ``M-05``) is not a personal number.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SEP = r"[ .\-]?"
# 16 digits with optional single separators between them; no digit right before or after
_NIK = re.compile(r"(?<![\d+])" + _SEP.join([r"\d"] * 16) + r"(?!\d)")
# 08xx… or +62 8xx… / 62 8xx…: the leading 0 or country code, then 8 and 8–11 more digits
_PHONE = re.compile(r"(?<![\d+])(?:\+62|62|0)" + _SEP + r"8(?:" + _SEP + r"\d){8,11}(?!\d)")

NIK = "nik"
PHONE = "phone"
MASK = "[disamarkan]"


@dataclass(frozen=True)
class Finding:
    kind: str  # NIK or PHONE
    start: int
    end: int
    text: str


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def find_personal_numbers(text: str) -> list[Finding]:
    """Every NIK-like number and phone number in ``text``, in order, without overlaps."""
    found: list[Finding] = []
    for match in _NIK.finditer(text):
        found.append(Finding(NIK, match.start(), match.end(), match.group()))
    taken = [(f.start, f.end) for f in found]
    for match in _PHONE.finditer(text):
        if any(match.start() < end and start < match.end() for start, end in taken):
            continue
        if len(_digits(match.group())) > 15:  # a 16-digit run is a NIK, already found or not a phone
            continue
        found.append(Finding(PHONE, match.start(), match.end(), match.group()))
    return sorted(found, key=lambda f: f.start)


def has_personal_numbers(text: str) -> bool:
    return bool(find_personal_numbers(text))


def redact(text: str, mask: str = MASK) -> str:
    """``text`` with every personal number replaced by ``mask``."""
    parts, last = [], 0
    for finding in find_personal_numbers(text):
        parts += [text[last : finding.start], mask]
        last = finding.end
    return "".join(parts) + text[last:]

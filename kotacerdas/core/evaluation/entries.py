"""One region's monev result as it enters a ranking, and the checks that refuse bad rows.

A row carries the five part scores (0–5, exact decimals), the population that places the region in a
size class, last year's total (for the improvement) and whether the assessors verified it. Every
problem of every row is collected, so a bad file is answered with one line per offending row and
nothing is computed from it (issue 15: bad input on every path is refused with the offending rows).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from kotacerdas.core.instruments.numbers import fraction_text, to_fraction
from kotacerdas.core.regions import InvalidRegionCode, RegionKind, kind_of_code

PARTS = ("baseline", "output", "outcome", "impact", "quick_win")
REQUIRED_COLUMNS = ("region_code", "population", *PARTS)
OPTIONAL_COLUMNS = ("previous_total", "verified")
PART_MIN, PART_MAX = Fraction(0), Fraction(5)
TRUE_WORDS = {"true", "1", "yes", "ya", "y"}
FALSE_WORDS = {"false", "0", "no", "tidak", "n"}


@dataclass(frozen=True)
class Entry:
    """A region's part scores for one evaluation year, as verified (or not) by the assessors."""

    region_code: str
    population: int
    parts: Mapping[str, Fraction]
    previous_total: Fraction | None = None
    verified: bool = True

    @property
    def province_code(self) -> str:
        return self.region_code[:2]

    def canonical(self) -> dict[str, object]:
        """Exact text of every value, for the input hash (same values, same text, any spelling)."""
        return {
            "region_code": self.region_code,
            "population": self.population,
            "parts": {part: fraction_text(self.parts[part]) for part in PARTS},
            "previous_total": None if self.previous_total is None else fraction_text(self.previous_total),
            "verified": self.verified,
        }


@dataclass(frozen=True)
class RowProblem:
    """Everything wrong with one input row (``row`` counts from 2 in a CSV file: line 1 is the header)."""

    row: int
    region_code: str
    messages: tuple[str, ...]

    def line(self) -> str:
        where = f"row {self.row}" + (f" ({self.region_code})" if self.region_code else "")
        return f"{where}: " + "; ".join(self.messages)


class EntriesError(ValueError):
    """Input refused: ``problems`` has one item per offending row (or a single file-level problem)."""

    def __init__(self, problems: Iterable[RowProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.line() for problem in self.problems))


def check_rows(
    rows: Iterable[Mapping[str, object]], known_codes: Collection[str] | None = None, first_row: int = 2
) -> list[Entry]:
    """Entries from plain rows (CSV, XLSX or form values), or EntriesError listing every bad row.

    ``known_codes`` are the kab/kota codes that exist (the region dataset); without it only the
    code's form is checked.
    """
    entries: list[Entry] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=first_row):
        code = _text(row.get("region_code"))
        messages = _code_problems(code, known_codes)
        if code and code in seen:
            messages.append(f"region {code} already given in row {seen[code]}")
        seen.setdefault(code, number)
        population = _population(row.get("population"), messages)
        parts = {part: _part(part, row.get(part), messages) for part in PARTS}
        previous = _previous_total(row.get("previous_total"), messages)
        verified = _verified(row.get("verified"), messages)
        if messages:
            problems.append(RowProblem(number, code, tuple(messages)))
            continue
        assert population is not None and verified is not None
        exact = {part: value for part, value in parts.items() if value is not None}
        entries.append(Entry(code, population, exact, previous, verified))
    if problems:
        raise EntriesError(problems)
    return entries


def read_results_csv(text: str, known_codes: Collection[str] | None = None) -> list[Entry]:
    """Entries from RESULTS.csv text (columns: see REQUIRED_COLUMNS and OPTIONAL_COLUMNS)."""
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [column for column in REQUIRED_COLUMNS if column not in header]
    unknown = [column for column in header if column not in (*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS)]
    if missing or unknown:
        messages = [f"missing column(s): {', '.join(missing)}"] if missing else []
        messages += [f"unknown column(s): {', '.join(unknown)}"] if unknown else []
        raise EntriesError([RowProblem(1, "", tuple(messages))])
    rows = [{(key or "").strip(): value for key, value in row.items()} for row in reader]
    if not rows:
        raise EntriesError([RowProblem(1, "", ("no result rows",))])
    return check_rows(rows, known_codes)


# ---------------------------------------------------------------- one cell at a time


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _code_problems(code: str, known_codes: Collection[str] | None) -> list[str]:
    if not code:
        return ["region_code is missing"]
    try:
        kind = kind_of_code(code)
    except InvalidRegionCode:
        return [f"region code {code} is not of the form PP.KK"]
    if kind is RegionKind.PROVINCE:
        return [f"region code {code} is a province, not a kabupaten/kota"]
    if known_codes is not None and code not in known_codes:
        return [f"unknown region code {code}"]
    return []


def _population(value: object, messages: list[str]) -> int | None:
    text = _text(value).replace("_", "")
    if not text:
        messages.append("population is missing")
        return None
    try:
        number = int(text)
    except ValueError:
        messages.append(f"population {text} is not a whole number")
        return None
    if number < 0:
        messages.append(f"population {number} is negative")
        return None
    return number


def _part(part: str, value: object, messages: list[str]) -> Fraction | None:
    text = _text(value)
    if not text:
        messages.append(f"{part} is missing")
        return None
    try:
        number = to_fraction(text)
    except (ValueError, ZeroDivisionError):
        messages.append(f"{part} {text} is not a number")
        return None
    if not PART_MIN <= number <= PART_MAX:
        messages.append(f"{part} {text} is outside 0–5")
        return None
    return number


def _previous_total(value: object, messages: list[str]) -> Fraction | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = to_fraction(text)
    except (ValueError, ZeroDivisionError):
        messages.append(f"previous_total {text} is not a number")
        return None
    if not PART_MIN <= number <= PART_MAX:
        messages.append(f"previous_total {text} is outside 0–5")
        return None
    return number


def _verified(value: object, messages: list[str]) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if not text or text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    messages.append(f"verified {text} is not true or false")
    return None

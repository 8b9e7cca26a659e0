"""One region's monev result as it enters a ranking, and the checks that refuse bad rows.

A row carries the five part scores (0–5, exact decimals), the population that places the region in a
size class, last year's total (for the improvement) and whether the assessors verified it. Every
problem of every row is collected, so a bad file is answered with one line per offending row and
nothing is computed from it (issue 15: bad input on every path is refused with the offending rows).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass
from fractions import Fraction

from kotacerdas.core.instruments.numbers import fraction_text, to_fraction
from kotacerdas.core.regions import InvalidRegionCode, RegionKind, kind_of_code

PARTS = ("baseline", "output", "outcome", "impact", "quick_win")
REQUIRED_COLUMNS = ("region_code", "population", *PARTS)
OPTIONAL_COLUMNS = ("previous_total", "verified")
PART_MIN, PART_MAX = Fraction(0), Fraction(5)
DELIMITERS = (",", ";", "\t")  # Excel writes ";" where the list separator is "," (Indonesian settings)
# A decimal comma with full-stop thousands (1.234,5), or a plain decimal (3.5) or fraction (10/3).
INDONESIAN_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(\.\d{3})+),\d+$")
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


def _same(text: str) -> str:
    return text


class Msg:
    """A problem message as an English template and its values, so each caller can translate it.

    The templates are the msgids of the web layer's catalogue (kotacerdas/evaluation/locale)."""

    def __init__(self, template: str, **params: object) -> None:
        self.template = template
        self.params = {key: str(value) for key, value in params.items()}

    def text(self, translate: Callable[[str], str] = _same) -> str:
        return translate(self.template).format(**self.params)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Msg) and (self.template, self.params) == (other.template, other.params)

    def __hash__(self) -> int:
        return hash((self.template, tuple(sorted(self.params.items()))))

    def __repr__(self) -> str:
        return f"Msg({self.text()!r})"


@dataclass(frozen=True)
class RowProblem:
    """Everything wrong with one input row (``row`` counts from 2 in a CSV file: line 1 is the header)."""

    row: int
    region_code: str
    messages: tuple[Msg, ...]

    def line(self, translate: Callable[[str], str] = _same) -> str:
        """``row 3 (33.73): quick_win 6 is outside 0–5; …``; ``translate`` is gettext in the web layer."""
        where = Msg(
            "row {row} ({code})" if self.region_code else "row {row}", row=self.row, code=self.region_code
        )
        return f"{where.text(translate)}: " + "; ".join(message.text(translate) for message in self.messages)


class EntriesError(ValueError):
    """Input refused: ``problems`` has one item per offending row (or a single file-level problem)."""

    def __init__(self, problems: Iterable[RowProblem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(problem.line() for problem in self.problems))


def check_rows(
    rows: Iterable[Mapping[str, object]],
    known_codes: Collection[str] | None = None,
    first_row: int = 2,
    unknown: str = "unknown region code {code}",
) -> list[Entry]:
    """Entries from plain rows (CSV, XLSX or form values), or EntriesError listing every bad row.

    ``known_codes`` are the kab/kota codes that may appear (the region dataset, or a cycle's
    participants, with ``unknown`` saying so); without it only the code's form is checked.
    """
    entries: list[Entry] = []
    problems: list[RowProblem] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(rows, start=first_row):
        code = _text(row.get("region_code"))
        messages = _code_problems(code, known_codes, unknown)
        if code and code in seen:
            messages.append(Msg("region {code} already given in row {row}", code=code, row=seen[code]))
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


def read_results_csv(
    text: str,
    known_codes: Collection[str] | None = None,
    populations: Mapping[str, int] | None = None,
    unknown_code: str = "unknown region code {code}",
) -> list[Entry]:
    """Entries from RESULTS.csv text (columns: see REQUIRED_COLUMNS and OPTIONAL_COLUMNS).

    With ``populations`` (a cycle's populations, frozen when it was opened) the file has no
    population column: each region's population comes from the mapping.
    """
    text = text.lstrip("\ufeff")
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter_of(text))
    header = [name.strip() for name in reader.fieldnames or []]
    required = [c for c in REQUIRED_COLUMNS if not (populations is not None and c == "population")]
    allowed = (*required, *OPTIONAL_COLUMNS)
    missing = [column for column in required if column not in header]
    unknown = [column for column in header if column not in allowed]
    if missing or unknown:
        messages = [Msg("missing column(s): {columns}", columns=", ".join(missing))] if missing else []
        messages += [Msg("unknown column(s): {columns}", columns=", ".join(unknown))] if unknown else []
        raise EntriesError([RowProblem(1, "", tuple(messages))])
    rows = [{(key or "").strip(): value for key, value in row.items()} for row in reader]
    if not rows:
        raise EntriesError([RowProblem(1, "", (Msg("no result rows"),))])
    if populations is not None:
        for row in rows:
            row["population"] = str(populations.get(_text(row.get("region_code")), 0))
    return check_rows(rows, known_codes, unknown=unknown_code)


def delimiter_of(text: str) -> str:
    """The delimiter that splits the header into the most known column names ("," when none does).

    Excel saves "CSV" with ";" between cells where the decimal separator is a comma (Indonesian
    settings), and "Text" with tabs; column names never contain any of the three."""
    header = text.split("\n", 1)[0]
    known = {*REQUIRED_COLUMNS, *OPTIONAL_COLUMNS}

    def hits(delimiter: str) -> int:
        return sum(name.strip().strip('"') in known for name in header.split(delimiter))

    return max(DELIMITERS, key=hits)  # max keeps the first of equals: "," unless another splits better


def read_number(text: str) -> Fraction:
    """A score as a person or a spreadsheet writes it, exactly; ValueError for anything else.

    - ``3.5``, ``1.234``, ``10/3``: a full stop is the decimal point (1.234 is one point two three
      four: a score lies in 0–5, and a lone full stop never means thousands here);
    - ``3,5``, ``1234,5``, ``1.234,5``: a comma is the decimal comma (Excel with Indonesian
      settings); full stops before it group thousands, in threes;
    - anything else (``1,234.5``, ``1.234.567``, two commas) is refused, never guessed.
    """
    text = text.strip()
    if "," in text:
        if not INDONESIAN_NUMBER.match(text):
            raise ValueError(f"not a number: {text!r}")
        text = text.replace(".", "").replace(",", ".")
    return to_fraction(text)


# ---------------------------------------------------------------- one cell at a time


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _code_problems(code: str, known_codes: Collection[str] | None, unknown: str) -> list[Msg]:
    if not code:
        return [Msg("region_code is missing")]
    try:
        kind = kind_of_code(code)
    except InvalidRegionCode:
        return [Msg("region code {code} is not of the form PP.KK", code=code)]
    if kind is RegionKind.PROVINCE:
        return [Msg("region code {code} is a province, not a kabupaten/kota", code=code)]
    if known_codes is not None and code not in known_codes:
        return [Msg(unknown, code=code)]
    return []


def _population(value: object, messages: list[Msg]) -> int | None:
    text = _text(value).replace("_", "")
    if not text:
        messages.append(Msg("population is missing"))
        return None
    try:
        number = int(text)
    except ValueError:
        messages.append(Msg("population {value} is not a whole number", value=text))
        return None
    if number < 0:
        messages.append(Msg("population {value} is negative", value=number))
        return None
    return number


def _part(part: str, value: object, messages: list[Msg]) -> Fraction | None:
    text = _text(value)
    if not text:
        messages.append(Msg("{part} is missing", part=part))
        return None
    try:
        number = read_number(text)
    except (ValueError, ZeroDivisionError):
        messages.append(Msg("{part} {value} is not a number", part=part, value=text))
        return None
    if not PART_MIN <= number <= PART_MAX:
        messages.append(Msg("{part} {value} is outside 0–5", part=part, value=text))
        return None
    return number


def _previous_total(value: object, messages: list[Msg]) -> Fraction | None:
    text = _text(value)
    if not text:
        return None
    try:
        number = read_number(text)
    except (ValueError, ZeroDivisionError):
        messages.append(Msg("{part} {value} is not a number", part="previous_total", value=text))
        return None
    if not PART_MIN <= number <= PART_MAX:
        messages.append(Msg("{part} {value} is outside 0–5", part="previous_total", value=text))
        return None
    return number


def _verified(value: object, messages: list[Msg]) -> bool | None:
    if isinstance(value, bool):
        return value
    text = _text(value).lower()
    if not text or text in TRUE_WORDS:
        return True
    if text in FALSE_WORDS:
        return False
    messages.append(Msg("verified {value} is not true or false", value=text))
    return None

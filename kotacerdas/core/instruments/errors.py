"""Problems found while loading an instrument or reading answers.

Every problem carries a stable ``code`` and its ``params`` so the web layer can
translate it; ``message`` is the English rendering. Loaders collect *all*
problems before raising, so a user fixes a file in one pass.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

# One English template per stable code; params fill the braces.
MESSAGES: dict[str, str] = {
    # instrument definition
    "instrument_not_found": "no instrument {instrument!r} (looked for {looked_in})",
    "unreadable_file": "cannot read {file}: {reason}",
    "missing_field": "required field {field!r} is missing",
    "unknown_field": "unknown field {field!r}",
    "invalid_value": "{field!r} must be {expected}, got {value!r}",
    "duplicate_code": "code {value!r} is used more than once (first at {first})",
    "not_a_number": "{field!r} must be a number, got {value!r}",
    "negative_weight": "weight must not be negative, got {value}",
    "zero_weights": "the weights of the children of {group!r} sum to zero",
    "weight_mismatch": "weight of {group!r} is {weight} but its children's weights sum to {children}",
    "node_kind": "a node needs either 'children' (a group) or 'answer' (an indicator), not {found}",
    "empty_group": "group {group!r} has no children",
    "unknown_level_set": "level set {value!r} is not defined in 'level_sets'",
    "level_out_of_scale": "level {value} lies outside the instrument scale {minimum}..{maximum}",
    "points_out_of_scale": "{field!r} = {value} lies outside the instrument scale {minimum}..{maximum}",
    "duplicate_level": "level {value} is defined more than once",
    "bad_goalposts": "goalposts must differ (lower {lower}, upper {upper})",
    "bad_range": "minimum {minimum} must be below maximum {maximum}",
    "too_deep": "node is at depth {depth} but the hierarchy names only {levels} levels",
    "framework_has_indicator": "a framework instrument only holds groups; {value!r} has an answer",
    "no_indicators": "a scoring instrument needs at least one indicator",
    "duplicate_band": "band minimum {value} is used more than once",
    "missing_sheet": "the workbook has no sheet {sheet!r}",
    "unknown_parent": "parent {parent!r} is not a group listed above this row",
    "unknown_reference": "indicator {indicator!r} is not in the nodes sheet",
    # answers
    "empty_file": "the file is empty",
    "bad_header": "the header must be {expected}, got {found}",
    "bad_row": "expected {expected} columns, got {found}",
    "unknown_indicator": "unknown indicator code {indicator!r}",
    "not_an_indicator": "{indicator!r} is a group, answers go to indicators",
    "duplicate_answer": "indicator {indicator!r} is answered more than once (first at row {first})",
    "not_a_level": "{indicator!r}: {value!r} is not a level; expected one of {allowed}",
    "not_yes_no": "{indicator!r}: {value!r} is not yes/no",
    "not_numeric": "{indicator!r}: {value!r} is not a number",
    "out_of_range": "{indicator!r}: {value} is outside {minimum}..{maximum}",
    "not_a_choice": "{indicator!r}: {value!r} is not an option; expected one of {allowed}",
    "missing_answer": "indicator {indicator!r} has no answer and the rule of {group!r} requires one",
    "no_answers_in_group": "group {group!r} has no answers left and the rule of {parent!r} requires it",
    "no_answers": "there are no answers to score",
    "unknown_target": "target for unknown code {code!r}",
    "target_out_of_scale": "target {value} for {code!r} lies outside the scale {minimum}..{maximum}",
    "not_scorable": "{instrument!r} is a framework skeleton, it has no indicators to score",
}


@dataclass(frozen=True)
class Problem:
    """One thing wrong, where it is, and why (translatable through ``code`` + ``params``)."""

    code: str
    path: str = ""
    row: int | None = None
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def message(self) -> str:
        template = MESSAGES.get(self.code, self.code)
        try:
            return template.format(**self.params)
        except (KeyError, IndexError):
            return f"{template} {dict(self.params)}"

    @property
    def where(self) -> str:
        parts = [self.path] if self.path else []
        if self.row is not None:
            parts.append(f"row {self.row}")
        return ", ".join(parts)

    def __str__(self) -> str:
        return f"{self.where}: {self.message}" if self.where else self.message

    def to_dict(self) -> dict[str, Any]:
        return {
            "code": self.code,
            "path": self.path,
            "row": self.row,
            "params": {key: _plain(value) for key, value in self.params.items()},
            "message": self.message,
        }


def _plain(value: Any) -> Any:
    """Params may hold Fractions; JSON wants text or numbers."""
    if isinstance(value, str | int | float | bool) or value is None:
        return value
    return str(value)


class ProblemsError(ValueError):
    """Raised with every problem found, never only the first."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__("\n".join(str(problem) for problem in self.problems))


class InstrumentError(ProblemsError):
    """The instrument definition (YAML, XLSX or dict) is invalid or cannot be found."""


class AnswersError(ProblemsError):
    """Answers (or targets) do not fit the instrument."""

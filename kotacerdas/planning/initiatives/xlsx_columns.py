"""The columns of the initiatives workbook (docs/reference/initiatives-xlsx.md), shared by the export
and the import.

The import reads codes (``application``, ``APBN_DAK``), which stay the same in every language; beside
each code column the export writes a name column for people to read (``type_name``: "Aplikasi"). The
import ignores a name column, except that it refuses a name that does not belong to the code beside it:
that is an edit that would otherwise be lost without a word.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from django.db import models
from django.utils import translation

from kotacerdas.planning import reference
from kotacerdas.planning.initiatives.fields import INITIATIVE_FIELDS
from kotacerdas.planning.models import FundingSource, Initiative

# The workbook names the owner's column after what it holds: the OPD's name.
COLUMN_OF = {"owner": "owner_opd"}
# code column → the read-only column beside it with the code's name
INITIATIVE_NAMES = {
    "element": "element_name",
    "type": "type_name",
    "horizon": "horizon_name",
    "status": "status_name",
}
BUDGET_NAMES = {"source": "source_name"}
KPI_FIXED = ["initiative_code", "name", "unit", "baseline"]


def _with_names(columns: list[str], names: dict[str, str]) -> list[str]:
    return [name for column in columns for name in (column, names.get(column)) if name]


INITIATIVE_COLUMNS = _with_names(
    [
        *[COLUMN_OF.get(name, name) for name in INITIATIVE_FIELDS],
        "pinned_start_year",
        *[f"score_{c}" for c in reference.SCORED_CRITERIA],
    ],
    INITIATIVE_NAMES,
)
BUDGET_COLUMNS = _with_names(["initiative_code", "year", "source", "amount"], BUDGET_NAMES)


def kpi_columns(years: list[int]) -> list[str]:
    return KPI_FIXED + [f"target_{year}" for year in years]


def _choice(choices: type[models.TextChoices]) -> Callable[[str], str | None]:
    return lambda code: str(choices(code).label) if code in choices.values else None


def _element(code: str) -> str | None:
    return reference.element_label(code) if reference.dimension_of(code) else None


NAME_OF: dict[str, Callable[[str], str | None]] = {
    "element": _element,
    "type": _choice(Initiative.Type),
    "horizon": _choice(Initiative.Horizon),
    "status": _choice(Initiative.Status),
    "source": _choice(FundingSource),
}


def name_of(column: str, code: str) -> str:
    """The name of a code of ``column`` in the active language ("" for a code that is not one)."""
    return NAME_OF[column](code) or ""


@lru_cache(maxsize=512)
def names_in_every_language(column: str, code: str) -> frozenset[str]:
    """The names a file exported in any language writes for the code (empty for an unknown code)."""
    names = set()
    for language in ("id", "en"):
        with translation.override(language):
            names.add(name_of(column, code))
    return frozenset(names - {""})

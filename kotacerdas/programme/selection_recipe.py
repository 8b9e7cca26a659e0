"""The selection's recipe as people read it: labels and sentences in their language beside the record.

A ranking keeps its recipe as recorded (its ``input_hash`` covers the ties rule's text, so the stored
words never change); pages and the workbook translate it on the way out. Identifiers (the instrument's
id, the input hash) are kept, each under a label.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.assessment.instruments import get_instrument, label
from kotacerdas.core.instruments import InstrumentError
from kotacerdas.core.selection import TIES_RULE
from kotacerdas.programme import scores

# the recorded sentence → what a person reads; a sentence recorded by another version stays as it is
TIES_RULES = {
    TIES_RULE: gettext_lazy(
        "Competition ranking (1, 1, 3): equal scores share a rank; a tie across the cut-off is decided "
        "by an override."
    ),
}
SCORE_SOURCES = {
    scores.SOURCE: gettext_lazy(
        "The verified result of the assessment linked to the candidacy; without one, the verified score "
        "recorded for the candidacy."
    ),
}


def ties_rule(recipe: dict[str, Any]) -> str:
    recorded = str(recipe.get("ties_rule", ""))
    return str(TIES_RULES.get(recorded, recorded))


def score_source(recipe: dict[str, Any]) -> str:
    recorded = str(recipe.get("score_source", ""))
    return str(SCORE_SOURCES.get(recorded, recorded))


def instrument_name(instrument_id: str) -> str:
    try:
        return label(get_instrument(instrument_id).name)
    except InstrumentError:
        return instrument_id


def margin(recipe: dict[str, Any]) -> Decimal | str:
    try:
        return Decimal(str(recipe.get("borderline_margin", "")))
    except InvalidOperation:
        return str(recipe.get("borderline_margin", ""))


def recipe_rows(recipe: dict[str, Any]) -> list[tuple[str, Any]]:
    """(label, value) for the workbook's recipe sheet; numbers stay numbers, identifiers stay as kept."""
    instrument = str(recipe.get("instrument", ""))
    bound = margin(recipe)
    return [
        (_("Instrument"), instrument_name(instrument)),
        (_("Instrument id"), instrument),
        (_("Quota"), recipe.get("quota")),
        (_("Ties rule"), ties_rule(recipe)),
        (_("Borderline margin"), float(bound) if isinstance(bound, Decimal) else bound),
        (_("Score source"), score_source(recipe)),
        (_("Input hash (SHA-256)"), str(recipe.get("input_hash", ""))),
    ]


def shown_recipe(recipe: dict[str, Any]) -> dict[str, Any]:
    """The recipe for a page: the recorded values, with the sentences in the reader's language."""
    return {**recipe, "ties_rule": ties_rule(recipe), "score_source": score_source(recipe)}

from __future__ import annotations

import re

from django import template
from django.utils.translation import gettext as _

from kotacerdas.assessment.actions.common import closing_of
from kotacerdas.assessment.instruments import get_instrument
from kotacerdas.assessment.instruments import label as label_of
from kotacerdas.assessment.models import Assessment, State
from kotacerdas.core.formatting import editable
from kotacerdas.core.instruments import InstrumentError, Text

register = template.Library()


@register.filter
def label(text: Text | dict[str, str] | None) -> str:
    return label_of(text)


@register.filter
def instrument_name(instrument_id: str) -> str:
    """``spbe-2020`` → "Indeks SPBE (PermenPANRB 59/2020)" in the reader's language; an instrument no
    longer installed keeps its id."""
    try:
        return label_of(get_instrument(instrument_id).name)
    except InstrumentError:
        return instrument_id


DECIMAL_TEXT = re.compile(r"-?\d+\.\d+")


@register.filter
def answer_text(value: object) -> str:
    """An answer as a person reads it: a yes/no answer is stored as "yes"/"no" and shown as Ya/Tidak."""
    if value is None or value == "":
        return "–"
    # only the stored words: "1" or "0" may be a count or a maturity level, never rewritten
    if value == "yes":
        return str(_("Yes"))
    if value == "no":
        return str(_("No"))
    if isinstance(value, str) and DECIMAL_TEXT.fullmatch(value):
        return editable(value)  # a number answer: 2.75 → 2,75, as every number on the pages
    return str(value)


@register.inclusion_tag("assessment/_closed_banner.html")
def closed_banner(assessment: Assessment | None) -> dict[str, object]:
    """On every page of a closed assessment: why, by whom and when it was closed; it is read-only."""
    if assessment is None or assessment.state != State.CLOSED:
        return {"closing": None}
    return {"closing": closing_of(assessment), "assessment": assessment}

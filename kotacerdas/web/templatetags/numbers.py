"""One number format on every page: the template face of ``kotacerdas.core.formatting``.

Built in (settings.TEMPLATES ``builtins``), so no template loads it::

    {{ item.budget_total|rupiah }}   Rp1.500.000.000
    {{ region.population|number }}   192.322
    {{ row.score|score }}            66,67   (every score and weight: two decimals)
    {{ share|decimal:1 }}            12,5
    {{ share|percent }}              12,5%
    {{ row.total|exact_score }}      3,475   (a published evaluation score with the places it has,
                                             as the result letter prints it; improvements signed:
    {{ row.improvement|signed_exact_score }} +0,25)
    {{ event.held_on|iso_date }}     20 Feb 2027  (a date kept as ISO text, e.g. in a published
                                             snapshot, shown as the pages show dates)
    {{ target|number|with_unit:kpi.unit }}  80% or 5.000 kunjungan  (a per cent sign against the
                                             number, as percent writes it; any other unit after a space)
    {{ file.size|filesize }}         38,8 KB  (Django's filesizeformat wrote 38.8 KB on English pages)

Nothing (None or "") is an en dash, as in the books. Never ``floatformat``/``intcomma``: they follow
the request's locale and gave 66.67, 66.6667 and 83,3 for the same kind of number on three pages.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django import template
from django.utils.formats import date_format
from django.utils.translation import gettext, ngettext

from kotacerdas.core import formatting
from kotacerdas.core.evaluation.letter import score_text, signed_score_text

register = template.Library()

DASH = "–"


def _value(value: Any) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        return Decimal(str(value))
    except InvalidOperation:
        return None


@register.filter
def rupiah(value: Any) -> str:
    amount = _value(value)
    return DASH if amount is None else formatting.rupiah(amount)


@register.filter
def number(value: Any) -> str:
    amount = _value(value)
    return DASH if amount is None else formatting.number(amount)


@register.filter
def decimal(value: Any, places: int = 2) -> str:
    amount = _value(value)
    return DASH if amount is None else formatting.decimal(amount, int(places))


@register.filter
def score(value: Any) -> str:
    return decimal(value, formatting.SCORE_PLACES)


@register.filter
def percent(value: Any, places: int = 1) -> str:
    amount = _value(value)
    return DASH if amount is None else formatting.percent(amount, int(places))


@register.filter
def decimal_plain(value: Any, most: Any = None) -> str:
    """A measured value as entered, without padding zeros: 75.5 → '75,5', 40.0000 → '40'. A computed
    float is rounded first to at most ``most`` places (``decimal_plain:2``): 5.950000000000001 → '5,95'."""
    amount = _value(value)
    if amount is None:
        return DASH
    if most is not None:
        return formatting.measured(amount, int(most))
    places = max(0, -amount.normalize().as_tuple().exponent)  # type: ignore[operator]
    return formatting.decimal(amount, places)


@register.filter
def exact_score(value: Any) -> str:
    return _exact(value, score_text)


@register.filter
def signed_exact_score(value: Any) -> str:
    return _exact(value, signed_score_text)


def _exact(value: Any, write: Callable[[str], str]) -> str:
    text = "" if value is None else str(value)
    try:
        return write(text)
    except (InvalidOperation, ValueError, ZeroDivisionError):
        return text or DASH  # a cell without a score keeps its mark ("—" none, "–" nothing planned)


@register.filter
def iso_date(value: Any) -> str:
    """``"2027-02-20"`` → "20 Feb 2027" (the reader's language); text that is no date stays as it is."""
    try:
        return date_format(date.fromisoformat(str(value)), "j M Y")
    except ValueError:
        return "" if value is None else str(value)


_SIZE_UNITS = ((1024**4, "%s TB"), (1024**3, "%s GB"), (1024**2, "%s MB"), (1024, "%s KB"))


@register.filter
def filesize(value: Any) -> str:
    """A file's size in bytes as Django's ``filesizeformat`` words it (its translations), with the
    project's decimal comma in every language: 40960 → "40,0 KB", 10485760 → "10,0 MB"."""
    amount = _value(value)
    if amount is None:
        return DASH
    size = int(amount)
    for unit, text in _SIZE_UNITS:
        if abs(size) >= unit:
            return gettext(text) % formatting.decimal(Decimal(size) / unit, 1)
    return ngettext("%(size)d byte", "%(size)d bytes", size) % {"size": size}


@register.filter
def with_unit(text: Any, unit: Any) -> str:
    """A number already written, with its unit: "80" and "%" → "80%" (as :func:`percent` writes a
    share, never "80 %"); "5.000" and "kunjungan" → "5.000 kunjungan"; no unit → the number alone."""
    unit = "" if unit is None else str(unit).strip()
    if not unit:
        return str(text)
    return f"{text}{unit}" if unit == "%" else f"{text} {unit}"

"""The shared number formats (kotacerdas.core.formatting) as template filters."""

from __future__ import annotations

from decimal import Decimal

from django import template

from kotacerdas.core import formatting

register = template.Library()


@register.filter
def rupiah(value: int | Decimal | None) -> str:
    return "—" if value is None else formatting.rupiah(value)


@register.filter
def number(value: int | Decimal | None) -> str:
    return "—" if value is None else formatting.measured(value)


@register.filter
def percent(value: int | Decimal | None) -> str:
    return "—" if value is None else formatting.percent(value)

"""``{% load planning_labels %}{{ item.element|element_label }}``: a dimension or element code as the
reader's words ("Smart Governance – Birokrasi"), from the Kominfo framework in
:mod:`kotacerdas.planning.reference`, and a funding source's name. Records keep the codes; pages show
the names."""

from __future__ import annotations

from django import template

from kotacerdas.planning import reference
from kotacerdas.planning.models import FundingSource

register = template.Library()


@register.filter
def dimension_label(code: str) -> str:
    return reference.dimension_label(code) if code else ""


@register.filter
def element_label(code: str) -> str:
    return reference.element_label(code) if code else ""


@register.filter
def funding_source_label(code: str) -> str:
    """``APBN_DAK`` → "APBN/DAK", ``OTHER`` → "Lainnya"; a code no longer offered stays as stored."""
    return str(FundingSource(code).label) if code in FundingSource.values else code

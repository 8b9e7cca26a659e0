"""``{% load planning_labels %}{{ item.element|element_label }}``: a dimension or element code as the
reader's words ("Smart Governance – Birokrasi"), from the Kominfo framework in
:mod:`kotacerdas.planning.reference`. Records keep the codes; pages show the names."""

from __future__ import annotations

from django import template

from kotacerdas.planning import reference

register = template.Library()


@register.filter
def dimension_label(code: str) -> str:
    return reference.dimension_label(code) if code else ""


@register.filter
def element_label(code: str) -> str:
    return reference.element_label(code) if code else ""

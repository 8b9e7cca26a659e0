"""``{% load planning_labels %}{{ item.element|element_label }}``: a dimension or element code as the
reader's words ("Smart Governance – Birokrasi"), from the Kominfo framework in
:mod:`kotacerdas.planning.reference`, a funding source's name, an optimiser run's result and the years
an initiative runs. Records keep the codes; pages show the names."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext as _

from kotacerdas.planning import reference
from kotacerdas.planning.checks import source_name, year_span

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
    return source_name(code)


@register.filter
def years(initiative: Any) -> str:
    """The years an initiative runs, as the books print them: "2027" for one year, else "2027–2029"."""
    return year_span(initiative.start_year, initiative.end_year)


@register.filter
def roadmap_result(status: str) -> str:
    """An optimiser run's result status (``optimal``, ``feasible``…) in the reader's words."""
    words = {
        "optimal": _("optimal"),
        "feasible": _("feasible (not proven optimal)"),
        "infeasible": _("infeasible"),
    }
    return str(words.get(status, _("no schedule found in time")))

"""``{% load planning_links %}{% masterplan_link region %}``: a link to the region's masterplan."""

from __future__ import annotations

from typing import Any

from django import template

register = template.Library()


@register.inclusion_tag("planning/_masterplan_link.html")
def masterplan_link(region: Any) -> dict[str, Any]:
    return {"region": region}

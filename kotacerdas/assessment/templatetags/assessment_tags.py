from __future__ import annotations

from django import template

from kotacerdas.assessment.instruments import label as label_of
from kotacerdas.core.instruments import Text

register = template.Library()


@register.filter
def label(text: Text | dict[str, str] | None) -> str:
    return label_of(text)

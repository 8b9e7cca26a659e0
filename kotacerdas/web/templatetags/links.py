"""``{% fixed_url "home" %}``: ``{% url %}`` for an address without arguments, reversed once per process.

Every page's header and footer link to a dozen such addresses; ``{% url %}`` reverses each on every
page (~0.3 ms a page, bench/pages 2026-12-05). Their addresses change only with the URL patterns or the
script prefix a deployment is mounted under, so they are kept per process for each prefix. A built-in
tag (settings.TEMPLATES ``builtins``), so no template has to load it.
"""

from __future__ import annotations

from django import template
from django.urls import get_script_prefix, reverse

register = template.Library()

_REVERSED: dict[tuple[str, str], str] = {}


@register.simple_tag
def fixed_url(name: str) -> str:
    key = (get_script_prefix(), name)
    if key not in _REVERSED:
        _REVERSED[key] = reverse(name)
    return _REVERSED[key]

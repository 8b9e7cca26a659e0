"""``{% submission_token %}``: the one-time token of a POST form, next to ``{% csrf_token %}``.

A built-in tag (settings.TEMPLATES ``builtins``), so no template has to load it. The page layer
records the token with the form's action (``kotacerdas.web.submissions``); the same form sent twice
does nothing twice. tests in kotacerdas/web/tests/test_submissions.py check every POST form has it.
"""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString

from kotacerdas.web.submissions import FIELD, new_token

register = template.Library()


@register.simple_tag
def submission_token() -> SafeString:
    return format_html('<input type="hidden" name="{}" value="{}">', FIELD, new_token())

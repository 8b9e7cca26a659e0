"""The texts of the notification kinds, and their rendering in the reader's language.

Apps register the text of each kind (an English msgid with %(name)s placeholders) with
:func:`register`, usually in a module their AppConfig imports. This module imports no model, so
both the model (``Notification.text``) and the sender (``service``) can use it without an import
circle.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext

KINDS: dict[str, str] = {}
# Parameters holding English source text (e.g. a checklist title) are translated when shown.
TRANSLATED_PARAMS = {"deliverable"}


def register(kind: str, text: str) -> None:
    """``text`` is a gettext_noop'd English msgid with %(name)s placeholders."""
    KINDS[kind] = text


def render_text(kind: str, params: dict[str, Any]) -> str:
    template = KINDS.get(kind)
    if template is None:
        return kind
    shown = {
        key: gettext(value) if key in TRANSLATED_PARAMS and value else value for key, value in params.items()
    }
    try:
        return gettext(template) % shown
    except (KeyError, TypeError, ValueError):
        return gettext(template)

"""The texts of the notification kinds, and their rendering in the reader's language.

Apps register the text of each kind (an English msgid with %(name)s placeholders) with
:func:`register`, usually in a module their AppConfig imports. This module imports no model, so
both the model (``Notification.text``) and the sender (``service``) can use it without an import
circle.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.utils.formats import date_format
from django.utils.translation import gettext

KINDS: dict[str, str] = {}
# Parameters holding English source text (e.g. a checklist title) are translated when shown.
TRANSLATED_PARAMS = {"deliverable"}
# Parameters holding a date (stored as ISO text in the JSON params) are shown as the pages show dates.
DATE_PARAMS = {"closes", "due"}


def register(kind: str, text: str) -> None:
    """``text`` is a gettext_noop'd English msgid with %(name)s placeholders."""
    KINDS[kind] = text


def render_text(kind: str, params: dict[str, Any]) -> str:
    template = KINDS.get(kind)
    if template is None:
        return kind
    shown = {key: _shown(key, value) for key, value in params.items()}
    try:
        return gettext(template) % shown
    except (KeyError, TypeError, ValueError):
        return gettext(template)


def _shown(key: str, value: Any) -> Any:
    if key in TRANSLATED_PARAMS and value:
        return gettext(value)
    if key in DATE_PARAMS and isinstance(value, str):
        try:
            return date_format(date.fromisoformat(value))  # 31 Jan 2027, as on every page
        except ValueError:
            return value
    return value

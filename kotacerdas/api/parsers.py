"""JSON bodies cleaned the way form posts are (kotacerdas.web.middleware.StripControlCharactersMiddleware)."""

from __future__ import annotations

from typing import Any

from rest_framework.parsers import JSONParser

from kotacerdas.core.spreadsheet import strip_control


class CleanJSONParser(JSONParser):
    """Control characters other than tab and line breaks are removed from every string of the body."""

    def parse(self, stream: Any, media_type: str | None = None, parser_context: Any = None) -> Any:
        return _clean(super().parse(stream, media_type, parser_context))


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        return strip_control(value)
    if isinstance(value, list):
        return [_clean(item) for item in value]
    if isinstance(value, dict):
        return {_clean(key): _clean(item) for key, item in value.items()}
    return value

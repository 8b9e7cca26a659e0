"""The OpenAPI schema tells the truth about errors: every operation lists the statuses it can answer.

drf-spectacular documents only the success of an operation; the API also answers 400 (a filter, page
or body it refuses), 401 (no or a bad token), 403 (a write the caller may not make) and 404 (a record
outside the caller's scope, or a page past the last). Which of them an operation can answer follows
from the view (its permissions, its path parameters, its pagination and query parameters), so it is
decided here, once, for every view: ``DEFAULT_SCHEMA_CLASS`` in settings points to ``AutoSchema``.
"""

from __future__ import annotations

from typing import Any

from drf_spectacular import openapi
from rest_framework.permissions import AllowAny, IsAuthenticated

ERROR = {"$ref": "#/components/schemas/Error"}
VALIDATION_ERROR = {"$ref": "#/components/schemas/ValidationError"}

# Added to the schema's components by ``add_error_components`` (a postprocessing hook in settings).
COMPONENTS = {
    "schemas": {
        "Error": {
            "type": "object",
            # Accept-Language is not followed (IndonesianFirstLocaleMiddleware): only the language cookie
            "description": "Why the request was refused: in Indonesian, or English with django_language=en.",
            "properties": {"detail": {"type": "string"}},
            "required": ["detail"],
        },
        "ValidationError": {
            "type": "object",
            "description": "The messages per refused parameter or field; `detail` (one message or a "
            "list) or `non_field_errors` when the refusal is not about one of them.",
            "additionalProperties": {
                "anyOf": [{"type": "array", "items": {"type": "string"}}, {"type": "string"}]
            },
            "minProperties": 1,
        },
    }
}

DESCRIPTIONS = {
    "400": "A query parameter, page number or body field is invalid; the messages name it.",
    "401": "No token (or session), or the token is not valid.",
    "403": "The caller may see the record but not make this change.",
    "404": "No such record within the caller's scope (outside it is never 403), or a page past the last.",
}


class AutoSchema(openapi.AutoSchema):
    def _get_response_bodies(self, direction: Any = "response") -> dict[str, Any]:
        responses: dict[str, Any] = super()._get_response_bodies(direction)
        for code in self.error_statuses():
            schema = VALIDATION_ERROR if code == "400" else ERROR
            responses.setdefault(
                code,
                {"description": DESCRIPTIONS[code], "content": {"application/json": {"schema": schema}}},
            )
        return responses

    def error_statuses(self) -> list[str]:
        permissions = [type(permission) for permission in self.view.get_permissions()]
        public = all(permission is AllowAny for permission in permissions)
        takes_input = self.method in ("POST", "PUT", "PATCH")
        paginated = self._is_list_view() and self._get_paginator() is not None
        has_query = paginated or any(parameter.get("in") == "query" for parameter in self._get_parameters())
        codes = []
        if has_query or takes_input:
            codes.append("400")
        if not public:
            codes.append("401")
        if takes_input:
            codes.append("403")  # the action's permission, or the session's CSRF check
        narrower = any(permission not in (AllowAny, IsAuthenticated) for permission in permissions)
        if "{" in self.path or paginated or narrower:
            codes.append("404")
        return codes


def add_error_components(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular postprocessing hook: the bodies the error responses above refer to."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas.update(COMPONENTS["schemas"])
    return result

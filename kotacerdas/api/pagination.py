"""Pages of 50 whose ``?page=`` is validated like every other query parameter.

DRF's own paginator treats an empty ``?page=`` as page 1 and answers "abc" with 404; here the page is
a whole number from 1 written in ASCII digits (``kotacerdas.web.params.parse_int``), anything else is a
400 naming the parameter, and only a page past the last is a 404.
"""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.utils.translation import gettext as _
from rest_framework import exceptions, pagination
from rest_framework.request import Request

from kotacerdas.web.params import parse_int


class PageNumberPagination(pagination.PageNumberPagination):
    last_page_strings = ()

    def get_page_number(self, request: Request, paginator: Paginator[Any]) -> int:
        if self.page_query_param not in request.query_params:
            return 1
        number = parse_int(request.query_params[self.page_query_param])
        if number is None or number < 1:
            message = _("The page must be a whole number from 1.")
            raise exceptions.ValidationError({self.page_query_param: [message]})
        return number

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        parameters: list[dict[str, Any]] = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            if parameter["name"] == self.page_query_param:
                parameter["schema"] = {"type": "integer", "minimum": 1, "maximum": 999_999_999}
        return parameters

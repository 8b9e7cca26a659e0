"""Shared pieces of every app's API (kernel: Django and DRF only): how an action's refusal and a
server error are said to an API client. Who may call lives with the access getters
(``kotacerdas.accounts.access.IsNationalAdmin``)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import DatabaseError, models
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, serializers

# The city-size classes of PP 26/2008 (kotacerdas.core.regions.PP_26_2008), the values a region's
# ``size_class`` takes; the API filters by them and its schema lists them.
SIZE_CLASSES = ["kecil", "sedang", "besar", "metropolitan"]
# A province's Kemendagri code: two ASCII digits (``\d`` would also take "٣٣").
PROVINCE_CODE = r"^[0-9]{2}$"
TIME_HELP = "ISO 8601 in the site's time zone with its offset, to the second (2027-01-05T09:30:00+07:00)"


def api_time(moment: datetime) -> str:
    """A moment as every API answer, open-data file and catalogue gives it: ISO 8601 in the site's time
    zone with its offset, to the second (``2027-01-05T09:30:00+07:00``; no microseconds)."""
    return timezone.localtime(moment).isoformat(timespec="seconds")


class TimeField(serializers.DateTimeField):
    """The DateTimeField of every API serializer: ``api_time``, with the format in the schema."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("help_text", TIME_HELP)
        super().__init__(**kwargs)

    def to_representation(self, value: Any) -> str:  # None never reaches it: the serializer gives null
        return value if isinstance(value, str) else api_time(value)


M = TypeVar("M", bound=models.Model)


class ModelSerializer(serializers.ModelSerializer[M]):
    """DRF's ModelSerializer whose model DateTimeFields are ``TimeField`` (to the second)."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: TimeField,
    }


def as_api_error(error: ValidationError) -> exceptions.ValidationError:
    """An action's ValidationError as a 400 body: messages per field, or under ``detail``."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"detail": list(error.messages)})


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's handler400: JSON for API clients (the schema documents every error as JSON)."""
    if not is_api(request):
        return defaults.bad_request(request, exception)
    return JsonResponse({"detail": _("The request is not valid.")}, status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's handler403: JSON for API clients."""
    if not is_api(request):
        return defaults.permission_denied(request, exception)
    return JsonResponse({"detail": _("You may not do this.")}, status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """The project's handler404: JSON for API clients, also for a URL no route matches
    (``/api/v1/regions/33.73/assessments/abc``), as the schema says."""
    if not is_api(request):
        return defaults.page_not_found(request, exception)
    return JsonResponse({"detail": _("Not found.")}, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """The project's handler500: API clients get JSON, people get the 500 page.

    A broken database is the common cause of a 500 in production; an API client is told to retry
    (503 + Retry-After) instead of receiving an HTML page it cannot parse."""
    if not is_api(request):
        return defaults.server_error(request)
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = {"detail": _("The service is temporarily unavailable. Please try again shortly.")}
        return JsonResponse(body, status=503, headers={"Retry-After": "30"})
    return JsonResponse({"detail": _("A server error occurred.")}, status=500)


def blank_parameters(query: Mapping[str, Any], names: Iterable[str]) -> dict[str, list[str]]:
    """The messages for filters given with no value (``?kind=``): leave a filter out, or give it a value."""
    message = _("Give this filter a value, or leave it out.")
    return {name: [message] for name in names if name in query and not str(query[name]).strip()}


class QueryFilters(serializers.Serializer[dict[str, Any]]):
    """Query-string filters of a list: each one optional, and refused (400, per parameter) when it is
    given empty or with a value outside its choices or pattern."""

    def to_internal_value(self, data: Any) -> dict[str, Any]:
        blank = blank_parameters(data, self.fields)
        try:
            values: dict[str, Any] = super().to_internal_value(data)
        except exceptions.ValidationError as error:
            raise exceptions.ValidationError({**dict(error.detail), **blank}) from None  # type: ignore[arg-type]
        if blank:
            raise exceptions.ValidationError(blank)
        return values

"""Shared pieces of every app's API (kernel: Django and DRF only): how an action's refusal and a
server error are said to an API client. Who may call lives with the access getters
(``kotacerdas.accounts.access.IsNationalAdmin``)."""

from __future__ import annotations

import sys

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions


def as_api_error(error: ValidationError) -> exceptions.ValidationError:
    """An action's ValidationError as a 400 body: messages per field, or under ``detail``."""
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(error.message_dict)
    return exceptions.ValidationError({"detail": list(error.messages)})


def server_error(request: HttpRequest) -> HttpResponse:
    """The project's handler500: API clients get JSON, people get the 500 page.

    A broken database is the common cause of a 500 in production; an API client is told to retry
    (503 + Retry-After) instead of receiving an HTML page it cannot parse."""
    if not request.path.startswith("/api/"):
        return defaults.server_error(request)
    error = sys.exc_info()[1]
    if isinstance(error, DatabaseError):
        body = {"detail": _("The service is temporarily unavailable. Please try again shortly.")}
        return JsonResponse(body, status=503, headers={"Retry-After": "30"})
    return JsonResponse({"detail": _("A server error occurred.")}, status=500)

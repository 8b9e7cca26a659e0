"""Shared pieces for API views that call actions: who may call, and how an action's refusal is said."""

from __future__ import annotations

import sys
from typing import Any

from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.utils.translation import gettext as _
from django.views import defaults
from rest_framework import exceptions, permissions

from kotacerdas.accounts.access import is_national_admin


class IsNationalAdmin(permissions.BasePermission):
    """Ayu only. Anyone else who is logged in gets 404, as on the web pages (nothing leaks)."""

    def has_permission(self, request: Any, view: Any) -> bool:
        if not request.user or not request.user.is_authenticated:
            return False
        if not is_national_admin(request.user):
            raise exceptions.NotFound()
        return True


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

"""Shared pieces for API views that call actions: who may call, and how an action's refusal is said."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
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

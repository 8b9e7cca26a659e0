"""What the participation actions share: the audit snapshot that never keeps a personal number."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import snapshot
from kotacerdas.core.personal_numbers import redact
from kotacerdas.participation.access import can_moderate, citizen_of
from kotacerdas.regions.models import Region

T = TypeVar("T")
TEXT_FIELDS = ("title", "text", "kecamatan")  # everything a citizen writes that is shown publicly


def safe_snapshot(instance: Any) -> dict[str, Any]:
    """The audit picture of an idea or comment with personal numbers masked (UU PDP: the audit log
    must not become the place a NIK survives its redaction)."""
    values = snapshot(instance)
    for name in TEXT_FIELDS:
        if isinstance(values.get(name), str):
            values[name] = redact(values[name])
    return values


def require_verified(actor: User) -> None:
    citizen = citizen_of(actor)
    if citizen is None:
        raise ActionNotAllowed(_("Register as a citizen to take part."))
    if not citizen.verified:
        raise ValidationError(_("Verify your e-mail address first: open the link we sent you."))


def require_moderator(actor: User, region: Region) -> None:
    if not can_moderate(actor, region):
        raise ActionNotAllowed(_("Only the region's coordinator (Diskominfo) may moderate citizen input."))


def clean_text(value: str, field: str, *, minimum: int, maximum: int) -> str:
    text = (value or "").strip()
    if len(text) < minimum:
        raise ValidationError({field: _("Write at least %(n)d characters.") % {"n": minimum}})
    if len(text) > maximum:
        raise ValidationError({field: _("Write at most %(n)d characters.") % {"n": maximum}})
    return text


class FieldErrors:
    """Collects each field's refusal so a form shows them all at once (a citizen re-solves the
    captcha once, not once per field)::

        errors = FieldErrors()
        title = errors.check(lambda: clean_text(title, "title", minimum=5, maximum=120))
        errors.raise_any()
    """

    def __init__(self) -> None:
        self.found: dict[str, list[str]] = {}

    def check(self, clean: Callable[[], T], default: T) -> T:
        try:
            return clean()
        except ValidationError as error:
            for field, messages in error.message_dict.items():
                self.found.setdefault(field, []).extend(messages)
            return default

    def add(self, field: str, message: str) -> None:
        self.found.setdefault(field, []).append(message)

    def raise_any(self) -> None:
        if self.found:
            raise ValidationError(self.found)

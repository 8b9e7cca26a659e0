"""Writing audit entries. Called by actions inside their transaction."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any

from django.contrib.auth.base_user import AbstractBaseUser
from django.contrib.auth.models import AnonymousUser
from django.db import models, transaction
from django.db.models.fields.files import FieldFile

from kotacerdas.audit.models import SYSTEM, AuditEntry


def snapshot(instance: models.Model, fields: list[str] | None = None) -> dict[str, Any]:
    """A JSON-safe picture of a model's concrete fields (foreign keys by id)."""
    values: dict[str, Any] = {}
    for field in instance._meta.concrete_fields:
        if fields is not None and field.name not in fields:
            continue
        if field.name == "password":
            continue
        values[field.name] = _json_safe(getattr(instance, field.attname))
    return values


def _json_safe(value: Any) -> Any:
    if value is None or isinstance(value, bool | int | float | str | list | dict):
        return value
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, FieldFile):
        return value.name or None  # the stored file's name, not its content
    return str(value)  # Decimal, UUID, timedelta…: their text is what a reader needs


# The person who acted, or None for the system (tasks, data migrations). Typed by Django's base class:
# the audit app sits below accounts and does not import its User.
Actor = AbstractBaseUser | AnonymousUser | None


def record(
    actor: Actor,
    action: str,
    target: models.Model,
    *,
    before: dict[str, Any] | None,
    after: dict[str, Any] | None,
    region: Any = None,
) -> AuditEntry:
    actor_id = getattr(actor, "pk", None)
    return AuditEntry.objects.create(
        actor_id=actor_id,
        actor_name=str(actor) if actor_id else SYSTEM,
        action=action,
        object_type=target._meta.label_lower,
        object_id=str(target.pk),
        object_repr=str(target)[:250],
        region=region,
        before=before,
        after=after,
    )


def save_audited(
    actor: Actor,
    action: str,
    instance: models.Model,
    changes: dict[str, Any],
    *,
    region: Any = None,
    watch: list[str] | None = None,
) -> AuditEntry:
    """Apply ``changes`` to a saved instance, save only those fields and record before/after.

    The one "snapshot → save(update_fields) → record" block of every action; ``watch`` widens the
    audited fields beyond the changed ones (e.g. a derived field the reader needs to see).
    Runs in a transaction so the change and its audit entry land together or not at all."""
    fields = list(changes)
    audited = list(dict.fromkeys([*fields, *(watch or [])]))
    before = snapshot(instance, audited)
    for name, value in changes.items():
        setattr(instance, name, value)
    with transaction.atomic():
        instance.save(update_fields=fields)
        return record(
            actor, action, instance, before=before, after=snapshot(instance, audited), region=region
        )

"""Optimistic versions: an edit started from an older version of a record is refused, never applied.

Every edited model carries an integer ``version`` (``Versioned``); every save raises it by one in the
database (``F("version") + 1``), whoever saves — a form, an import, a task. An edit form carries the
version it started from in a hidden field (``kotacerdas.web.forms.VersionedForm``) and the action
checks it inside its transaction, before it writes::

    with transaction.atomic():
        require_version(initiative, version, labels={"masterplan.initiative.budget": _("budget")})
        save_record(...)

``require_version`` locks the row (``select_for_update``, its SQL compiled once per model), compares
the stored version with the one the person started from, and on a mismatch raises a
``ValidationError`` that names who changed the record, when, and which fields (read from the audit
log), so nothing is overwritten and the form is shown again with what the person typed.
``expected=None`` (old callers, imports, tasks) skips the check.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models, router, transaction
from django.db.models import F, QuerySet
from django.db.models.expressions import Combinable
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from kotacerdas.audit.log import snapshot
from kotacerdas.audit.models import AuditEntry
from kotacerdas.web.compiled import compiled, first_of

# What the person sees is who changed it since; entries further back than this are not read.
HISTORY_LIMIT = 50
# Fields every save touches: never reported as "changed by someone else".
BOOKKEEPING = frozenset({"version", "updated_by", "updated_at", "created_at", "created_by"})


class Versioned(models.Model):
    """An abstract model whose every save raises ``version`` by one, in the database."""

    version = models.PositiveIntegerField(gettext_lazy("version"), default=1, editable=False)

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self._state.adding or self.pk is None:
            super().save(*args, **kwargs)
            return
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = list(dict.fromkeys([*update_fields, "version"]))
        locked = self.__dict__.pop(_LOCKED, None)
        self.version = F("version") + 1
        try:
            super().save(*args, **kwargs)
        finally:
            if isinstance(self.version, Combinable):
                if locked is not None and _still_open(router.db_for_write(type(self)), locked[1]):
                    self.version = locked[0] + 1  # the row is locked since it was read: no query
                else:
                    self.refresh_from_db(fields=["version"])


# The version ``require_version`` read while locking the row, and the atomic block it was locked in:
# a save while that block is still open knows the new version without reading it back (issue 13, item
# 11). The database is raised by ``F("version") + 1`` whatever this holds, so at worst (the same
# request saving another copy of the row in between) only this instance's own number is behind.
_LOCKED = "_kotacerdas_locked_version"
_PK = -7_410_001  # a stand-in primary key (kotacerdas.web.compiled)


def _open_block(database: str) -> object | None:
    connection = transaction.get_connection(database)
    return connection.atomic_blocks[-1] if connection.atomic_blocks else None


def _still_open(database: str, block: object | None) -> bool:
    return block is not None and any(
        open_block is block for open_block in transaction.get_connection(database).atomic_blocks
    )


def _version_of(model: type[models.Model]) -> Any:
    def build(pk: int) -> QuerySet[Any]:
        return first_of(model._base_manager.select_for_update().filter(pk=pk)).values_list("version")

    return build


def require_version(
    instance: Versioned, expected: int | None, *, labels: Mapping[str, Any] | None = None
) -> None:
    """Refuse the save when the stored record is no longer the version the person started from.

    Call inside the action's ``transaction.atomic()``, before the write: the row stays locked until
    the transaction ends, so of two saves from the same version exactly one succeeds. ``labels``
    names audit actions of the same record that are not a row snapshot (e.g. an initiative's budget
    rows) for the message. ``expected=0`` means "there was no record yet": the person's form was
    empty, so a record created since is a change they have not seen."""
    if expected is None or instance.pk is None:
        return
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("require_version must run inside the action's transaction")
    model = type(instance)
    database = router.db_for_write(model)
    query = compiled(("locked version", model._meta.label_lower), database, _version_of(model), _PK)
    found = query.rows(instance.pk)
    current = found[0][0] if found else None
    if current is None:
        raise ValidationError(
            _("This record was deleted after you opened it; your changes have not been saved.")
        )
    if current != expected:
        raise ValidationError(stale_message(instance, expected, labels or {}))
    instance.__dict__[_LOCKED] = (current, _open_block(database))


def stale_message(instance: models.Model, expected: int, labels: Mapping[str, Any]) -> str:
    """Who changed the record since ``expected``, when, and which fields — from its audit entries."""
    since = _entries_since(instance, expected)
    if not since:
        return _(
            "This record was changed by someone else after you opened it. "
            "Reload the page; your changes have not been saved."
        )
    who = ", ".join(dict.fromkeys(entry.who for entry in since))
    when = date_format(timezone.localtime(since[-1].created_at), "j M Y H:i")
    fields = _changed_labels(instance, since, labels)
    if fields:
        return _(
            "This record was changed by %(who)s on %(when)s (%(fields)s) after you opened it. "
            "Reload the page; your changes have not been saved."
        ) % {"who": who, "when": when, "fields": ", ".join(fields)}
    return _(
        "This record was changed by %(who)s on %(when)s after you opened it. "
        "Reload the page; your changes have not been saved."
    ) % {"who": who, "when": when}


def _entries_since(instance: models.Model, expected: int) -> list[AuditEntry]:
    """The record's audit entries from the first one that raised its version past ``expected``."""
    recent = AuditEntry.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("-id")[:HISTORY_LIMIT]
    entries = list(reversed(recent))
    for index, entry in enumerate(entries):
        version = (entry.after or {}).get("version")
        if isinstance(version, int) and version > expected:
            return entries[index:]
    return []


def _changed_labels(
    instance: models.Model, entries: list[AuditEntry], labels: Mapping[str, Any]
) -> list[str]:
    names: dict[str, None] = {}
    for entry in entries:
        changed = _changed_keys(instance, entry)
        if entry.action in labels:
            if changed:
                names[str(labels[entry.action])] = None
            continue
        for key in changed:
            if key in BOOKKEEPING:
                continue
            names[_field_label(instance, key)] = None
    return list(names)


def _changed_keys(instance: models.Model, entry: AuditEntry) -> list[str]:
    """The fields an entry changed, in the model's order. A creation has no ``before``: against the empty
    form the person started from, its author changed the fields they filled in, not the record's id nor
    the fields that say which record it is (an answer's assessment and indicator: the form's address)."""
    if entry.before:
        changed = {key for key, _before, _after in entry.changed_fields()}
    else:
        empty = snapshot(type(instance)())
        identity = _identity_fields(instance)
        after = entry.after or {}
        changed = {key for key, value in after.items() if key not in identity and value != empty.get(key)}
    order = [field.name for field in instance._meta.concrete_fields]
    return sorted(changed, key=lambda key: (order.index(key) if key in order else len(order), key))


def _identity_fields(instance: models.Model) -> set[str]:
    meta = instance._meta
    names = {meta.pk.name} if meta.pk is not None else set()
    for constraint in meta.constraints:
        names.update(getattr(constraint, "fields", ()) or ())
    for together in meta.unique_together:
        names.update(together)
    return names


def _field_label(instance: models.Model, name: str) -> str:
    try:
        field = instance._meta.get_field(name)
    except FieldDoesNotExist:
        return name
    return str(getattr(field, "verbose_name", name))

"""Lock, then check: the one guard of every state machine transition.

Rina approves a submitted deliverable while Ayu returns it: both read "submitted", both would move
it. ``lock_state`` makes the second wait for the first (``SELECT … FOR UPDATE`` on the record's row),
re-reads the state it starts from, and refuses the move when the first has already changed it,
naming the new state and who set it (from the audit log). On SQLite the write transaction itself
serialises the two (``transaction_mode=IMMEDIATE``) and the re-read does the rest.

Use it first inside the transition's ``transaction.atomic()``, after the action's usual checks on the
state the person saw (those keep their own messages)::

    with transaction.atomic():
        lock_state(deliverable, [progress.SUBMITTED])
        ...  # move it
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext as _

from kotacerdas.audit.models import AuditEntry

M = TypeVar("M", bound=models.Model)


def lock_state(instance: M, allowed: Iterable[str], *, field: str = "status") -> M:
    """Lock ``instance``'s row until the transaction ends; refuse unless its state is in ``allowed``.

    Refreshes ``instance``'s state field from the locked row (nothing else). Raises the Indonesian
    "the status has already changed to … by …; reload the page" ``ValidationError`` otherwise."""
    current = _locked(instance).values_list(field, flat=True).get()
    setattr(instance, field, current)
    if current not in set(allowed):
        raise stale(instance, field)
    return instance


def lock_row(instance: models.Model) -> None:
    """Lock ``instance``'s row until the transaction ends, for a transition whose state is not a
    field (a cohort's selection is made once it has a ranking): re-check that state after this."""
    _locked(instance).values_list("pk", flat=True).get()


def _locked(instance: models.Model) -> models.QuerySet[Any]:
    return type(instance)._default_manager.select_for_update().filter(pk=instance.pk)


def stale(instance: models.Model, field: str = "status") -> ValidationError:
    """The refusal of a move that started from a state someone else has just left."""
    state = getattr(instance, field)
    choices = getattr(instance._meta.get_field(field), "flatchoices", None) or []
    label = str(dict(choices).get(state, state))
    who = moved_by(instance, field)
    if who:
        message = _("The status has already changed to “%(state)s” by %(who)s; reload the page.")
        return ValidationError(message % {"state": label, "who": who})
    return ValidationError(
        _("The status has already changed to “%(state)s”; reload the page.") % {"state": label}
    )


def moved_by(instance: models.Model, field: str = "status") -> str:
    """Who set the record's current state, as the audit log says ("" when it does not say)."""
    state = getattr(instance, field)
    recent = AuditEntry.objects.filter(
        object_type=instance._meta.label_lower, object_id=str(instance.pk)
    ).order_by("-id")[:20]
    for entry in recent:
        if isinstance(entry.after, dict) and entry.after.get(field) == state:
            return entry.who
    return ""

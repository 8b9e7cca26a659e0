"""What the current request wrote, by record type (model label, e.g. ``"assessment.answer"``).

Every row saved or deleted through the ORM during a request is noted in its memo (``kotacerdas.web.memo``),
and so is the type each audit entry names: every action records one for its change, also when it
changes rows in bulk (``QuerySet.update`` sends no signal). :class:`~kotacerdas.web.middleware.
InboxBadgeMiddleware` reads it to tell a write that can move the person's inbox from one that cannot.
"""

from __future__ import annotations

from typing import Any

from django.db.models.signals import m2m_changed, post_delete, post_save

from kotacerdas.web.memo import request_memo

_WRITTEN = "kotacerdas.written"
# The audit log's model, named rather than imported (the kernel imports no app).
AUDIT_ENTRY = "audit.auditentry"


def written_in_request() -> frozenset[str] | None:
    """The record types written so far in this request (empty: none seen); None outside a request."""
    memo = request_memo()
    if memo is None:
        return None
    return frozenset(memo.get(_WRITTEN, ()))


def _note(sender: Any, instance: Any = None, **kwargs: Any) -> None:
    memo = request_memo()
    if memo is None:
        return
    written = memo.setdefault(_WRITTEN, set())
    label = sender._meta.label_lower
    written.add(label)
    if label == AUDIT_ENTRY and getattr(instance, "object_type", ""):
        written.add(instance.object_type)


def connect() -> None:
    """Called from WebConfig.ready()."""
    post_save.connect(_note, dispatch_uid="kotacerdas_written_save")
    post_delete.connect(_note, dispatch_uid="kotacerdas_written_delete")
    m2m_changed.connect(_note, dispatch_uid="kotacerdas_written_m2m")

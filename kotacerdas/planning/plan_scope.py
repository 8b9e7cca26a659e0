"""Which masterplan revision a planning record belongs to, and the read-only rule of earlier ones.

A region holds successive masterplans (revision 1, 2, …); exactly one is active (a partial unique
index). The records that belong to one plan — problems, initiatives and what hangs on them (KPIs,
budget lines, Quick Wins) — carry (or reach) a ``masterplan`` foreign key.

Every reader asks for "the region's problems" as ``Problem.objects.filter(region=region)``; the
default managers below answer with the records of the **active** revision, so every page, API, book,
monitoring and evaluation view reads the active plan without knowing revisions exist (and a region
with one plan behaves exactly as before). An earlier revision is read on purpose, through the
``all_revisions`` manager (``kotacerdas.planning.revisions``). Related managers use the default
manager too: read an earlier revision's KPIs as ``Kpi.all_revisions.filter(initiative=...)``.

Writes to an earlier revision are refused in ``save()``/``delete()`` (pages, API, imports and the
Django admin alike); see docs/explanation/masterplan-revisions.md.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext as _

# The filtered base queryset of each scoped manager, built once per (model, database) and cloned for
# every use. Filtering through a join (``initiative__masterplan__is_active``) costs ~0.12 ms, a clone
# ~0.01 ms, and Django asks a related manager for its queryset once per row it prefetches for: 27 times
# on the initiatives list (issue 17). The kept queryset is never evaluated; only its clones are.
_BASE_QUERYSETS: dict[tuple[type[models.Model], str | None], models.QuerySet[Any]] = {}


def _scoped(
    manager: models.Manager[Any], build: Callable[[models.QuerySet[Any]], models.QuerySet[Any]]
) -> models.QuerySet[Any]:
    if getattr(manager, "_hints", None):  # a queryset for a router's hints is built as asked, not shared
        return build(models.Manager.get_queryset(manager))
    key = (manager.model, manager._db)
    base = _BASE_QUERYSETS.get(key)
    if base is None:
        base = _BASE_QUERYSETS[key] = build(models.Manager.get_queryset(manager))
    return base.all()  # a clone: the kept queryset itself is never handed out


class ActiveMasterplans(models.Manager):
    """``Masterplan.objects``: the region's active masterplan only (``.get(region=...)`` keeps working)."""

    def get_queryset(self) -> models.QuerySet[Any]:
        return _scoped(self, lambda rows: rows.filter(is_active=True))


class InActivePlan(models.Manager):
    """Records whose masterplan (reached through ``lookup``) is the active revision.

    Subclassed per model (related managers build the manager class again without arguments)."""

    lookup = "masterplan"
    # a problem may be inventoried before the region has a masterplan: it belongs to no plan yet
    or_unattached = False

    def get_queryset(self) -> models.QuerySet[Any]:
        active = Q(**{f"{self.lookup}__is_active": True})
        if self.or_unattached:
            active |= Q(**{f"{self.lookup}__isnull": True})
        return _scoped(self, lambda rows: rows.filter(active))


class AllRevisions(models.Manager):
    """``Model.all_revisions``: the records of every revision, for reading an earlier one on purpose."""


class ProblemsInActivePlan(InActivePlan):
    or_unattached = True


class InitiativesInActivePlan(InActivePlan):
    pass


class OfInitiativeInActivePlan(InActivePlan):
    """KPIs, budget lines and Quick Wins: through their initiative."""

    lookup = "initiative__masterplan"


def read_only_error() -> ValidationError:
    return ValidationError(_("This is an earlier revision of the masterplan: it can be read, not changed."))


def masterplan_is_active(masterplan_model: type[models.Model], **lookup: Any) -> bool:
    """Whether the masterplan found by ``lookup`` is active, read fresh from the database (a record
    loaded before a revision started still carries the old ``is_active`` in memory)."""
    return masterplan_model._base_manager.filter(is_active=True, **lookup).exists()


class OfOneMasterplan(models.Model):
    """A record that belongs to one masterplan revision: attached to the region's active plan when
    created without one, refused when its plan is an earlier revision."""

    class Meta:
        abstract = True

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.attach_to_active_plan()
        self.require_active_plan()
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> Any:
        self.require_active_plan()
        return super().delete(*args, **kwargs)

    def clean(self) -> None:
        super().clean()
        self.attach_to_active_plan()

    def _masterplan_model(self) -> Any:
        # the Masterplan model (models.py imports this module, so it is not imported here)
        return self._meta.get_field("masterplan").related_model

    def attach_to_active_plan(self) -> None:
        record: Any = self
        if record.masterplan_id is None and record.region_id is not None:
            record.masterplan = self._masterplan_model().objects.filter(region_id=record.region_id).first()

    def require_active_plan(self) -> None:
        masterplan_id = getattr(self, "masterplan_id", None)
        if masterplan_id is not None and not masterplan_is_active(self._masterplan_model(), pk=masterplan_id):
            raise read_only_error()

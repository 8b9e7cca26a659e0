"""What every planning sub-context's actions share: the edit right, the masterplan they hang on,
one audited create/update and delete, and the checks of dimensions and OPDs.

Sub-contexts import from here (and from models, access, reference, checks), never the other way round.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.planning import reference
from kotacerdas.planning.access import can_edit_masterplan, masterplan_of
from kotacerdas.planning.models import Masterplan
from kotacerdas.regions.models import Opd, Region


def require_editor(actor: User, region: Region) -> None:
    if not can_edit_masterplan(actor, region):
        raise ActionNotAllowed(_("Only the coordinator of this region may change its masterplan."))


def require_masterplan(region: Region) -> Masterplan:
    """The region's masterplan; without a period nothing else of the plan can be recorded."""
    masterplan = masterplan_of(region)
    if masterplan is None:
        raise ValidationError(_("Fill in the region profile and the masterplan period first."))
    return masterplan


def snapshot_if_saved(instance: models.Model) -> dict[str, Any] | None:
    """The 'before' of an audit entry: nothing for a record that is being created."""
    return snapshot(instance) if instance.pk else None


def save_record(
    actor: User, obj: models.Model, action: str, region: Region, before: dict[str, Any] | None
) -> None:
    """Validate and save a whole record and audit it (call inside the action's transaction)."""
    obj.full_clean()
    obj.save()
    record(actor, action, obj, before=before, after=snapshot(obj), region=region)


def delete_record(actor: User, obj: models.Model, action: str, region: Region) -> None:
    with transaction.atomic():
        record(actor, action, obj, before=snapshot(obj), after=None, region=region)
        obj.delete()


def stripped(value: Any) -> Any:
    """Text without surrounding blanks; any other value unchanged."""
    return value.strip() if isinstance(value, str) else value


def check_dimension(dimension: str, element: str | None = None) -> None:
    if dimension not in dict(reference.dimensions()):
        raise ValidationError({"dimension": _("Choose one of the smart city dimensions.")})
    if element is not None and reference.dimension_of(element) != dimension:
        raise ValidationError({"element": _("Choose an element of the chosen dimension.")})


def check_opds(region: Region, opds: Iterable[Opd | None], field: str) -> None:
    for opd in opds:
        if opd is not None and opd.region_id != region.pk:
            raise ValidationError({field: _("Choose an OPD of this region.")})

"""Writes on regions and their OPDs: permission → validation → transaction → audit."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import can_manage_region, is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.audit.versioning import require_version
from kotacerdas.regions.models import Opd, Region, SizeClassSchemeRecord
from kotacerdas.regions.tasks import refresh_size_classes


def _require_manager(actor: User, region: Region) -> None:
    if not can_manage_region(actor, region):
        raise ActionNotAllowed(_("Only the coordinator of this region may change its set-up."))


def _validate_opd_name(region: Region, name: str, exclude_id: int = 0) -> str:
    name = " ".join(name.split())
    if not name:
        raise ValidationError({"name": _("Enter the OPD's name.")})
    clash = Opd.objects.filter(region=region, name__iexact=name).exclude(pk=exclude_id)
    if clash.exists():
        raise ValidationError({"name": _("This region already has an OPD with this name.")})
    return name


def do_create_opd(actor: User, region: Region, *, name: str, short_name: str = "") -> Opd:
    _require_manager(actor, region)
    opd = Opd(region=region, name=_validate_opd_name(region, name), short_name=short_name.strip())
    opd.full_clean()
    with transaction.atomic():
        opd.save()
        record(actor, "opd.create", opd, before=None, after=snapshot(opd), region=region)
    return opd


def do_update_opd(
    actor: User, opd: Opd, *, name: str, short_name: str, is_active: bool, version: int | None = None
) -> Opd:
    _require_manager(actor, opd.region)
    before = snapshot(opd)
    opd.name = _validate_opd_name(opd.region, name, exclude_id=opd.pk)
    opd.short_name = short_name.strip()
    opd.is_active = is_active
    opd.full_clean()
    with transaction.atomic():
        require_version(opd, version)
        opd.save()
        record(actor, "opd.update", opd, before=before, after=snapshot(opd), region=opd.region)
    return opd


def do_delete_opd(actor: User, opd: Opd) -> None:
    _require_manager(actor, opd.region)
    if opd.memberships.exists():
        raise ValidationError(
            _("People are still members of this OPD. Remove their memberships or deactivate the OPD instead.")
        )
    try:
        with transaction.atomic():
            record(actor, "opd.delete", opd, before=snapshot(opd), after=None, region=opd.region)
            opd.delete()
    except ProtectedError as error:
        # Later contexts (initiatives, assignments…) protect the OPDs they point at.
        raise ValidationError(
            _("This OPD still owns work in kotacerdas (for example initiatives). Deactivate it instead.")
        ) from error


def do_activate_size_scheme(actor: User, scheme: SizeClassSchemeRecord) -> None:
    """Make a size-class scheme the active one and reclassify every kab/kota in the background."""
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may change the size-class scheme."))
    previous = SizeClassSchemeRecord.objects.filter(is_active=True).first()
    with transaction.atomic():
        SizeClassSchemeRecord.objects.filter(is_active=True).update(is_active=False)
        scheme.is_active = True
        scheme.save(update_fields=["is_active"])
        record(
            actor,
            "size_scheme.activate",
            scheme,
            before={"active_scheme": previous.code if previous else None},
            after={"active_scheme": scheme.code},
        )
        transaction.on_commit(refresh_size_classes.enqueue)

"""Writes on people and memberships: check permission → validate → change in a
transaction → audit log. Views parse input and call these."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from kotacerdas.accounts.access import forget_roles, is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.audit.log import record, snapshot
from kotacerdas.regions.models import Opd, Region

USER_FIELDS = ["username", "first_name", "last_name", "email", "is_active", "is_staff"]


def _require_national_admin(actor: User) -> None:
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may manage people."))


def do_create_user(
    actor: User,
    *,
    username: str,
    password: str | None,
    first_name: str = "",
    last_name: str = "",
    email: str = "",
    is_staff: bool = False,
) -> User:
    _require_national_admin(actor)
    user = User(username=username, first_name=first_name, last_name=last_name, email=email, is_staff=is_staff)
    if password:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        record(actor, "user.create", user, before=None, after=snapshot(user, USER_FIELDS))
    return user


def do_update_user(actor: User, user: User, **changes: Any) -> User:
    _require_national_admin(actor)
    if user == actor and changes.get("is_active") is False:
        raise ValidationError(_("You cannot deactivate your own account."))
    before = snapshot(user, USER_FIELDS)
    for field, value in changes.items():
        if field not in USER_FIELDS:
            raise ValueError(f"{field} is not an editable user field")
        setattr(user, field, value)
    user.full_clean(exclude=["password"])
    with transaction.atomic():
        user.save()
        record(actor, "user.update", user, before=before, after=snapshot(user, USER_FIELDS))
    return user


def do_set_password(actor: User, user: User, password: str) -> None:
    _require_national_admin(actor)
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        record(actor, "user.set_password", user, before=None, after={"password": "(changed)"})


def do_add_membership(
    actor: User, user: User, *, role: str, region: Region | None = None, opd: Opd | None = None
) -> Membership:
    _require_national_admin(actor)
    _validate_scope(role, region, opd)
    if Membership.objects.filter(user=user, role=role, region=region, opd=opd).exists():
        raise ValidationError(_("This person already has this role here."))
    with transaction.atomic():
        membership = Membership.objects.create(user=user, role=role, region=region, opd=opd)
        record(actor, "membership.add", membership, before=None, after=snapshot(membership), region=region)
    forget_roles(user)
    return membership


def do_remove_membership(actor: User, membership: Membership) -> None:
    _require_national_admin(actor)
    if membership.user == actor and membership.role == Role.NATIONAL_ADMIN:
        raise ValidationError(_("You cannot remove your own national admin role."))
    with transaction.atomic():
        before = snapshot(membership)
        record(actor, "membership.remove", membership, before=before, after=None, region=membership.region)
        membership.delete()
    forget_roles(membership.user)


def _validate_scope(role: str, region: Region | None, opd: Opd | None) -> None:
    if role not in Role.values:
        raise ValidationError(_("Unknown role."))
    if role == Role.NATIONAL_ADMIN:
        if region or opd:
            raise ValidationError(
                _("The national admin role applies to all regions; leave region and OPD empty.")
            )
        return
    if region is None:
        raise ValidationError(_("Choose the region for this role."))
    if region.is_province:
        raise ValidationError(_("Roles are given for a kabupaten/kota, not a province."))
    if role == Role.OPD_CONTRIBUTOR:
        if opd is None:
            if not region.opds.exists():  # a region that starts from nothing: say what is missing
                raise ValidationError(
                    _("%(region)s has no OPDs yet: add its OPDs first, then give this role.")
                    % {"region": region.name}
                )
            raise ValidationError(_("Choose the OPD of this OPD contributor."))
        if opd.region_id != region.pk:
            raise ValidationError(_("The OPD does not belong to the chosen region."))
    elif opd is not None:
        raise ValidationError(_("Only OPD contributors are attached to an OPD."))

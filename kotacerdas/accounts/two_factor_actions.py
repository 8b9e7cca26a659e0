"""Writes of two-factor login: confirm an enrolment, new backup codes, turn it off, reset a person's."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.access import is_national_admin
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.accounts.two_factor import must_use_two_factor, new_backup_codes
from kotacerdas.audit.log import record


def enrolment_device(user: User) -> TOTPDevice:
    """The person's device being enrolled (unconfirmed until a first code is right)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    return device or TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)


def do_confirm_enrolment(actor: User, device: TOTPDevice) -> list[str]:
    """The first code was right (checked by the form): the device counts; backup codes are made."""
    if device.user_id != actor.pk or device.confirmed:
        raise ValidationError(_("Start the enrolment again."))
    with transaction.atomic():
        TOTPDevice.objects.filter(user=actor).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = new_backup_codes(actor)
        record(actor, "two_factor.enrol", actor, before=None, after={"two_factor": True})
    return codes


def do_new_backup_codes(actor: User) -> list[str]:
    with transaction.atomic():
        codes = new_backup_codes(actor)
        record(actor, "two_factor.backup_codes", actor, before=None, after={"backup_codes": len(codes)})
    return codes


def _remove_devices(person: User) -> int:
    removed, _counts = TOTPDevice.objects.filter(user=person).delete()
    static, _counts = StaticDevice.objects.filter(user=person).delete()
    return removed + static


def do_turn_off(actor: User) -> None:
    """A person who chose two-factor login turns it off; those who must use it cannot."""
    if must_use_two_factor(actor):
        raise ValidationError(_("Your role requires two-factor login; it cannot be turned off."))
    with transaction.atomic():
        _remove_devices(actor)
        record(actor, "two_factor.off", actor, before={"two_factor": True}, after={"two_factor": False})


def do_reset_two_factor(actor: User, person: User) -> None:
    """The national admin resets a person's second factor (lost phone and codes); they enrol again."""
    if not is_national_admin(actor):
        raise ActionNotAllowed(_("Only the national programme admin may reset two-factor login."))
    with transaction.atomic():
        _remove_devices(person)
        record(actor, "two_factor.reset", person, before={"two_factor": True}, after={"two_factor": False})

"""Two-factor writes refused: another person's or a confirmed enrolment, turning off a required second
factor, a reset by anyone but the national admin. The devices stay as they were."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.two_factor_actions import (
    do_confirm_enrolment,
    do_new_backup_codes,
    do_reset_two_factor,
    do_turn_off,
    enrolment_device,
)

pytestmark = pytest.mark.django_db
AGAIN = ["Mulai lagi pendaftaran perangkat."]


def test_an_enrolment_is_confirmed_once_and_only_by_its_owner(budi, tono) -> None:
    device = enrolment_device(tono)
    with pytest.raises(ValidationError) as error:
        do_confirm_enrolment(budi, device)
    assert error.value.messages == AGAIN
    device.refresh_from_db()
    assert not device.confirmed
    assert len(do_confirm_enrolment(tono, device)) > 0
    with pytest.raises(ValidationError) as error:
        do_confirm_enrolment(tono, device)
    assert error.value.messages == AGAIN


def test_an_assessor_cannot_turn_off_the_second_factor(tono) -> None:
    do_confirm_enrolment(tono, enrolment_device(tono))
    with pytest.raises(ValidationError) as error:
        do_turn_off(tono)
    assert error.value.messages == [
        "Peran Anda mewajibkan masuk dua langkah; fitur ini tidak dapat dimatikan."
    ]
    assert TOTPDevice.objects.filter(user=tono, confirmed=True).exists()


def test_only_the_national_admin_resets_a_second_factor(budi, tono) -> None:
    do_confirm_enrolment(tono, enrolment_device(tono))
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional"):
        do_reset_two_factor(budi, tono)
    assert TOTPDevice.objects.filter(user=tono, confirmed=True).exists()


def test_new_backup_codes_replace_the_old_ones(tono) -> None:
    first = do_confirm_enrolment(tono, enrolment_device(tono))
    second = do_new_backup_codes(tono)
    assert set(first).isdisjoint(second)
    kept = StaticToken.objects.filter(device__user=tono).values_list("token", flat=True)
    assert sorted(kept) == sorted(second)

"""Registration and verification refused with a specific message; moderation is the coordinator's."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import User
from kotacerdas.participation import access
from kotacerdas.participation.actions.citizens import do_register_citizen, do_verify_email, verification_token
from kotacerdas.participation.actions.moderation import do_hide
from kotacerdas.participation.actions.posting import do_comment
from kotacerdas.participation.conftest import CITIZEN_PASSWORD
from kotacerdas.participation.models import Citizen, Idea

pytestmark = pytest.mark.django_db
INVALID_LINK = ["Tautan verifikasi ini tidak sah atau sudah kedaluwarsa; daftar lagi."]


def register(**overrides: object) -> User:
    fields: dict[str, object] = {
        "name": "Eka Warga",
        "email": "eka@example.org",
        "password": CITIZEN_PASSWORD,
        "consent": True,
        "address_key": "test-eka",
        "verify_url": lambda token: f"http://testserver/v/{token}/",
    }
    return do_register_citizen(**(fields | overrides))  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"name": "  "}, "name", "Tuliskan nama Anda."),
        ({"email": "eka"}, "email", "Tuliskan alamat e-mail paling panjang 150 karakter."),
        (
            {"email": "e" * 140 + "@example.org"},
            "email",
            "Tuliskan alamat e-mail paling panjang 150 karakter.",
        ),
        ({"password": "eka"}, "password", None),
    ],
)
def test_registration_needs_a_name_an_address_and_a_strong_password(db, overrides, field, message) -> None:
    with pytest.raises(ValidationError) as error:
        register(**overrides)
    assert list(error.value.message_dict) == [field]
    if message is not None:
        assert error.value.message_dict[field] == [message]
    assert not Citizen.objects.exists() and not User.objects.filter(email="eka@example.org").exists()


def test_a_link_for_someone_who_is_no_citizen_is_refused_and_a_second_click_changes_nothing(budi) -> None:
    with pytest.raises(ValidationError) as error:
        do_verify_email(verification_token(budi))
    assert error.value.messages == INVALID_LINK
    user = register()
    do_verify_email(verification_token(user))
    verified_at = Citizen.objects.get(user=user).verified_at
    assert do_verify_email(verification_token(user)) == user
    assert Citizen.objects.get(user=user).verified_at == verified_at


def test_only_the_coordinator_moderates_and_sees_every_comment(budi, sari, warga2, idea, region_a) -> None:
    comment = do_comment(warga2, idea, text="Setuju, segera diperbaiki")
    with pytest.raises(
        ActionNotAllowed, match=r"Hanya koordinator daerah \(Diskominfo\) yang dapat memoderasi masukan warga"
    ):
        do_hide(sari, idea, reason="Spam")
    assert Idea.objects.get(pk=idea.pk).state == Idea.State.PUBLISHED
    do_hide(budi, comment, reason="Spam")
    assert list(access.visible_comments(budi, idea)) == [comment]
    assert not access.visible_comments(sari, idea).exists()
    assert access.get_consultation_in_region(region_a, idea.consultation_id) == idea.consultation

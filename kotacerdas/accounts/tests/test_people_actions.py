"""The people actions refuse what their pages cannot send: each refusal names the reason and saves nothing."""

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.actions import (
    do_add_membership,
    do_create_user,
    do_remove_membership,
    do_set_password,
    do_update_user,
)
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_an_account_without_a_password_cannot_log_in(ayu) -> None:
    warga = do_create_user(ayu, username="warga", password=None)
    assert not warga.has_usable_password()


def test_budi_may_not_create_an_account_or_set_a_password(budi, sari) -> None:
    with pytest.raises(ActionNotAllowed, match="Hanya admin program nasional"):
        do_create_user(budi, username="x", password="long-pass-123x")
    with pytest.raises(ActionNotAllowed):
        do_set_password(budi, sari, "salatiga-hati-2026")
    assert not User.objects.filter(username="x").exists()
    sari.refresh_from_db()
    assert not sari.check_password("salatiga-hati-2026")


def test_a_field_that_is_not_editable_is_a_programming_error(ayu, budi) -> None:
    with pytest.raises(ValueError, match="is_superuser is not an editable user field"):
        do_update_user(ayu, budi, is_superuser=True)
    budi.refresh_from_db()
    assert not budi.is_superuser
    assert not AuditEntry.objects.filter(action="user.update").exists()


def test_ayu_cannot_remove_her_own_national_admin_role(ayu) -> None:
    own = Membership.objects.get(user=ayu, role=Role.NATIONAL_ADMIN)
    with pytest.raises(ValidationError, match="mencabut peran admin nasional Anda sendiri"):
        do_remove_membership(ayu, own)
    assert Membership.objects.filter(pk=own.pk).exists()


@pytest.mark.parametrize(
    ("role", "where", "message"),
    [
        ("superhero", "region", "Peran tidak dikenal."),
        (Role.COORDINATOR, "province", "Peran diberikan untuk kabupaten/kota, bukan provinsi."),
        (Role.MENTOR, "region+opd", "Hanya kontributor OPD yang dikaitkan dengan OPD."),
    ],
)
def test_a_membership_out_of_scope_is_refused(ayu, budi, region_a, dinkes_a, role, where, message) -> None:
    region = region_a.province if where == "province" else region_a
    opd = dinkes_a if where == "region+opd" else None
    before = Membership.objects.count()
    with pytest.raises(ValidationError, match=message):
        do_add_membership(ayu, budi, role=role, region=region, opd=opd)
    assert Membership.objects.count() == before


def test_the_same_role_twice_is_refused(ayu, budi, region_a) -> None:
    with pytest.raises(ValidationError, match="sudah memiliki peran ini"):
        do_add_membership(ayu, budi, role=Role.COORDINATOR, region=region_a)
    assert Membership.objects.filter(user=budi).count() == 1

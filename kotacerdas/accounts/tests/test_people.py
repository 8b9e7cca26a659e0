"""Ayu manages people and their memberships through the People pages."""

import pytest
from django.urls import reverse

from kotacerdas.accounts.models import Membership, Role, User
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_it_lists_people_with_their_roles(as_ayu, budi) -> None:
    body = as_ayu.get(reverse("accounts:user_list")).content.decode()
    assert "budi" in body
    assert "Koordinator daerah (Kota Salatiga)" in body


def test_ayu_creates_an_account_and_gives_it_a_role(as_ayu, ayu, region_a, dinkes_a) -> None:
    response = as_ayu.post(
        reverse("accounts:user_create"),
        {"username": "sari", "first_name": "Sari", "password": "kesehatan-salatiga-9"},
    )
    sari = User.objects.get(username="sari")
    assert response.url == reverse("accounts:user_detail", args=[sari.pk])
    assert sari.check_password("kesehatan-salatiga-9")
    response = as_ayu.post(
        reverse("accounts:membership_add", args=[sari.pk]),
        {"role": Role.OPD_CONTRIBUTOR, "region": region_a.code, "opd": dinkes_a.pk},
    )
    assert response.status_code == 302
    membership = Membership.objects.get(user=sari)
    assert (membership.region, membership.opd) == (region_a, dinkes_a)
    actions = list(AuditEntry.objects.filter(actor=ayu).values_list("action", flat=True))
    assert "user.create" in actions
    assert "membership.add" in actions
    assert "password" not in AuditEntry.objects.get(action="user.create").after


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"role": "opd_contributor", "region": "33.73"}, "Pilih OPD untuk kontributor OPD ini."),
        ({"role": "coordinator"}, "Pilih wilayah untuk peran ini."),
        ({"role": "national_admin", "region": "33.73"}, "Peran admin nasional berlaku untuk semua wilayah"),
        ({"role": "coordinator", "region": "99.99"}, "Masukkan pilihan yang valid"),
        ({"role": "superhero", "region": "33.73"}, "Masukkan pilihan yang valid"),
    ],
)
def test_an_invalid_membership_is_explained_and_not_saved(as_ayu, budi, dinkes_a, data, message) -> None:
    before = Membership.objects.count()
    response = as_ayu.post(reverse("accounts:membership_add", args=[budi.pk]), data)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Membership.objects.count() == before


def test_an_opd_contributor_of_a_region_without_opds_is_sent_to_add_them(as_ayu, budi, region_a) -> None:
    """A region that starts from nothing has no OPDs: the refusal says so and links to its OPD page,
    not "choose the OPD" from a list that has none of the region's."""
    response = as_ayu.post(
        reverse("accounts:membership_add", args=[budi.pk]),
        {"role": "opd_contributor", "region": region_a.code},
    )
    assert response.status_code == 400
    body = response.content.decode()
    assert "Kota Salatiga belum memiliki OPD: tambahkan OPD-nya terlebih dahulu" in body
    opds = reverse("regions:opds", args=[region_a.code])
    assert f'<a href="{opds}">Tambahkan OPD Kota Salatiga</a>' in body
    assert body.count("Kota Salatiga belum memiliki OPD") == 1  # said once
    assert "Pilih OPD untuk kontributor OPD ini." not in body
    assert not Membership.objects.filter(role=Role.OPD_CONTRIBUTOR).exists()


def test_an_opd_of_another_region_is_refused(as_ayu, budi, region_a, dinkes_b) -> None:
    response = as_ayu.post(
        reverse("accounts:membership_add", args=[budi.pk]),
        {"role": "opd_contributor", "region": region_a.code, "opd": dinkes_b.pk},
    )
    assert response.status_code == 400
    assert "OPD tersebut bukan milik wilayah yang dipilih." in response.content.decode()


def test_a_weak_password_is_refused_in_indonesian(as_ayu) -> None:
    response = as_ayu.post(reverse("accounts:user_create"), {"username": "weak", "password": "12345678"})
    assert response.status_code == 400
    assert "terlalu umum" in response.content.decode()
    assert not User.objects.filter(username="weak").exists()


def test_a_taken_username_is_refused(as_ayu, budi) -> None:
    response = as_ayu.post(
        reverse("accounts:user_create"), {"username": "BUDI", "password": "x-very-long-pass-1"}
    )
    assert response.status_code == 400
    assert "Nama pengguna ini sudah dipakai." in response.content.decode()


def test_ayu_deactivates_budi_and_it_is_audited(as_ayu, budi) -> None:
    response = as_ayu.post(reverse("accounts:user_detail", args=[budi.pk]), {"username": "budi"})
    assert response.status_code == 302
    budi.refresh_from_db()
    assert not budi.is_active
    assert ("is_active", True, False) in AuditEntry.objects.get(action="user.update").changed_fields()


def test_ayu_cannot_lock_herself_out(as_ayu, ayu) -> None:
    response = as_ayu.post(reverse("accounts:user_detail", args=[ayu.pk]), {"username": "ayu"})
    assert response.status_code == 400
    ayu.refresh_from_db()
    assert ayu.is_active
    own = Membership.objects.get(user=ayu)
    as_ayu.post(reverse("accounts:membership_remove", args=[ayu.pk, own.pk]))
    assert Membership.objects.filter(pk=own.pk).exists()


def test_ayu_removes_a_membership(as_ayu, budi) -> None:
    membership = Membership.objects.get(user=budi)
    response = as_ayu.post(reverse("accounts:membership_remove", args=[budi.pk, membership.pk]))
    assert response.status_code == 302
    assert not Membership.objects.filter(user=budi).exists()
    assert AuditEntry.objects.get(action="membership.remove").before["role"] == "coordinator"


def test_ayu_sets_a_new_password(as_ayu, budi) -> None:
    response = as_ayu.post(
        reverse("accounts:password_set", args=[budi.pk]), {"password": "salatiga-hati-2026"}
    )
    assert response.status_code == 302
    budi.refresh_from_db()
    assert budi.check_password("salatiga-hati-2026")
    assert AuditEntry.objects.get(action="user.set_password").after == {"password": "(changed)"}


def test_budi_cannot_manage_people(as_budi, budi) -> None:
    for url in [reverse("accounts:user_list"), reverse("accounts:user_detail", args=[budi.pk])]:
        assert as_budi.get(url).status_code == 404
    response = as_budi.post(reverse("accounts:user_create"), {"username": "x", "password": "long-pass-123x"})
    assert response.status_code == 404
    assert not User.objects.filter(username="x").exists()

"""Ayu reads the audit log; admin-site writes are mirrored into it."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_ayu_sees_budis_change_with_before_and_after(as_ayu, as_budi, region_a, dinkes_a) -> None:
    as_budi.post(reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk]), {"name": "Dinkes Kota"})
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73", "action": "opd."}).content.decode()
    assert "opd.update" in body
    assert "Budi" in body
    assert "Dinas Kesehatan → Dinkes Kota" in body


def test_a_change_in_the_django_admin_is_mirrored(ayu, region_a, dinkes_a) -> None:
    ayu.is_staff = ayu.is_superuser = True
    ayu.save()
    client = logged_in(ayu)
    url = reverse("admin:regions_opd_change", args=[dinkes_a.pk])
    response = client.post(url, {"region": region_a.pk, "name": "Dinas Kesehatan Baru", "is_active": "on"})
    assert response.status_code == 302
    entry = AuditEntry.objects.get(action="admin.opd.change")
    assert entry.actor == ayu
    assert entry.object_repr.startswith("Dinas Kesehatan Baru")


def test_odd_filters_find_nothing_instead_of_failing(as_ayu, budi) -> None:
    assert AuditEntry.objects.exists()  # creating Budi was logged
    for value in ["x" * 500, "'; drop table"]:
        response = as_ayu.get(reverse("audit:log"), {"action": value, "region": value, "page": value})
        assert response.status_code == 200
        assert "Belum ada catatan." in response.content.decode()


def test_snapshots_of_files_and_decimals_are_json(region_a) -> None:
    from django.db import models
    from django.db.models.fields.files import FieldFile

    from kotacerdas.audit.log import _json_safe

    assert _json_safe(region_a.area_km2) == str(region_a.area_km2)  # a Decimal
    field = models.FileField(name="file")
    assert _json_safe(FieldFile(None, field, "mou/signed.pdf")) == "mou/signed.pdf"
    assert _json_safe(FieldFile(None, field, "")) is None

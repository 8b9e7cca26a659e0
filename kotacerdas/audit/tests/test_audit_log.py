"""Ayu reads the audit log; admin-site writes are mirrored into it."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry

pytestmark = pytest.mark.django_db


def test_ayu_sees_budis_change_with_before_and_after(as_ayu, as_budi, region_a, dinkes_a) -> None:
    as_budi.post(reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk]), {"name": "Dinkes Kota"})
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73", "action": "opd."}).content.decode()
    assert "Budi mengubah OPD Dinkes" in body  # a sentence, not the action's name
    assert "opd.update" not in body.split('name="action"')[1]  # only the filter may show it
    assert "<strong>nama</strong>: Dinas Kesehatan → Dinkes Kota" in body
    assert f'href="{reverse("regions:opds", args=[region_a.code])}">Buka</a>' in body


def test_the_log_reads_as_indonesian_sentences_without_developer_data(as_ayu, ayu, budi, region_a) -> None:
    from kotacerdas.regions.actions import do_create_opd

    do_create_opd(ayu, region_a, name="Dinas Pariwisata", short_name="Dispar")
    common = {"actor": budi, "actor_name": "Budi", "region": region_a}
    AuditEntry.objects.create(
        action="books.request",
        object_type="documents.bookversion",
        object_id="7",
        object_repr="Kota Salatiga v3",
        after={"id": 7, "region": region_a.pk, "number": 3, "status": "queued"},
        **common,
    )
    AuditEntry.objects.create(
        action="deliverable.returned",
        object_type="programme.deliverable",
        object_id="3",
        object_repr="Vision keywords · Kota Salatiga",
        before={"status": "submitted"},
        after={"status": "returned", "reason": "Belum tajam"},
        **common,
    )
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73"}).content.decode()
    rows = body[body.index("<tbody>") :]
    assert "Ayu menambahkan OPD Dispar" in rows
    assert "Budi meminta versi baru buku: Kota Salatiga v3." in rows
    assert f'href="{reverse("documents:version", args=[region_a.code, 3])}"' in rows
    assert "Budi mengembalikan luaran Kata kunci visi · Kota Salatiga untuk diperbaiki." in rows
    assert "<strong>status</strong>: diajukan → dikembalikan untuk revisi" in rows
    for developer_data in (
        "books.request",
        "opd.create",
        "<code>",
        "∅",
        "queued",
        "Vision keywords",
        f"→ {region_a.pk}",
    ):
        assert developer_data not in rows, developer_data
    # the stored action names stay the same: they are what the filter and other tools look for
    assert AuditEntry.objects.filter(action="opd.create").exists()


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


def test_a_changed_field_and_its_numbers_read_in_the_page_language(as_ayu, budi, region_a) -> None:
    """A snapshot key that is no label of the log is named by its model field ("total sebelumnya", not
    "previous total"); a Decimal kept as text is 3,06 as every number, a code keeps its full stop."""
    AuditEntry.objects.create(
        action="evaluation.verify",
        object_type="evaluation.participant",
        object_id="1",
        object_repr="Kota Salatiga 2027",
        actor=budi,
        actor_name="Budi",
        region=region_a,
        before={"previous_total": None, "verified": False, "code": "33.73"},
        after={"previous_total": "3.06", "verified": True, "scores": {"baseline": "3.60"}, "code": "33.72"},
    )
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73"}).content.decode()
    assert "<strong>total sebelumnya</strong>: – → 3,06" in body
    assert "<strong>terverifikasi</strong>: tidak → ya" in body
    assert "<strong>skor</strong>: – → baseline: 3,6" in body
    assert "<strong>kode</strong>: 33.73 → 33.72" in body


def test_a_changed_choice_reads_as_its_label(as_ayu, budi, region_a) -> None:
    """A stored code of a field with choices is shown as the record's page shows it, not "not_taken"."""
    AuditEntry.objects.create(
        action="participation.idea.outcome",
        object_type="participation.idea",
        object_id="1",
        object_repr="Ide 1",
        actor=budi,
        actor_name="Budi",
        region=region_a,
        before={"outcome": "open"},
        after={"outcome": "not_taken"},
    )
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73"}).content.decode()
    assert "<strong>hasil</strong>: sedang dipertimbangkan → tidak diambil" in body


def test_a_field_that_reads_the_same_before_and_after_is_not_a_change(as_ayu, budi, region_a) -> None:
    """A report sent for review stores an empty reason where it had none: not "alasan: – → –"."""
    AuditEntry.objects.create(
        action="monitoring.kpi_report.submitted",
        object_type="monitoring.kpireport",
        object_id="1",
        object_repr="Capaian Satu Data Salatiga (contoh) 2027",
        actor=budi,
        actor_name="Budi",
        region=region_a,
        before={"status": "draft"},
        after={"status": "submitted", "reason": ""},
    )
    body = as_ayu.get(reverse("audit:log"), {"region": "33.73"}).content.decode()
    assert "Budi mengirim laporan Capaian Satu Data Salatiga (contoh) 2027 untuk ditinjau." in body
    assert "<strong>status</strong>: draf → diajukan" in body
    assert "<strong>alasan</strong>" not in body

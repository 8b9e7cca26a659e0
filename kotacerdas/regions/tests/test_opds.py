"""A coordinator keeps the OPD list of his region; every change is audited."""

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.regions.models import Opd

pytestmark = pytest.mark.django_db


def opds_url(region):
    return reverse("regions:opds", args=[region.code])


def test_it_lets_budi_add_an_opd(as_budi, budi, region_a) -> None:
    response = as_budi.post(opds_url(region_a), {"name": "Dinas  Perhubungan", "short_name": "Dishub"})
    assert response.status_code == 302
    opd = Opd.objects.get(region=region_a, short_name="Dishub")
    assert opd.name == "Dinas Perhubungan"  # whitespace normalised
    entry = AuditEntry.objects.get(action="opd.create", object_id=str(opd.pk))
    assert entry.actor == budi
    assert entry.region == region_a
    assert entry.before is None
    assert entry.after["name"] == "Dinas Perhubungan"


def test_a_blank_name_is_refused_in_indonesian_and_saves_nothing(as_budi, region_a) -> None:
    before = Opd.objects.count()
    audit_before = AuditEntry.objects.count()
    response = as_budi.post(opds_url(region_a), {"name": "   ", "short_name": "X"})
    assert response.status_code == 400
    assert "Bidang ini harus diisi." in response.content.decode()
    assert Opd.objects.count() == before
    assert AuditEntry.objects.count() == audit_before


def test_a_duplicate_name_is_refused_and_the_input_is_kept(as_budi, region_a, dinkes_a) -> None:
    response = as_budi.post(opds_url(region_a), {"name": "dinas kesehatan", "short_name": "DK2"})
    assert response.status_code == 400
    body = response.content.decode()
    assert "Wilayah ini sudah memiliki OPD dengan nama ini." in body
    assert 'value="DK2"' in body
    assert Opd.objects.filter(region=region_a).count() == 1


def test_the_same_name_is_fine_in_another_region(as_ayu, region_b, dinkes_a) -> None:
    response = as_ayu.post(opds_url(region_b), {"name": "Dinas Kesehatan"})
    assert response.status_code == 302
    assert Opd.objects.filter(name="Dinas Kesehatan").count() == 2


def test_it_lets_budi_rename_and_deactivate(as_budi, budi, dinkes_a, region_a) -> None:
    url = reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk])
    response = as_budi.post(url, {"name": "Dinas Kesehatan Kota", "short_name": "Dinkes"})
    assert response.status_code == 302
    dinkes_a.refresh_from_db()
    assert (dinkes_a.name, dinkes_a.is_active) == ("Dinas Kesehatan Kota", False)
    entry = AuditEntry.objects.get(action="opd.update")
    assert ("is_active", True, False) in entry.changed_fields()
    assert ("name", "Dinas Kesehatan", "Dinas Kesehatan Kota") in entry.changed_fields()


def test_a_save_from_an_older_form_is_refused_and_loses_nothing(as_budi, as_ayu, dinkes_a, region_a) -> None:
    """Budi and Ayu open the same OPD; Ayu renames it; Budi's older form must not undo her change."""
    url = reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk])
    assert 'name="version" value="1"' in as_budi.get(url).content.decode()
    ayu_saves = {"name": "Dinas Kesehatan Kota", "short_name": "Dinkes", "is_active": "on", "version": 1}
    assert as_ayu.post(url, ayu_saves).status_code == 302
    budi_saves = {"name": "Dinas Kesehatan", "short_name": "DKK", "is_active": "on", "version": 1}
    response = as_budi.post(url, budi_saves)
    assert response.status_code == 400
    assert "setelah Anda membukanya" in response.content.decode()
    dinkes_a.refresh_from_db()
    assert (dinkes_a.name, dinkes_a.short_name, dinkes_a.version) == ("Dinas Kesehatan Kota", "Dinkes", 2)


def test_it_lets_budi_delete_an_unused_opd(as_budi, dinkes_a, region_a) -> None:
    url = reverse("regions:opd_delete", args=[region_a.code, dinkes_a.pk])
    assert as_budi.post(url).status_code == 302
    assert not Opd.objects.filter(pk=dinkes_a.pk).exists()
    assert AuditEntry.objects.get(action="opd.delete").before["name"] == "Dinas Kesehatan"


def test_an_opd_with_members_is_not_deleted(as_budi, sari, dinkes_a, region_a) -> None:
    url = reverse("regions:opd_delete", args=[region_a.code, dinkes_a.pk])
    response = as_budi.post(url, follow=True)
    assert Opd.objects.filter(pk=dinkes_a.pk).exists()
    assert "Nonaktifkan OPD" in response.content.decode()


def test_sari_sees_the_list_but_may_not_change_it(as_sari, region_a, dinkes_a) -> None:
    response = as_sari.get(opds_url(region_a))
    assert response.status_code == 200
    assert "Tambah OPD" not in response.content.decode()
    assert as_sari.post(opds_url(region_a), {"name": "Dinas Baru"}).status_code == 403
    edit = reverse("regions:opd_edit", args=[region_a.code, dinkes_a.pk])
    assert as_sari.post(edit, {"name": "Hacked"}).status_code == 403
    dinkes_a.refresh_from_db()
    assert dinkes_a.name == "Dinas Kesehatan"


def test_an_opd_of_another_region_is_not_found_through_this_region(as_ayu, region_a, dinkes_b) -> None:
    # Ayu may see both regions, but the OPD must belong to the region in the URL.
    url = reverse("regions:opd_edit", args=[region_a.code, dinkes_b.pk])
    assert as_ayu.get(url).status_code == 404


def test_an_opd_that_owns_work_is_not_deleted(as_budi, budi, region_a, dinkes_a) -> None:
    from kotacerdas.assessment.actions.answering import do_assign, do_start_assessment

    assessment = do_start_assessment(budi, region_a, instrument_id="readiness-2019", title="Kesiapan")
    do_assign(budi, assessment, code="struktur", opd=dinkes_a)  # assignments protect their OPD
    response = as_budi.post(reverse("regions:opd_delete", args=[region_a.code, dinkes_a.pk]), follow=True)
    assert response.status_code == 200
    assert "Nonaktifkan OPD ini saja" in response.content.decode()
    assert Opd.objects.filter(pk=dinkes_a.pk).exists()
    assert not AuditEntry.objects.filter(action="opd.delete").exists()

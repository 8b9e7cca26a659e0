"""Budi's pages for the implementation statuses and the KPI rules: 400s in Indonesian, audited,
and refusals where a change would make an approved report wrong."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)
from kotacerdas.monitoring.models import KpiRule, MonitoringSettings
from kotacerdas.monitoring.statuses import status_set

pytestmark = pytest.mark.django_db

STATUSES = reverse("monitoring:statuses", args=["33.73"])
REMOVE = reverse("monitoring:remove_status", args=["33.73"])


def rule_url(kpi) -> str:
    return reverse("monitoring:kpi_rule", args=["33.73", kpi.pk])


def test_budi_adds_a_status_and_the_report_form_offers_it(world, as_budi, as_sari, region_a) -> None:
    page = as_budi.get(STATUSES)
    assert page.status_code == 200 and "berjalan" in page.text
    assert ">Ubah</a>" in page.text and ">Hapus<" in page.text  # "Change" the verb here, not "Perubahan"
    new = {"code": "uji_coba", "label": "uji coba", "progress": "30", "category": "on_track"}
    assert as_budi.post(STATUSES, new).status_code == 302
    assert status_set(region_a)["uji_coba"].progress == 30
    assert len(status_set(region_a)) == 6  # the defaults became the region's own set
    assert AuditEntry.objects.filter(action="monitoring.status.save").count() == 1
    form = as_sari.get(
        reverse("monitoring:initiative_report", args=["33.73", world.period.pk, world.telemed.pk])
    )
    assert 'value="uji_coba"' in form.text


@pytest.mark.parametrize(
    ("data", "field_message"),
    [
        ({"code": "Uji Coba", "label": "x", "progress": "30", "category": "on_track"}, "huruf kecil"),
        ({"code": "uji", "label": "x", "progress": "tiga puluh", "category": "on_track"}, "bukan teks"),
        ({"code": "uji", "label": "x", "progress": "130", "category": "on_track"}, "0 sampai 100"),
        ({"code": "uji", "label": "x", "progress": "12.5", "category": "on_track"}, "0 sampai 100"),
    ],
)
def test_bad_status_input_is_a_400_in_indonesian_and_nothing_is_saved(as_budi, data, field_message) -> None:
    answer = as_budi.post(STATUSES, data)
    assert answer.status_code == 400
    assert field_message in answer.text
    assert not MonitoringSettings.objects.exists()


def test_a_status_in_use_cannot_be_removed_an_unused_one_can(world, sari, as_budi, region_a) -> None:
    do_save_initiative_report(sari, world.period, world.telemed, implementation="running")
    answer = as_budi.post(REMOVE, {"code": "running"})
    assert answer.status_code == 400
    assert "1 laporan memakai status ini" in answer.text
    assert "running" in status_set(region_a)
    assert as_budi.post(REMOVE, {"code": "preparing"}).status_code == 302
    assert "preparing" not in status_set(region_a)
    assert AuditEntry.objects.filter(action="monitoring.status.remove").count() == 1


def test_only_the_coordinator_changes_statuses_and_rules(world, as_sari, region_a) -> None:
    assert as_sari.get(STATUSES).status_code == 200
    new = {"code": "uji", "label": "uji", "progress": "30", "category": "on_track"}
    assert as_sari.post(STATUSES, new).status_code == 403
    assert as_sari.post(rule_url(world.visits), {"direction": "lower", "kind": "number"}).status_code == 403
    assert as_sari.get(rule_url(world.poverty)).status_code == 404  # another OPD's KPI
    assert not MonitoringSettings.objects.exists()


def test_budi_edits_a_kpi_rule_and_the_list_shows_it(world, as_budi) -> None:
    assert "Kemiskinan" in as_budi.get(reverse("monitoring:kpi_rules", args=["33.73"])).text
    data = {
        "direction": "lower",
        "kind": "number",
        "minimum": "0",
        "maximum": "100",
        "evidence_required": "on",
    }
    assert as_budi.post(rule_url(world.poverty), data).status_code == 302
    rule = KpiRule.objects.get(kpi=world.poverty)
    assert (rule.minimum, rule.maximum, rule.evidence_required) == (0, 100, True)
    assert AuditEntry.objects.filter(action="monitoring.kpi_rule.save", object_id=str(rule.pk)).exists()


def test_bad_rule_input_is_a_400_in_indonesian(world, as_budi) -> None:
    before = KpiRule.objects.get(kpi=world.poverty).maximum
    answer = as_budi.post(rule_url(world.poverty), {"direction": "lower", "kind": "number", "minimum": "nol"})
    assert answer.status_code == 400 and "Masukkan angka, bukan teks." in answer.text
    answer = as_budi.post(
        rule_url(world.poverty), {"direction": "lower", "kind": "number", "minimum": "10", "maximum": "5"}
    )
    assert answer.status_code == 400 and "lebih kecil daripada nilai terendah" in answer.text
    assert KpiRule.objects.get(kpi=world.poverty).maximum == before


def test_changes_that_would_invalidate_an_approved_report_are_refused(world, budi, sari, as_budi) -> None:
    report = do_save_kpi_report(
        sari, world.period, world.coverage, numerator="3", denominator="4", submit=True
    )
    do_review_report(budi, report, decision="approved")  # 75 %, no evidence
    url = rule_url(world.coverage)
    kind = as_budi.post(url, {"direction": "higher", "kind": "number"})
    assert kind.status_code == 400 and "tidak dapat berubah antara angka dan persentase" in kind.text
    bounds = as_budi.post(url, {"direction": "higher", "kind": "percentage", "maximum": "70"})
    assert (
        bounds.status_code == 400
        and "Nilai 75 pada 2027, yang dikirim atau disetujui, berada di luar batas ini." in bounds.text
    )
    evidence = as_budi.post(url, {"direction": "higher", "kind": "percentage", "evidence_required": "on"})
    assert evidence.status_code == 400 and "tidak memiliki bukti" in evidence.text
    rule = KpiRule.objects.get(kpi=world.coverage)
    assert (rule.kind, rule.maximum, rule.evidence_required) == ("percentage", None, False)
    fine = as_budi.post(url, {"direction": "higher", "kind": "percentage", "minimum": "0", "maximum": "100"})
    assert fine.status_code == 302


def test_a_submitted_value_outside_new_bounds_is_protected_too(world, sari, as_budi) -> None:
    do_save_kpi_report(
        sari,
        world.period,
        world.coverage,
        numerator="3",
        denominator="4",
        submit=True,
    )
    answer = as_budi.post(
        rule_url(world.coverage), {"direction": "higher", "kind": "percentage", "minimum": "80"}
    )
    assert answer.status_code == 400 and "Nilai 75 pada 2027" in answer.text

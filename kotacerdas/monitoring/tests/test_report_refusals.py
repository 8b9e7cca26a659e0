"""An initiative report's refusals: another OPD's initiative, unknown status or funding source, a bad
link, a second submission and a review by someone who is not the coordinator; nothing is saved."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError

from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_submit_report,
)
from kotacerdas.monitoring.models import InitiativeReport, ReportTransition
from kotacerdas.notifications.models import Notification

pytestmark = pytest.mark.django_db


def test_sari_may_not_report_for_another_opds_initiative(world, sari) -> None:
    with pytest.raises(ActionNotAllowed, match="hanya dapat melapor untuk KPI dan inisiatif OPD Anda"):
        do_save_initiative_report(sari, world.period, world.portal, implementation="running")
    assert not InitiativeReport.objects.exists()


@pytest.mark.parametrize(
    ("fields", "expected"),
    [
        ({"implementation": "paused"}, {"implementation": ["Pilih salah satu status pelaksanaan wilayah."]}),
        ({"realised": {"ARISAN": "100"}}, {"realised": ["Sumber dana ARISAN tidak dikenal."]}),
        ({"realised": {"APBD": "-5"}}, {"realised_APBD": ["Jumlah realisasi tidak boleh negatif."]}),
        (
            {"evidence_link": "salatiga.go.id/sk"},
            {"evidence_link": ["Masukkan alamat web lengkap (https://…)."]},
        ),
    ],
)
def test_bad_report_input_is_refused_by_field(world, sari, fields, expected) -> None:
    arguments = {"implementation": "running", **fields}
    with pytest.raises(ValidationError) as error:
        do_save_initiative_report(sari, world.period, world.telemed, **arguments)
    assert error.value.message_dict == expected
    assert not InitiativeReport.objects.exists()


def test_a_submitted_report_waits_for_review_and_only_budi_decides(world, sari, budi) -> None:
    report = do_save_initiative_report(sari, world.period, world.telemed, implementation="running")
    do_submit_report(sari, report)
    assert Notification.objects.filter(recipient=budi, kind="monitoring.submitted").exists()
    report.refresh_from_db()
    assert report.status == "submitted"
    with pytest.raises(ValidationError, match="menunggu"):
        do_save_initiative_report(sari, world.period, world.telemed, implementation="completed")
    with pytest.raises(ValidationError, match="tidak dapat dipindahkan"):
        do_submit_report(sari, report)
    with pytest.raises(ActionNotAllowed, match="Hanya koordinator daerah"):
        do_review_report(sari, report, decision="approved")
    with pytest.raises(ValidationError) as error:
        do_review_report(budi, report, decision="maybe")
    assert error.value.message_dict == {"decision": ["Pilih setujui atau kembalikan untuk revisi."]}
    report.refresh_from_db()
    assert (report.status, report.implementation) == ("submitted", "running")
    assert ReportTransition.objects.count() == 1


def test_rina_may_not_import_a_reporting_sheet(world, rina) -> None:
    from kotacerdas.monitoring.actions.sheets import do_import_sheet

    with pytest.raises(ActionNotAllowed, match="hanya dapat melapor untuk KPI dan inisiatif OPD Anda"):
        do_import_sheet(rina, world.period, b"PK\x03\x04")
    assert not InitiativeReport.objects.exists()

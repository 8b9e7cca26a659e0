"""Retention of monitoring evidence files: only locked periods' files, once older than the setting."""

from __future__ import annotations

from datetime import date, timedelta
from io import StringIO

import pytest
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.periods import do_close_period, do_lock_period
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
from kotacerdas.monitoring.models import Evidence

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _short_retention(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EVIDENCE_RETENTION_DAYS = 30


def report_with_evidence(world, sari, budi) -> Evidence:  # type: ignore[no-untyped-def]
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4 laporan", content_type="application/pdf")
    report = do_save_kpi_report(
        sari, world.period, world.visits, value="4200", evidence_file=pdf, submit=True
    )
    do_review_report(budi, report, decision="approved")
    return report.evidence.get()


@pytest.fixture
def retention(django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    """Run the command as on a date; the files it deletes after its commit are deleted at once."""

    def run(as_of: date) -> str:
        out = StringIO()
        with django_capture_on_commit_callbacks(execute=True):
            call_command("apply_retention", as_of=as_of.isoformat(), stdout=out)
        return out.getvalue()

    return run


def test_a_locked_periods_files_go_once_older_than_the_retention(world, sari, budi, retention) -> None:
    evidence = report_with_evidence(world, sari, budi)
    do_close_period(budi, world.period)
    do_lock_period(budi, world.period)
    closes = world.period.closes_on  # 31 January 2028
    assert default_storage.exists(evidence.file.name)

    assert "monitoring evidence files: 0 removed" in retention(closes + timedelta(days=29))
    output = retention(closes + timedelta(days=31))

    assert "monitoring evidence files: 1 removed" in output
    assert not default_storage.exists(evidence.file.name)
    evidence.refresh_from_db()
    assert evidence.file.name == "" and evidence.shown_label  # the row says what there was
    assert AuditEntry.objects.filter(action="monitoring.evidence_retention").get().after["files_removed"] == 1


def test_an_open_periods_files_stay_however_old(world, sari, budi, retention) -> None:
    evidence = report_with_evidence(world, sari, budi)
    assert "monitoring evidence files: 0 removed" in retention(date(2040, 1, 1))
    assert default_storage.exists(evidence.file.name)


def test_a_dry_run_only_counts(world, sari, budi, retention) -> None:
    evidence = report_with_evidence(world, sari, budi)
    do_close_period(budi, world.period)
    do_lock_period(budi, world.period)
    out = StringIO()
    call_command("apply_retention", as_of="2040-01-01", dry_run=True, stdout=out)
    assert "monitoring evidence files: 1 would be removed" in out.getvalue()
    assert default_storage.exists(evidence.file.name)

"""Reporting, review and locked periods through the monitoring actions."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.http import Http404
from django.utils import translation

from kotacerdas.accounts.audit_sentences import sentence
from kotacerdas.accounts.errors import ActionNotAllowed
from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.access import get_kpi_for_reporter
from kotacerdas.monitoring.actions.periods import do_lock_period, do_open_period, do_unlock_period
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
    do_submit_report,
)
from kotacerdas.monitoring.models import KpiReport, ReportTransition
from kotacerdas.notifications.models import Notification
from kotacerdas.web.uploads import MAX_BYTES  # noqa: F401  (the shared upload rules are used)

pytestmark = pytest.mark.django_db
PDF = b"%PDF-1.4 laporan"


def pdf():
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile("bukti.pdf", PDF, content_type="application/pdf")


def refused(call, field=None) -> str:
    with translation.override("id"), pytest.raises(ValidationError) as error:
        call()
    if field:
        return " ".join(error.value.message_dict[field])
    return " ".join(error.value.messages)


def test_budi_opens_a_period_once_and_the_opds_are_told(world, budi, sari, region_a) -> None:
    assert Notification.objects.filter(recipient=sari, kind="monitoring.period_opened").exists()
    message = refused(lambda: do_open_period(budi, region_a, year=2027, closes_on=date(2028, 1, 31)), "year")
    assert "sudah ada" in message
    assert "2026–2030" in refused(
        lambda: do_open_period(budi, region_a, year=2031, closes_on=date(2032, 1, 1)), "year"
    )


def test_sari_cannot_open_periods_nor_reach_another_opds_kpi(world, sari, region_a) -> None:
    with pytest.raises(ActionNotAllowed):
        do_open_period(sari, region_a, year=2028, closes_on=date(2029, 1, 31))
    with pytest.raises(Http404):
        get_kpi_for_reporter(sari, region_a, world.poverty.pk, 2027)
    with pytest.raises(ActionNotAllowed):
        do_save_kpi_report(sari, world.period, world.poverty, value="9")


def test_bad_values_are_refused_in_indonesian_and_nothing_is_saved(world, sari) -> None:
    p = world.period
    assert refused(lambda: do_save_kpi_report(sari, p, world.visits, value="banyak"), "value") == (
        "Masukkan angka, bukan teks."
    )
    assert "tidak boleh 0" in refused(
        lambda: do_save_kpi_report(sari, p, world.coverage, numerator="4", denominator="0"), "denominator"
    )
    assert "antara 0 dan 100.000" in refused(
        lambda: do_save_kpi_report(sari, p, world.visits, value="-3"), "value"
    )
    message = refused(
        lambda: do_save_kpi_report(sari, p, world.visits, value="4200", submit=True), "evidence_file"
    )
    assert "bukti" in message
    assert KpiReport.objects.count() == 0


def test_a_percentage_kpi_is_computed_from_numerator_and_denominator(world, sari) -> None:
    report = do_save_kpi_report(sari, world.period, world.coverage, numerator="12", denominator="16")
    assert report.value == Decimal(75) and report.status == "draft"


def test_return_with_reason_fix_and_approve_keep_who_when_why(world, sari, budi) -> None:
    report = do_save_kpi_report(
        sari, world.period, world.visits, value="4200", evidence_file=pdf(), submit=True
    )
    assert report.status == "submitted" and report.evidence.get().file_type == "pdf"
    assert "alasan" in refused(lambda: do_review_report(budi, report, decision="returned"), "reason")
    do_review_report(budi, report, decision="returned", reason="Lampirkan rekap bulanan.")
    assert Notification.objects.filter(recipient=sari, kind="monitoring.returned").exists()
    report = do_save_kpi_report(sari, world.period, world.visits, value="4350", submit=True)
    do_review_report(budi, report, decision="approved")
    trail = [(t.from_status, t.to_status, t.actor.username, t.reason) for t in ReportTransition.objects.all()]
    assert trail == [
        ("draft", "submitted", "sari", ""),
        ("submitted", "returned", "budi", "Lampirkan rekap bulanan."),
        ("returned", "submitted", "sari", ""),
        ("submitted", "approved", "budi", ""),
    ]
    assert "disetujui" in refused(lambda: do_save_kpi_report(sari, world.period, world.visits, value="1"))


def test_initiative_progress_defaults_from_its_status_and_keeps_realisation_per_source(world, sari) -> None:
    report = do_save_initiative_report(
        sari,
        world.period,
        world.telemed,
        implementation="running",
        realised={"APBD": "250000000", "APBN_DAK": ""},
        milestones=[world.milestone],
    )
    assert report.progress == Decimal(50)
    assert {r.source: r.amount for r in report.realisations.all()} == {"APBD": Decimal(250_000_000)}
    assert list(report.milestones_done.all()) == [world.milestone]
    assert "0 sampai 100" in refused(
        lambda: do_save_initiative_report(
            sari, world.period, world.telemed, implementation="running", progress="140"
        ),
        "progress",
    )


def test_a_locked_period_refuses_every_action_and_unlocking_needs_ayus_reason(world, sari, budi, ayu) -> None:
    report = do_save_kpi_report(sari, world.period, world.visits, value="4200", evidence_file=pdf())
    do_lock_period(ayu, world.period)
    assert "terkunci" in refused(lambda: do_save_kpi_report(sari, world.period, world.visits, value="1"))
    assert "terkunci" in refused(lambda: do_submit_report(sari, report))
    assert "terkunci" in refused(lambda: do_review_report(budi, report, decision="approved"))
    report.value = Decimal(1)
    assert "terkunci" in refused(report.save)  # below the actions too (shell, admin)
    with pytest.raises(ActionNotAllowed):
        do_unlock_period(budi, world.period, reason="salah input")
    assert "alasan" in refused(lambda: do_unlock_period(ayu, world.period, reason=" "), "reason")
    do_unlock_period(ayu, world.period, reason="Koreksi data BPS")
    # an unlock is its own entry, and the audit log does not read it as a closing
    assert not AuditEntry.objects.filter(action="monitoring.period.closed").exists()
    entry = AuditEntry.objects.filter(action="monitoring.period.unlocked").get()
    assert (entry.actor_name, entry.after["reason"]) == ("Ayu", "Koreksi data BPS")
    assert sentence(entry).text == f"Ayu membuka kunci periode pelaporan {entry.object_repr}."


def test_reminders_go_out_once_before_the_closing_date_and_once_when_overdue(world, sari) -> None:
    from kotacerdas.monitoring.actions.periods import do_notify_due

    assert do_notify_due(date(2028, 1, 10)) == 0  # three weeks before: nothing yet
    assert do_notify_due(date(2028, 1, 25)) == 1
    assert do_notify_due(date(2028, 1, 26)) == 0  # once
    assert do_notify_due(date(2028, 2, 2)) == 1
    kinds = set(Notification.objects.filter(recipient=sari).values_list("kind", flat=True))
    assert {"monitoring.due_soon", "monitoring.overdue"} <= kinds


def test_the_daily_chore_run_twice_sends_each_reminder_once(world, sari, budi) -> None:
    from kotacerdas.jobs.chores import SKIPPED, run_due

    def sent() -> int:
        return Notification.objects.filter(kind__in=["monitoring.due_soon", "monitoring.overdue"]).count()

    assert run_due(date(2028, 1, 25))["monitoring.reminders"] == "done: 1"
    first = sent()
    assert first == 2  # Budi and Sari
    assert run_due(date(2028, 1, 25))["monitoring.reminders"] == SKIPPED
    assert sent() == first
    assert run_due(date(2028, 1, 26))["monitoring.reminders"] == "done: 0"  # the next day: nothing new
    assert run_due(date(2028, 2, 2))["monitoring.reminders"] == "done: 1"  # overdue, once
    assert run_due(date(2028, 2, 3))["monitoring.reminders"] == "done: 0"
    assert sent() == 2 * first

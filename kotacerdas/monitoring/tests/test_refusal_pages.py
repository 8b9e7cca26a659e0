"""Who sees what on the approval queue, and refusals that say their reason in Indonesian."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from kotacerdas.audit.models import AuditEntry
from kotacerdas.monitoring.actions.periods import do_close_period, do_lock_period, do_reopen_period
from kotacerdas.monitoring.actions.reports import (
    do_review_report,
    do_save_initiative_report,
    do_save_kpi_report,
)

pytestmark = pytest.mark.django_db


def submit_both_opds(world, sari, budi) -> None:
    do_save_kpi_report(sari, world.period, world.coverage, numerator="6", denominator="10", submit=True)
    do_save_kpi_report(budi, world.period, world.poverty, value="9", submit=True)  # Diskominfo's


def test_sari_sees_only_her_opds_reports_in_the_queue(world, sari, budi, as_sari, as_budi) -> None:
    submit_both_opds(world, sari, budi)
    url = reverse("monitoring:queue", args=["33.73"])
    hers = as_sari.get(url).text
    assert world.coverage.name in hers and world.poverty.name not in hers
    everything = as_budi.get(url).text
    assert world.coverage.name in everything and world.poverty.name in everything


def test_the_unlock_page_tells_budi_only_the_national_admin_may_unlock(world, ayu, as_budi) -> None:
    do_lock_period(ayu, world.period)
    url = reverse("monitoring:unlock", args=["33.73", world.period.pk])
    for answer in (as_budi.get(url), as_budi.post(url, {"reason": "Salah ketik"})):
        assert answer.status_code == 403
        assert "Hanya admin nasional yang dapat membuka kunci periode pelaporan." in answer.text
        assert "Hubungi koordinator daerah Anda" not in answer.text  # he is the coordinator


def test_a_review_of_an_approved_report_names_both_states_in_indonesian(world, sari, budi) -> None:
    report = do_save_kpi_report(
        sari, world.period, world.coverage, numerator="6", denominator="10", submit=True
    )
    do_review_report(budi, report, decision="approved")
    with pytest.raises(ValidationError) as refused:
        do_review_report(budi, report, decision="returned", reason="Tab lama")
    assert refused.value.messages == [
        "Laporan berstatus “disetujui” tidak dapat dipindahkan ke “dikembalikan untuk revisi”."
    ]


def test_budi_reviews_what_sari_reported_on_the_review_page(world, sari, as_budi) -> None:
    report = do_save_initiative_report(
        sari,
        world.period,
        world.telemed,
        implementation="running",
        progress="40",
        realised={"APBD": "125.000.000"},
        narrative="Dua puskesmas sudah tersambung.",
        submit=True,
    )
    page = as_budi.get(reverse("monitoring:review_initiative", args=["33.73", report.pk])).text
    assert 'data-testid="report-implementation">berjalan<' in page
    assert 'data-testid="report-realised">APBD Rp125.000.000<' in page
    assert "Dua puskesmas sudah tersambung." in page


def test_a_closed_period_offers_the_form_only_for_a_returned_report(world, sari, budi, as_sari) -> None:
    returned = do_save_kpi_report(
        sari,
        world.period,
        world.visits,
        value="4000",
        evidence_link="https://contoh.go.id/rekap",
        submit=True,
    )
    do_review_report(budi, returned, decision="returned", reason="Rekap kurang")
    do_close_period(budi, world.period)
    new = as_sari.get(reverse("monitoring:kpi_report", args=["33.73", world.period.pk, world.coverage.pk]))
    assert 'name="numerator"' not in new.text  # a save would be refused, and an attached file lost
    assert "Periode pelaporan ini sudah ditutup; hanya laporan yang dikembalikan" in new.text
    fix = as_sari.get(reverse("monitoring:kpi_report", args=["33.73", world.period.pk, world.visits.pk]))
    assert 'name="value"' in fix.text and 'data-testid="period-note"' not in fix.text


def test_budi_reopens_a_period_he_closed_by_mistake_and_sari_reports_again(
    world, budi, sari, as_budi
) -> None:
    do_close_period(budi, world.period)
    page = reverse("monitoring:period", args=["33.73", world.period.pk])
    assert "Buka kembali periode" in as_budi.get(page).text
    answer = as_budi.post(reverse("monitoring:reopen", args=["33.73", world.period.pk]), follow=True)
    assert "Periode pelaporan dibuka kembali." in answer.text
    world.period.refresh_from_db()
    assert world.period.state == "open"
    do_save_kpi_report(sari, world.period, world.coverage, numerator="6", denominator="10")  # accepted again
    assert AuditEntry.objects.filter(action="monitoring.period.reopen").count() == 1
    with pytest.raises(ValidationError) as refused:
        do_reopen_period(budi, world.period)
    assert refused.value.messages == ["Hanya periode yang ditutup yang dapat dibuka kembali."]


def test_sari_may_not_reopen_a_period(world, budi, as_sari) -> None:
    do_close_period(budi, world.period)
    answer = as_sari.post(reverse("monitoring:reopen", args=["33.73", world.period.pk]))
    assert answer.status_code == 403
    world.period.refresh_from_db()
    assert world.period.state == "closed"


def test_a_region_without_a_masterplan_is_sent_to_its_profile_before_opening_a_period(
    as_budi, region_a
) -> None:
    """A region that starts from nothing: the periods page says what a period is and where the first
    step is done, instead of a form that is refused without saying where to go."""
    page = as_budi.get(reverse("monitoring:periods", args=[region_a.code])).content.decode()
    assert "Belum ada periode pelaporan: sebuah periode meminta OPD melaporkan" in page
    profile = reverse("planning:profile", args=[region_a.code])
    assert f'belum memiliki masterplan: <a href="{profile}">isi profil dan periode masterplan</a>' in page
    assert "Buka periode</button>" not in page


def test_a_region_with_a_masterplan_but_no_period_is_told_to_open_the_first(as_budi, budi, region_a) -> None:
    from kotacerdas.planning.analysis.actions import do_save_profile

    do_save_profile(budi, region_a, period_start=2026, period_end=2030)
    page = as_budi.get(reverse("monitoring:periods", args=[region_a.code])).content.decode()
    assert "Buka periode pertama di bawah." in page
    assert "Buka periode</button>" in page


def test_the_monitoring_pages_of_a_region_without_initiatives_say_where_they_come_from(
    as_budi, region_a
) -> None:
    initiatives = reverse("planning:initiatives", args=[region_a.code])
    page = as_budi.get(reverse("monitoring:region", args=[region_a.code])).content.decode()
    assert f'laporan yang disetujui atas <a href="{initiatives}">inisiatif</a> masterplan.' in page
    page = as_budi.get(reverse("monitoring:kpi_rules", args=[region_a.code])).content.decode()
    assert f'dalam masterplan (<a href="{initiatives}">inisiatif</a>), beserta target tahunannya' in page

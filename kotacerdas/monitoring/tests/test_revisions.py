"""A masterplan revision keeps the earlier plan's monitoring: its 2027 period still lists what was
reported on, while new periods follow the active revision."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from conftest import logged_in
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
from kotacerdas.monitoring.models import Evidence, KpiReport
from kotacerdas.monitoring.overview import expected_items
from kotacerdas.planning.models import Initiative
from kotacerdas.planning.revisions.actions import do_start_revision

pytestmark = pytest.mark.django_db


def test_the_earlier_revisions_period_keeps_its_reports(world, budi, sari, as_budi, region_a) -> None:
    report = do_save_kpi_report(
        sari, world.period, world.coverage, numerator="4", denominator="5", submit=True
    )
    do_review_report(budi, report, decision="approved")
    do_start_revision(budi, region_a, 2029, 2033)

    # the 2027 period is revision 1's: the same KPIs and initiatives, the approved value kept
    kpis, initiatives = expected_items(world.period)
    assert world.coverage in kpis and world.telemed in initiatives
    page = as_budi.get(reverse("monitoring:period", args=[region_a.code, world.period.pk]))
    assert page.status_code == 200 and "Puskesmas terhubung" in page.text
    assert KpiReport.objects.get(pk=report.pk).status == "approved"

    # a period of the new revision expects the carried-over copies
    later = do_open_period(budi, region_a, year=2029, closes_on=date(2030, 1, 31))
    _kpis, initiatives = expected_items(later)
    copies = set(Initiative.objects.filter(region=region_a))
    assert set(initiatives) <= copies and all(i.carried_over_from is not None for i in initiatives)


def test_an_open_period_of_the_earlier_revision_can_still_be_reported_through_the_pages(
    world, budi, rina, as_sari, as_budi, region_a
) -> None:
    do_start_revision(budi, region_a, 2029, 2033)  # while 2027 is still open
    period_url = reverse("monitoring:period", args=[region_a.code, world.period.pk])
    form_url = reverse("monitoring:kpi_report", args=[region_a.code, world.period.pk, world.visits.pk])
    assert f'href="{form_url}"' in as_sari.get(period_url).text  # her revision 1 KPI opens its form

    evidence = SimpleUploadedFile("rekap.pdf", b"%PDF-1.4 rekap", content_type="application/pdf")
    sent = as_sari.post(form_url, {"value": "4350", "evidence_file": evidence, "submit": "1"})
    assert sent.status_code == 302
    report = KpiReport.objects.get(period=world.period, kpi=world.visits)
    assert report.status == "submitted"
    item = Evidence.objects.get(kpi_report=report)
    evidence_url = reverse("monitoring:evidence", args=[region_a.code, item.pk])
    for reader in (as_sari, logged_in(rina)):  # her reporter, and the mentor who reads every report
        download = reader.get(evidence_url)
        assert download.status_code == 200 and b"".join(download.streaming_content) == b"%PDF-1.4 rekap"

    # the region card counts the period's own items, as the period page lists them
    kpis, initiatives = expected_items(world.period)
    card = as_budi.get(reverse("regions:workspace", args=[region_a.code])).text
    assert f">1 / {len(kpis) + len(initiatives)} (" in card

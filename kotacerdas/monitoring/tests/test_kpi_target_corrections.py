"""Budi corrects a KPI's target after monitoring approved its realisation: allowed, and said so.

Monitoring keeps no copy of the targets: it reads the KPI's own (``plan.kpi_target``), so from the
save on, the approved realisation is compared with the new target."""

from decimal import Decimal

import pytest
from django.urls import reverse

from kotacerdas.monitoring.actions.reports import do_review_report, do_save_kpi_report
from kotacerdas.monitoring.plan import kpi_target
from kotacerdas.planning.target_readers import approved_years

pytestmark = pytest.mark.django_db


def test_the_target_page_says_monitoring_compares_an_approved_year_with_the_new_target(
    world, sari, budi, as_budi
) -> None:
    coverage = world.coverage
    url = reverse("planning:kpi_targets", args=[world.period.region.code, coverage.pk])
    assert approved_years(coverage) == []
    assert "sudah menyetujui" not in as_budi.get(url).content.decode()
    report = do_save_kpi_report(sari, world.period, coverage, numerator="12", denominator="16", submit=True)
    do_review_report(budi, report, decision="approved")
    assert approved_years(coverage) == [2027]

    page = as_budi.get(url).content.decode()
    assert "Monitoring sudah menyetujui realisasi IKU ini untuk tahun: 2027" in page
    response = as_budi.post(url, {"version": coverage.version, "t_2027": "70", "t_2028": "85"}, follow=True)
    assert response.status_code == 200
    assert "mulai sekarang realisasi itu dibandingkan dengan target yang baru" in response.content.decode()
    coverage.refresh_from_db()
    assert kpi_target(coverage, 2027) == Decimal(70)  # what monitoring compares the approved 75 % with


def test_changing_only_other_years_says_nothing_about_monitoring(world, sari, budi, as_budi) -> None:
    coverage = world.coverage
    report = do_save_kpi_report(sari, world.period, coverage, numerator="12", denominator="16", submit=True)
    do_review_report(budi, report, decision="approved")
    url = reverse("planning:kpi_targets", args=[world.period.region.code, coverage.pk])
    response = as_budi.post(url, {"version": coverage.version, "t_2027": "80", "t_2029": "90"}, follow=True)
    assert "Target IKU “Puskesmas terhubung” disimpan." in response.content.decode()
    assert "mulai sekarang" not in response.content.decode()

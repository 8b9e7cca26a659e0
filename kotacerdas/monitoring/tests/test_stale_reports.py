"""A report saved from a form opened before someone else's save is refused, not applied (issue: lost
update): Budi's correction survives Sari's older tab, on the page and through the API."""

from __future__ import annotations

import pytest
from django.urls import reverse
from rest_framework.test import APIClient

from kotacerdas.monitoring.actions.reports import do_save_initiative_report, do_save_kpi_report
from kotacerdas.monitoring.models import InitiativeReport, KpiReport

pytestmark = pytest.mark.django_db


def kpi_form(world, kpi) -> str:
    return reverse("monitoring:kpi_report", args=["33.73", world.period.pk, kpi.pk])


def test_sari_saving_over_budis_newer_value_is_refused_and_keeps_both(world, sari, budi, as_sari) -> None:
    do_save_kpi_report(sari, world.period, world.visits, value="4000")
    opened = as_sari.get(kpi_form(world, world.visits)).text
    assert 'name="version" value="1"' in opened
    do_save_kpi_report(budi, world.period, world.visits, value="4100", narrative="Koreksi Budi", version=1)

    answer = as_sari.post(kpi_form(world, world.visits), {"value": "3900", "version": "1"})
    assert answer.status_code == 400
    assert (
        "Data ini sudah diubah oleh Budi" in answer.text
        and "(narasi, dilaporkan oleh, nilai realisasi)" in answer.text
    )
    assert 'value="3900"' in answer.text  # what she typed is shown again
    report = KpiReport.objects.get(kpi=world.visits)
    assert (report.value, report.narrative, report.version) == (4100, "Koreksi Budi", 2)


def test_a_form_opened_before_the_first_report_is_refused_once_one_exists(world, sari, budi, as_sari) -> None:
    assert 'name="version" value="0"' in as_sari.get(kpi_form(world, world.visits)).text
    do_save_kpi_report(budi, world.period, world.visits, value="4100")
    answer = as_sari.post(kpi_form(world, world.visits), {"value": "3900", "version": "0"})
    assert answer.status_code == 400 and "Data ini sudah diubah oleh Budi" in answer.text
    assert KpiReport.objects.get(kpi=world.visits).value == 4100


def test_an_initiative_report_from_an_older_tab_is_refused(world, sari, budi, as_sari) -> None:
    do_save_initiative_report(sari, world.period, world.telemed, implementation="running", progress="20")
    do_save_initiative_report(budi, world.period, world.telemed, implementation="running", progress="35")
    url = reverse("monitoring:initiative_report", args=["33.73", world.period.pk, world.telemed.pk])
    answer = as_sari.post(url, {"implementation": "running", "progress": "25", "version": "1"})
    assert answer.status_code == 400 and "Data ini sudah diubah oleh Budi" in answer.text
    assert InitiativeReport.objects.get(initiative=world.telemed).progress == 35


def test_the_api_refuses_an_older_version_and_gives_the_current_one(world, sari, budi) -> None:
    api = APIClient()
    api.force_authenticate(sari)
    url = f"/api/v1/regions/33.73/monitoring/periods/{world.period.pk}/kpis/{world.visits.pk}"
    first = api.post(url, {"value": 4000, "version": 0}, format="json").json()
    assert first["version"] == 1
    do_save_kpi_report(budi, world.period, world.visits, value="4100", version=1)
    refused = api.post(url, {"value": 3900, "version": 1}, format="json")
    assert refused.status_code == 400 and "Data ini sudah diubah oleh Budi" in refused.text
    assert api.post(url, {"value": 3900, "version": 2}, format="json").json()["version"] == 3

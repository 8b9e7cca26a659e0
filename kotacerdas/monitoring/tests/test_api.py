"""The monitoring API: the same getters and actions as the pages."""

from __future__ import annotations

import pytest
from rest_framework.test import APIClient

from kotacerdas.monitoring.actions.periods import do_lock_period
from kotacerdas.monitoring.models import KpiReport
from kotacerdas.planning.revisions.actions import do_start_revision

pytestmark = pytest.mark.django_db
BASE = "/api/v1/regions/33.73/monitoring/"


def client(user) -> APIClient:
    api = APIClient()
    api.force_authenticate(user)
    return api


def test_sari_reports_budi_approves_and_the_read_shows_it(world, sari, budi) -> None:
    url = f"{BASE}periods/{world.period.pk}/kpis/{world.coverage.pk}"
    answer = client(sari).post(url, {"numerator": "12", "denominator": "16", "submit": True}, format="json")
    assert answer.status_code == 200, answer.content
    assert (answer.json()["value"], answer.json()["status"]) == ("75.0000", "submitted")
    review = client(budi).post(
        f"{BASE}kpi-reports/{answer.json()['id']}/review", {"decision": "approved"}, format="json"
    )
    assert review.json()["status"] == "approved"
    read = client(sari).get(f"{BASE}periods/{world.period.pk}/realisation").json()
    assert [(k["kpi_name"], k["status"]) for k in read["kpis"]] == [("Puskesmas terhubung", "approved")]


def test_bad_input_is_a_400_in_indonesian_another_opd_a_404(world, sari) -> None:
    url = f"{BASE}periods/{world.period.pk}/kpis/{world.coverage.pk}"
    answer = client(sari).post(
        url, {"numerator": "4", "denominator": "0"}, format="json", HTTP_ACCEPT_LANGUAGE="id"
    )
    assert answer.status_code == 400
    assert answer.json() == {"denominator": ["Penyebut tidak boleh 0."]}
    other = client(sari).post(
        f"{BASE}periods/{world.period.pk}/kpis/{world.poverty.pk}", {"value": "9"}, format="json"
    )
    assert other.status_code == 404
    assert not KpiReport.objects.exists()


def test_a_locked_period_refuses_api_writes(world, sari, ayu) -> None:
    do_lock_period(ayu, world.period)
    url = f"{BASE}periods/{world.period.pk}/initiatives/{world.telemed.pk}"
    answer = client(sari).post(url, {"implementation": "running"}, format="json")
    assert answer.status_code == 400
    assert "terkunci" in str(answer.json())


def test_an_open_period_of_the_earlier_revision_is_reported_and_read_through_the_api(
    world, sari, budi, region_a
) -> None:
    do_start_revision(budi, region_a, 2029, 2033)  # while 2027 is still open
    url = f"{BASE}periods/{world.period.pk}/kpis/{world.coverage.pk}"
    answer = client(sari).post(url, {"numerator": "12", "denominator": "16"}, format="json")
    assert answer.status_code == 200, answer.content
    progress = f"{BASE}periods/{world.period.pk}/initiatives/{world.telemed.pk}"
    assert client(sari).post(progress, {"implementation": "running"}, format="json").status_code == 200
    read = client(sari).get(f"{BASE}periods/{world.period.pk}/realisation").json()
    assert [k["kpi_name"] for k in read["kpis"]] == ["Puskesmas terhubung"]
    assert len(read["initiatives"]) == 1

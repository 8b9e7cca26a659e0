"""The monitoring page and a KPI report cost the same queries however many initiatives, KPIs and
approved reports the region has (issue 17), and a save reads its period and KPI once."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import forget_inbox_badge
from kotacerdas.monitoring.actions.reports import do_save_kpi_report
from kotacerdas.monitoring.models import KpiReport

pytestmark = pytest.mark.django_db


def queries_of(client, url: str) -> int:  # type: ignore[no-untyped-def]
    forget_inbox_badge(client)  # a first view of the minute: the navigation counts the inbox
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def grow(budi, region, owner, start: int, count: int) -> None:  # type: ignore[no-untyped-def]
    """More initiatives running in 2027, each with two KPIs targeted that year."""
    from kotacerdas.planning.conftest import add_initiative
    from kotacerdas.planning.initiatives.actions import do_save_kpi

    for n in range(start, start + count):
        item = add_initiative(
            budi, region, f"GR-{n:02}", owner, start=2027, budget={(2027, "APBD"): Decimal(1)}
        )
        for k in range(2):
            do_save_kpi(budi, item, name=f"KPI {n}.{k}", unit="%", baseline=None, targets={2027: "50"})


def test_the_monitoring_page_costs_the_same_queries_at_two_sizes(world, budi, as_budi, region_a, dinkes_a):
    url = reverse("monitoring:region", args=[region_a.code])
    do_save_kpi_report(budi, world.period, world.poverty, value="12")
    small = queries_of(as_budi, url)
    grow(budi, region_a, dinkes_a, 1, 8)
    assert queries_of(as_budi, url) == small
    assert "KPI 8.1" in as_budi.get(url).text


def read_again(sql: list[str]) -> list[str]:
    """Rows the request already holds, read again by their id (as the audit entry's label, or the
    report's discussion thread asking for its region, once did)."""
    return [
        q
        for q in sql
        for table in ("monitoring_period", "planning_kpi", "regions_region")
        if q.startswith(f'SELECT "{table}"."id", ') and f'FROM "{table}" WHERE "{table}"."id" = ' in q
    ]


def test_saving_a_kpi_report_again_reads_its_period_and_kpi_once(world, budi, as_budi, region_a):
    url = reverse("monitoring:kpi_report", args=[region_a.code, world.period.pk, world.poverty.pk])
    assert as_budi.post(url, {"value": "12"}).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        assert as_budi.post(url, {"value": "11"}).status_code == 302
    sql = [q["sql"] for q in captured]
    assert read_again(sql) == []
    assert any(q.startswith('INSERT INTO "audit_auditentry"') for q in sql)


def test_a_saved_kpi_report_page_reads_its_period_kpi_and_region_once(world, budi, as_budi, region_a):
    url = reverse("monitoring:kpi_report", args=[region_a.code, world.period.pk, world.poverty.pk])
    assert as_budi.post(url, {"value": "12"}).status_code == 302
    with CaptureQueriesContext(connection) as captured:
        page = as_budi.get(url)
    assert page.status_code == 200 and 'id="history"' in page.text and "12" in page.text
    assert read_again([q["sql"] for q in captured]) == []


def test_an_opd_contributors_save_takes_her_opds_from_the_roles_already_read(world, sari, as_sari, region_a):
    url = reverse("monitoring:kpi_report", args=[region_a.code, world.period.pk, world.visits.pk])
    assert as_sari.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert as_sari.post(url, {"value": "12"}).status_code == 302
    sql = [q["sql"] for q in captured]
    roles = [q for q in sql if '"accounts_membership"' in q]
    assert len(roles) == 1 and '"accounts_user"' in roles[0]  # read once, with the person
    assert any(q.startswith('INSERT INTO "audit_auditentry"') for q in sql)


def test_a_save_reads_its_kpi_and_rule_once_for_the_page_and_the_action(world, as_sari, region_a):
    url = reverse("monitoring:kpi_report", args=[region_a.code, world.period.pk, world.visits.pk])
    assert as_sari.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert as_sari.post(url, {"value": "14"}).status_code == 302
    sql = [q["sql"] for q in captured]
    assert sum(q.startswith('SELECT "planning_kpi"') for q in sql) == 1
    assert sum(q.startswith('SELECT "monitoring_kpirule"') for q in sql) == 1
    assert KpiReport.objects.get(kpi=world.visits).value == 14

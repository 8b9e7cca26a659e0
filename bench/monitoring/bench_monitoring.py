"""Time the region's monitoring page (60 initiatives, 150 KPIs, 5 approved years) and Ayu's national
completeness view (514 regions).

    .venv/bin/python bench/monitoring/bench_monitoring.py [--repeat 30] [--only sqlite|postgresql]

The region is seeded through the real actions (plan, KPI rules, periods, reports, reviews); the 514
regions of the national view get a small plan each through the actions and their reports by bulk
insert (the view reads only the stored rows, so how they were written does not change its timing).
Prints median / p95 / min server time (Django test client, no network) and the queries of one request.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.per_database import arguments, each_database  # noqa: E402

DIMENSIONS = {"governance": "governance.service", "living": "living.health", "economy": "economy.welfare"}


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    if args.worker:
        worker(args.worker, args)
        return
    each_database(__file__, args)


def seed_region(ayu, region, initiatives: int):  # type: ignore[no-untyped-def]
    """A 2026–2030 plan: ``initiatives`` initiatives over 3 dimensions, 2.5 KPIs each, 5 approved years."""
    from datetime import date
    from decimal import Decimal

    from kotacerdas.monitoring.actions.periods import do_lock_period, do_open_period
    from kotacerdas.monitoring.actions.reports import (
        do_review_report,
        do_save_initiative_report,
        do_save_kpi_report,
    )
    from kotacerdas.planning.analysis.actions import do_save_profile
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
    from kotacerdas.regions.actions import do_create_opd

    opd = do_create_opd(ayu, region, name="Dinas Komunikasi dan Informatika", short_name="Diskominfo")
    do_save_profile(ayu, region, period_start=2026, period_end=2030)
    kpis = []
    items = []
    for n in range(initiatives):
        dimension = list(DIMENSIONS)[n % 3]
        item = do_save_initiative(
            ayu,
            region,
            budget={(y, "APBD"): Decimal(100_000_000 + n) for y in range(2026, 2031)},
            predecessors=[],
            code=f"I-{n:03d}",
            name=f"Inisiatif {n}",
            dimension=dimension,
            element=DIMENSIONS[dimension],
            type="application",
            owner=opd,
            horizon="medium",
            start_year=2026,
            duration=5,
        )
        items.append(item)
        for k in range(3 if n % 2 else 2):
            kpis.append(
                do_save_kpi(
                    ayu,
                    item,
                    name=f"KPI {n}.{k}",
                    unit="%",
                    baseline=Decimal(0),
                    targets={y: 20 * (y - 2025) for y in range(2026, 2031)},
                )
            )
    for year in range(2026, 2031):
        period = do_open_period(ayu, region, year=year, closes_on=date(year + 1, 1, 31))
        for item in items:
            report = do_save_initiative_report(
                ayu, period, item, implementation="running", realised={"APBD": "90000000"}, submit=True
            )
            do_review_report(ayu, report, decision="approved")
        for kpi in kpis:
            report = do_save_kpi_report(ayu, period, kpi, value=str(15 * (year - 2025)), submit=True)
            do_review_report(ayu, report, decision="approved")
        do_lock_period(ayu, period)
    return len(items), len(kpis)


def seed_nation(ayu, skip: int, count: int) -> int:  # type: ignore[no-untyped-def]
    """A small plan and one period per region (actions), its reports by bulk insert."""
    from datetime import date
    from decimal import Decimal

    from kotacerdas.monitoring.models import InitiativeReport, KpiReport, Period
    from kotacerdas.planning.initiatives.actions import do_save_initiative, do_save_kpi
    from kotacerdas.planning.models import Masterplan
    from kotacerdas.regions.models import Opd, Region

    regions = list(
        Region.objects.exclude(kind=Region.Kind.PROVINCE).exclude(pk=skip).order_by("code")[: count - 1]
    )
    initiative_reports, kpi_reports = [], []
    for region in regions:
        Masterplan.objects.create(region=region, period_start=2026, period_end=2030)
        opd = Opd.objects.create(region=region, name="Diskominfo")
        item = do_save_initiative(
            ayu,
            region,
            budget={(2026, "APBD"): Decimal(100)},
            predecessors=[],
            code="I-1",
            name="Inisiatif",
            dimension="governance",
            element="governance.service",
            type="application",
            owner=opd,
            horizon="short",
            start_year=2026,
            duration=1,
        )
        kpi = do_save_kpi(ayu, item, name="KPI", unit="%", baseline=None, targets={2026: 10})
        period = Period.objects.create(region=region, year=2026, closes_on=date(2027, 1, 31), opened_by=ayu)
        initiative_reports.append(
            InitiativeReport(
                period=period,
                initiative=item,
                implementation="running",
                progress=Decimal(50),
                reported_by=ayu,
                status="approved",
            )
        )
        kpi_reports.append(
            KpiReport(period=period, kpi=kpi, value=Decimal(8), reported_by=ayu, status="submitted")
        )
    InitiativeReport.objects.bulk_create(initiative_reports)
    KpiReport.objects.bulk_create(kpi_reports)
    return len(regions) + 1


def timed(client, url: str, repeat: int) -> tuple[float, float, float, int]:  # type: ignore[no-untyped-def]
    from django.db import connection

    assert client.get(url).status_code == 200  # warm-up
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        assert client.get(url).status_code == 200
        times.append((time.perf_counter() - t0) * 1000)
    queries: list[str] = []

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    times.sort()
    return statistics.median(times), times[max(0, round(0.95 * len(times)) - 1)], times[0], len(queries)


def worker(label: str, args: argparse.Namespace) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from kotacerdas.accounts.models import Membership, Role, User
    from kotacerdas.regions.models import Region

    ayu = User.objects.create_user("ayu", password="x")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    region = Region.objects.get(code="33.73")
    started = time.perf_counter()
    initiatives, kpis = seed_region(ayu, region, args.initiatives)
    seeded = time.perf_counter() - started
    client = Client()
    client.force_login(ayu)
    # the pages are measured, not the two-factor step: the session counts as verified, as in the tests
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=ayu, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    median, p95, low, queries = timed(client, "/r/33.73/monitoring/", args.repeat)
    print(
        f"{label}: monitoring page, {initiatives} initiatives, {kpis} KPIs, 5 approved years (seeded in "
        f"{seeded:.0f} s): median {median:.1f} ms, p95 {p95:.1f} ms, min {low:.1f} ms; {queries} queries"
    )
    started = time.perf_counter()
    regions = seed_nation(ayu, region.pk, args.regions)
    seeded = time.perf_counter() - started
    median, p95, low, queries = timed(client, "/monitoring/nasional/", args.repeat)
    print(
        f"{label}: national completeness, {regions} regions (seeded in {seeded:.0f} s): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms, min {low:.1f} ms; {queries} queries"
    )


if __name__ == "__main__":
    main()

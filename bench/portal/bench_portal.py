"""Time the public national portal page (514 published regions) and a region's public page.

    .venv/bin/python bench/portal/bench_portal.py [--repeat 30] [--only sqlite|postgresql]

Kota Salatiga gets the monitoring benchmark's plan through the real actions (60 initiatives, 150 KPIs,
5 approved years), two socialisation events, and publishes every part (``do_publish_portal``); the
other 513 regions each publish a snapshot through the same action. Prints median / p95 / min server
time of anonymous requests (Django test client, no network) and the queries of one request.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
from bench.monitoring.bench_monitoring import seed_region, timed  # noqa: E402
from bench.per_database import arguments, each_database  # noqa: E402


def main() -> None:
    args = arguments(__doc__.splitlines()[0])
    if args.worker:
        worker(args.worker, args)
        return
    each_database(__file__, args)


def seed_events(ayu, region) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.portal.actions import do_save_event

    for month in (3, 9):
        do_save_event(
            ayu,
            region,
            title=f"Sosialisasi {month}",
            held_on=date(2026, month, 1),
            place="Aula",
            from_government=30,
            from_community=20,
            head_count=60,
        )


def publish_nation(ayu, skip: int, count: int) -> int:  # type: ignore[no-untyped-def]
    """Every other region publishes a snapshot (vision and events) through the action."""
    from kotacerdas.portal.actions import do_publish_portal
    from kotacerdas.regions.models import Region

    regions = Region.objects.exclude(kind=Region.Kind.PROVINCE).exclude(pk=skip).order_by("code")[: count - 1]
    for region in regions:
        do_publish_portal(ayu, region, parts=["vision", "events"])
    return len(regions) + 1


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
    from kotacerdas.planning.roadmap.actions import do_confirm_schedule
    from kotacerdas.portal.actions import do_publish_portal
    from kotacerdas.portal.snapshot import PART_KEYS
    from kotacerdas.regions.models import Region

    ayu = User.objects.create_user("ayu", password="x")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    region = Region.objects.get(code="33.73")
    started = time.perf_counter()
    initiatives, kpis = seed_region(ayu, region, args.initiatives)
    do_confirm_schedule(ayu, region)  # the plan of record: the pagu the budget part shows
    seed_events(ayu, region)
    snap = do_publish_portal(ayu, region, parts=PART_KEYS)
    seeded = time.perf_counter() - started
    client = Client()  # anonymous, as a visitor
    median, p95, low, queries = timed(client, "/publik/r/33.73/", args.repeat)
    print(
        f"{label}: region page, {initiatives} initiatives, {kpis} KPIs, 5 approved years, snapshot "
        f"{len(str(snap.content)) // 1024} KiB (seeded in {seeded:.0f} s): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms, min {low:.1f} ms; {queries} queries"
    )
    started = time.perf_counter()
    regions = publish_nation(ayu, region.pk, args.regions)
    seeded = time.perf_counter() - started
    median, p95, low, queries = timed(client, "/publik/", args.repeat)
    print(
        f"{label}: national page, {regions} published regions (published in {seeded:.0f} s): "
        f"median {median:.1f} ms, p95 {p95:.1f} ms, min {low:.1f} ms; {queries} queries"
    )


if __name__ == "__main__":
    main()

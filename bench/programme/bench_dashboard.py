"""Time Ayu's national dashboard with a 100-region programme.

    .venv/bin/python bench/programme/bench_dashboard.py [--regions 100] [--repeat 30]

Seeds a programme through the real actions (a cohort of N selected regions with MoUs, deliverables
of every status) in a temporary SQLite database, and in a temporary PostgreSQL database when
127.0.0.1:5432 answers (override with KOTACERDAS_BENCH_POSTGRES_URL), then times the dashboard view
through the Django test client and prints median / p95 server time and the number of queries.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PG_URL = os.environ.get("KOTACERDAS_BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--regions", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--only", choices=["sqlite", "postgresql"], help="run one database only")
    parser.add_argument("--profile", action="store_true", help="print the top functions of one request")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.regions, args.repeat, args.profile)
        return
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "postgresql":
            run("SQLite", f"sqlite:///{tmp}/bench.sqlite3", tmp, args)
        database = f"kotacerdas_bench_{uuid.uuid4().hex[:8]}"
        if args.only == "sqlite":
            return
        if create_pg(database):
            try:
                run("PostgreSQL", PG_URL.rsplit("/", 1)[0] + f"/{database}", tmp, args)
            finally:
                drop_pg(database)
        else:
            print("PostgreSQL: not reachable, skipped")


def run(label: str, url: str, tmp: str, args: argparse.Namespace) -> None:
    env = dict(os.environ, DATABASE_URL=url, KOTACERDAS_VAR_DIR=tmp, MEDIA_ROOT=f"{tmp}/media", DEBUG="false")
    command = [sys.executable, __file__, "--worker", label, "--regions", str(args.regions)]
    command += ["--repeat", str(args.repeat)] + (["--profile"] if args.profile else [])
    subprocess.run(command, env=env, cwd=ROOT, check=True)


def create_pg(database: str) -> bool:
    try:
        import psycopg

        with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{database}"')
        return True
    except Exception:
        return False


def drop_pg(database: str) -> None:
    import psycopg

    with psycopg.connect(PG_URL, connect_timeout=3, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{database}"')


def worker(label: str, count: int, repeat: int, profile: bool = False) -> None:
    sys.path.insert(0, str(ROOT))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    call_command("migrate", verbosity=0)
    from kotacerdas.accounts.models import Membership, Role, User
    from kotacerdas.programme.actions.deliverables import (
        do_add_submitted_item,
        do_review_deliverable,
        do_submit_deliverable,
    )
    from kotacerdas.programme.tests.bulk import seed_cohort

    ayu = User.objects.create_user("ayu", password="x")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    started = time.perf_counter()
    _cohort, rows = seed_cohort(ayu, 2026, count)
    for i, candidacy in enumerate(rows):  # a realistic mix of statuses
        first_four = candidacy.deliverables.select_related("item").order_by("item__stage", "item__order")[:4]
        for j, deliverable in enumerate(first_four):
            if (i + j) % 3 == 0:
                continue
            coordinator = _coordinator_or(ayu, candidacy)
            do_add_submitted_item(coordinator, deliverable, label="x", link="/x/")
            do_submit_deliverable(coordinator, deliverable)
            decision = "approved" if (i + j) % 3 == 1 else "returned"
            do_review_deliverable(ayu, deliverable, decision=decision, reason="contoh")
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
    url = "/program/dasbor/"
    assert client.get(url).status_code == 200  # warm-up (template loading, translations)
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - t0) * 1000)
        assert response.status_code == 200
    queries: list[str] = []

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(counter):
        client.get(url)
    xlsx_t0 = time.perf_counter()
    client.get("/program/dasbor/xlsx/")
    xlsx_ms = (time.perf_counter() - xlsx_t0) * 1000
    if profile:
        import cProfile
        import pstats

        profiler = cProfile.Profile()
        profiler.runcall(client.get, url)
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    median = statistics.median(times)
    print(
        f"{label}: {count} regions, seeded in {seeded:.1f} s; dashboard median {median:.1f} ms, "
        f"p95 {p95:.1f} ms, min {times[0]:.1f} ms over {repeat} requests; {len(queries)} queries; "
        f"XLSX export {xlsx_ms:.1f} ms"
    )
    # CPU of this process (time.process_time; other processes on a shared machine do not count, the
    # database server's work does not either) and its ratio to a trivial view's, in the same minutes.
    cpu = {name: cpu_median(client, path, repeat) for name, path in PAGES.items()}
    trivial = cpu["trivial view"]
    for name, ms in cpu.items():
        print(f"{label}: {name:18} CPU median {ms:7.2f} ms = {ms / trivial:5.1f} × the trivial view")


PAGES = {"trivial view": "/sehat/", "national dashboard": "/program/dasbor/", "national home": "/"}


def cpu_median(client, path, repeat):  # type: ignore[no-untyped-def]
    times = []
    for _ in range(repeat):
        t0 = time.process_time()
        assert client.get(path).status_code == 200
        times.append((time.process_time() - t0) * 1000)
    return statistics.median(times)


def _coordinator_or(ayu, candidacy):  # type: ignore[no-untyped-def]
    """Submitting needs the region's team: make a coordinator for each region once."""
    from kotacerdas.accounts.models import Membership, Role, User

    membership = Membership.objects.filter(region=candidacy.region, role=Role.COORDINATOR).first()
    if membership:
        return membership.user
    user = User.objects.create_user(f"koordinator-{candidacy.region.code}", password="x")
    Membership.objects.create(user=user, role=Role.COORDINATOR, region=candidacy.region)
    return user


if __name__ == "__main__":
    main()

"""What ``gc.freeze()`` at start-up (kotacerdas/gunicorn_conf.py) changes: collections and their time.

    .venv/bin/python bench/pages/bench_gc.py [--requests 300] [--rounds 2]

Loads the demo into a temporary SQLite database once, then for each round starts two fresh worker
processes on a copy of it, one as ``kotacerdas/gunicorn_conf.py`` does (``gc.collect(); gc.freeze()``
once the application is loaded, before the first request) and one without. Each worker sends the same
mix of requests through the Django test client (the region page as Budi, the initiatives list, the
national dashboard and national home as Ayu, in turn) and reports, via ``gc.callbacks``, how many
collections of each generation ran and the CPU time spent inside them, and the mean and median CPU
per request (``time.process_time``). The mean is what counts here: a full collection every few dozen
requests hardly moves a median.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.requests)
        return
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        seeded = f"{tmp}/seeded.sqlite3"
        run(tmp, seeded, "seed", args.requests)
        results: dict[str, list[dict[str, Any]]] = {"freeze": [], "no freeze": []}
        for _ in range(args.rounds):
            for mode in results:
                copy = f"{tmp}/run.sqlite3"
                shutil.copyfile(seeded, copy)
                results[mode].append(run(tmp, copy, mode, args.requests))
    for mode, runs in results.items():
        for result in runs:
            print(
                f"{mode:9}  collections gen0/1/2 {result['collections']}  in GC {result['gc_ms']:7.1f} ms "
                f"({100 * result['gc_ms'] / result['total_ms']:4.1f} % of {result['total_ms']:.0f} ms)  "
                f"per request: mean {result['mean_ms']:6.2f} ms, median {result['median_ms']:6.2f} ms"
            )
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def run(tmp: str, database: str, mode: str, requests: int) -> dict[str, Any]:
    env = dict(
        os.environ,
        DATABASE_URL=f"sqlite:///{database}",
        KOTACERDAS_VAR_DIR=tmp,
        MEDIA_ROOT=f"{tmp}/media",
        DEBUG="false",
        PYTHONPATH=str(ROOT),
    )
    command = [sys.executable, __file__, "--requests", str(requests), "--worker", mode]
    output = subprocess.run(command, env=env, cwd=ROOT, check=True, capture_output=True, text=True).stdout
    return json.loads(output.strip().splitlines()[-1]) if mode != "seed" else {}


def worker(mode: str, requests: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    if mode == "seed":
        from kotacerdas.demo import load_demo

        call_command("migrate", verbosity=0)
        load_demo()
        return
    import kotacerdas.urls  # noqa: F401  the application as a gunicorn worker has it loaded

    if mode == "freeze":  # what kotacerdas/gunicorn_conf.py's post_worker_init does
        gc.collect()
        gc.freeze()
    print(json.dumps(measure(requests)))


def measure(requests: int) -> dict[str, Any]:
    from django.conf import settings
    from django.test import Client

    from kotacerdas.accounts.models import User

    users = User.objects.in_bulk(["ayu", "budi"], field_name="username")
    budi, ayu = Client(), Client()
    budi.force_login(users["budi"], backend=settings.AUTHENTICATION_BACKENDS[-1])
    ayu.force_login(users["ayu"], backend=settings.AUTHENTICATION_BACKENDS[-1])
    verify_second_factor(ayu, users["ayu"])  # a national admin: else every page redirects to the code step
    mix = [
        (budi, "/r/33.73/"),
        (budi, "/r/33.73/masterplan/inisiatif/"),
        (ayu, "/program/dasbor/"),
        (ayu, "/"),
    ]
    collections = [0, 0, 0]
    in_gc = [0.0]
    started_at = [0.0]

    def callback(phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            started_at[0] = time.process_time()
        else:
            collections[info["generation"]] += 1
            in_gc[0] += time.process_time() - started_at[0]

    for client, url in mix * 2:  # warm-up (templates, translations): not timed
        assert client.get(url).status_code == 200, url
    times = []
    gc.callbacks.append(callback)
    for n in range(requests):
        client, url = mix[n % len(mix)]
        before = time.process_time()
        assert client.get(url).status_code == 200, url
        times.append((time.process_time() - before) * 1000)
    gc.callbacks.remove(callback)
    return {
        "collections": collections,
        "gc_ms": in_gc[0] * 1000,
        "total_ms": sum(times),
        "mean_ms": statistics.mean(times),
        "median_ms": statistics.median(times),
    }


def verify_second_factor(client: Any, user: Any) -> None:
    """The session as after typing the code (django-otp's device key), as the tests' login does."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    device = device or TOTPDevice.objects.create(user=user, name="bench", confirmed=True)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


if __name__ == "__main__":
    main()

"""The inbox's cost per person on the demo: collecting it (home page, inbox page) and counting it (the
navigation's badge), with every app's sources and without the apps named, paired in one process.

    .venv/bin/python bench/inbox/bench_inbox.py                      # without: monitoring, participation
    .venv/bin/python bench/inbox/bench_inbox.py --without documents --repeat 300

Runs on a fresh SQLite demo in a temporary folder (the data ``kotacerdas up`` shows). CPU is the
median of the calling thread's CPU time over ``--repeat`` calls; queries are those of one collection.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PEOPLE = ("budi", "sari", "rina", "dewi")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--without", nargs="+", default=["monitoring", "participation"])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        os.environ.update(
            DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
            KOTACERDAS_VAR_DIR=tmp,
            MEDIA_ROOT=f"{tmp}/media",
            DEBUG="false",
            DJANGO_SETTINGS_MODULE="kotacerdas.settings",
            EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",  # the demo sends notices
        )
        sys.path.insert(0, str(ROOT))
        measure_demo(args.without, args.repeat)


def cpu_ms(call: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        began = time.thread_time()
        call()
        times.append(time.thread_time() - began)
    return statistics.median(times) * 1000


def measure_demo(without: list[str], repeat: int) -> None:
    import django

    django.setup()
    from django.core.management import call_command

    from kotacerdas.demo import load_demo
    from kotacerdas.web import inbox

    call_command("migrate", verbosity=0)
    load_demo()
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    every = dict(inbox._REGISTRY)
    measure_people("every app", repeat)
    for key in without:
        inbox.unregister(key)
    measure_people(f"without {', '.join(without)}", repeat)
    for key, sources in every.items():
        inbox.register(key, *sources)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def measure_people(label: str, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kotacerdas.accounts.models import User
    from kotacerdas.web import inbox

    for name in PEOPLE:
        person = User.objects.get(username=name)
        with CaptureQueriesContext(connection) as captured:
            items = inbox.collect_inbox(person).count
        collect = cpu_ms(partial(inbox.collect_inbox, person), repeat)
        count = cpu_ms(partial(inbox.count_inbox, person), repeat)
        print(
            f"{label:36} {name:5} {items:3} items  collect {len(captured.captured_queries):2} queries "
            f"{collect:6.2f} ms  count {count:5.2f} ms"
        )


if __name__ == "__main__":
    main()

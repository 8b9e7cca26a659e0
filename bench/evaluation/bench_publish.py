"""Time the publication of a 514-region cycle as the background task runs it (Django, SQLite).

    .venv/bin/python bench/evaluation/bench_publish.py

In a temporary SQLite database: migrate, open a cycle with all 514 kab/kota, enter their (seeded)
part scores through the real action, then request the publication. The task runs through the
configured tasks backend (ImmediateBackend by default, so in this process, the way the embedded
server runs it): ranks, 1,000 replications of rank bands, the immutable publication. Prints the time
from request to DONE, the job's state, and the machine's load.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--worker":
        worker()
        return
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3", KOTACERDAS_VAR_DIR=tmp)
        env["PYTHONPATH"] = str(ROOT)
        subprocess.run([sys.executable, __file__, "--worker"], env=env, cwd=ROOT, check=True)


def worker() -> None:
    sys.path.insert(0, str(ROOT))
    sys.path.insert(0, str(Path(__file__).parent))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from bench_evaluation import cohort

    from kotacerdas.accounts.models import Membership, Role, User
    from kotacerdas.core.evaluation import PARTS
    from kotacerdas.core.instruments.numbers import fraction_text
    from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_request_publication
    from kotacerdas.evaluation.models import PublishJob
    from kotacerdas.regions.models import Region

    ayu = User.objects.create_user("ayu", password="x")
    Membership.objects.create(user=ayu, role=Role.NATIONAL_ADMIN)
    entries = cohort()
    from datetime import date

    cycle = do_open_cycle(
        ayu,
        year=2027,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=Region.objects.filter(code__in=[e.region_code for e in entries]),
        self_assessment_until=date(2027, 8, 31),
        verification_until=date(2027, 10, 31),
        publication_on=date(2027, 12, 5),
    )
    lines = ["region_code," + ",".join(PARTS) + ",previous_total,verified"]
    for e in entries:
        parts = ",".join(fraction_text(e.parts[p]) for p in PARTS)
        previous = "" if e.previous_total is None else fraction_text(e.previous_total)
        lines.append(f"{e.region_code},{parts},{previous},{str(e.verified).lower()}")
    started = time.perf_counter()
    do_enter_results(ayu, cycle, "\n".join(lines) + "\n")
    entered = time.perf_counter() - started
    started = time.perf_counter()
    job = do_request_publication(ayu, cycle)
    published = time.perf_counter() - started
    job.refresh_from_db()
    load1, load5, _ = os.getloadavg()
    print(
        f"participants {cycle.participants.count()}; enter results {entered:.2f} s; "
        f"request → publication {published:.2f} s, job {job.status} {job.progress} %; "
        f"load {load1:.1f} / {load5:.1f} on {os.cpu_count()} cores"
    )
    assert job.status == PublishJob.Status.DONE


if __name__ == "__main__":
    main()

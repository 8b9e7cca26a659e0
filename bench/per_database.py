"""What the monitoring and portal benchmarks share: their arguments, and one worker process per database
(SQLite in a temp folder, then a throw-away PostgreSQL database when one answers), so each database is
migrated and seeded from nothing and the figures of one never warm the other."""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import uuid
from pathlib import Path

from bench.programme.bench_dashboard import PG_URL, create_pg, drop_pg

ROOT = Path(__file__).resolve().parents[1]


def arguments(description: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--initiatives", type=int, default=60)
    parser.add_argument("--regions", type=int, default=514)
    parser.add_argument("--only", choices=["sqlite", "postgresql"])
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    return parser.parse_args()


def each_database(script: str, args: argparse.Namespace) -> None:
    """Run ``script --worker <label>`` once per database, each in a fresh process."""
    with tempfile.TemporaryDirectory() as tmp:
        if args.only != "postgresql":
            _worker(script, "SQLite", f"sqlite:///{tmp}/bench.sqlite3", tmp, args)
        if args.only == "sqlite":
            return
        database = f"kotacerdas_bench_{uuid.uuid4().hex[:8]}"
        if not create_pg(database):
            print("PostgreSQL: not reachable, skipped")
            return
        try:
            _worker(script, "PostgreSQL", PG_URL.rsplit("/", 1)[0] + f"/{database}", tmp, args)
        finally:
            drop_pg(database)


def _worker(script: str, label: str, url: str, tmp: str, args: argparse.Namespace) -> None:
    env = dict(os.environ, DATABASE_URL=url, KOTACERDAS_VAR_DIR=tmp, MEDIA_ROOT=f"{tmp}/media", DEBUG="false")
    command = [sys.executable, script, "--worker", label, "--repeat", str(args.repeat)]
    command += ["--initiatives", str(args.initiatives), "--regions", str(args.regions)]
    subprocess.run(command, env=env, cwd=ROOT, check=True)

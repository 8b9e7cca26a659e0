"""CPU spent by each part of the load stack, read from /proc: the app server, PostgreSQL's backends for
the stack's database, nginx, the task worker and the load client itself (bench/load/run.py)."""

from __future__ import annotations

import os
import threading
from pathlib import Path
from typing import Any

Readings = dict[tuple[str, int], float]  # CPU-seconds by (part of the stack, pid)


def cpu_by_part(stack: Any) -> Readings:
    """CPU-seconds so far of each process of the stack on this machine, by (part, pid): the app server
    (gunicorn's process group), the database (PostgreSQL's backends serving the stack's database), nginx,
    the task worker, and this load client itself. All of them share the machine's cores, so a part's
    share of the total says where the capacity goes."""
    groups = {stack.pids[name]: name for name in ("a", "nginx", "worker") if name in stack.pids}
    ticks = os.sysconf("SC_CLK_TCK")
    found: Readings = {}
    backend = f" {stack.database} ".encode()  # "postgres: 15/main: postgres kc_topology_… 127.0.0.1(…) idle"
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
        except OSError:
            continue
        # fields after the name: state, ppid, pgrp, …, utime (11), stime (12)
        part = groups.get(int(fields[2]))
        if part is None and command.startswith(b"postgres:") and backend in command:
            part = "database"
        if part is not None:
            key = ("app" if part == "a" else part, int(entry.name))
            found[key] = (int(fields[11]) + int(fields[12])) / ticks
    own = os.times()
    found[("client", os.getpid())] = own.user + own.system
    return found


class CpuWatch:
    """:func:`cpu_by_part` read at the start, every ``every`` seconds while the load runs and at the end,
    so that a process ending in between (a database connection closed at ``CONN_MAX_AGE``) keeps the
    CPU it had spent by its last reading instead of taking it away."""

    def __init__(self, stack: Any, every: float = 2.0) -> None:
        self.stack, self.every = stack, every
        self.start: Readings = {}
        self.latest: Readings = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._watch, daemon=True)

    def __enter__(self) -> CpuWatch:
        self.start = cpu_by_part(self.stack)
        self.latest = dict(self.start)
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()
        self._read()

    def _watch(self) -> None:
        while not self._stop.wait(self.every):
            self._read()

    def _read(self) -> None:
        self.latest.update(cpu_by_part(self.stack))


def cpu_of(before: Readings, after: Readings) -> dict[str, float]:
    """CPU-seconds each part spent between two readings of :func:`cpu_by_part` (``after``: a
    :class:`CpuWatch`'s latest): a process started in between counts whole."""
    spent = {"app": 0.0, "database": 0.0, "nginx": 0.0, "worker": 0.0, "client": 0.0}
    for key, value in after.items():
        spent[key[0]] += value - before.get(key, 0.0)
    return spent


def cpu_shares(
    before: dict[tuple[str, int], float], after: dict[tuple[str, int], float], requests: int
) -> str:
    """Each part's CPU per request (ms) between two readings of :func:`cpu_by_part`."""
    spent = cpu_of(before, after)
    total = sum(spent.values())
    parts = ", ".join(f"{part} {1000 * used / requests:.1f}" for part, used in spent.items())
    return f"CPU ms per request: {parts}; all {1000 * total / requests:.1f}"

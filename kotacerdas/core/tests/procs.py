"""Test helpers: real stand-in programs and a look at which processes are still alive."""

from __future__ import annotations

import os
import time
from pathlib import Path

MARK = "KOTACERDAS_TEST_PROCESS_MARK"

# A stand-in for soffice: it starts a child (like oosplash starting soffice.bin) and never finishes.
SLOW_PROGRAM = """#!/bin/sh
sleep 600 &
wait
"""


def slow_program(folder: Path) -> Path:
    path = folder / "soffice"
    path.write_text(SLOW_PROGRAM)
    path.chmod(0o755)
    return path


def marked_processes(mark: str) -> list[tuple[int, str]]:
    """(pid, name) of every live (not zombie) process whose environment carries ``MARK=mark``."""
    needle = f"{MARK}={mark}".encode()
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            if needle not in (entry / "environ").read_bytes().split(b"\0"):
                continue
            stat = (entry / "stat").read_text()
        except OSError:  # gone, or not ours to read
            continue
        name, state = stat[stat.index("(") + 1 : stat.rindex(")")], stat.rsplit(")", 1)[1].split()[0]
        if state != "Z":
            found.append((int(entry.name), name))
    return found


def wait_until_gone(mark: str, seconds: float) -> list[tuple[int, str]]:
    """The marked processes still alive after waiting up to ``seconds`` for them to go."""
    deadline = time.monotonic() + seconds
    while (alive := marked_processes(mark)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return alive


def wait_until_present(mark: str, name: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if any(n.startswith(name) for _pid, n in marked_processes(mark)):
            return True
        time.sleep(0.1)
    return False

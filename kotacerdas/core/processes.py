"""External programs and temporary folders that never outlive the job that made them.

:func:`run_in_group` runs a program (LibreOffice) under a timeout in a process group of its own,
and always kills and reaps the whole group — after success, on the timeout, on any exception
(a job swept as abandoned, a second SIGTERM of the worker). The group is led by a *guard*: this
file run as a script (``python -I processes.py COMMAND...``, standard library only). The guard
starts COMMAND inside its group and kills the group (SIGKILL) when its own parent dies — Linux's
``PR_SET_PDEATHSIG`` plus a poll of ``getppid()`` — or when it is sent SIGTERM, SIGINT or SIGHUP.
So even a worker killed with SIGKILL, which cannot run any clean-up, leaves no ``soffice.bin``
behind.

Temporary folders are made by :func:`owned_tempdir`, named ``kc-<pid>-<label>-…`` after the
process that owns them and removed when the ``with`` block ends, however it ends. What a killed
process could not remove, :func:`remove_orphaned_tempdirs` removes: folders whose owner is no
longer alive (run when a worker starts and by ``kotacerdas manage sweep_jobs``).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

GUARD = Path(__file__).resolve()
TEMP_PREFIX = "kc-"
_OWNED = re.compile(r"^kc-(\d+)-")
PR_SET_PDEATHSIG = 1
POLL_SECONDS = 0.2


class ProcessTimeout(RuntimeError):
    """The program did not finish within its time limit; its whole process group was killed."""

    def __init__(self, seconds: float) -> None:
        super().__init__(f"did not finish within {seconds:g} s")
        self.seconds = seconds


@dataclass(frozen=True)
class Finished:
    returncode: int
    stdout: str
    stderr: str


def run_in_group(command: Sequence[str], timeout: float, *, env: Mapping[str, str] | None = None) -> Finished:
    """Run ``command`` under the guard in a new session; kill and reap the whole group at the end.

    Raises :class:`ProcessTimeout` after ``timeout`` seconds. Output is captured (text) in
    unlinked temporary files, so a process that keeps a pipe open cannot make us wait.
    """
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        proc = subprocess.Popen(
            [sys.executable, "-I", str(GUARD), *command],
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=err,
            start_new_session=True,
            env=dict(env) if env is not None else None,
        )
        try:
            try:
                proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                raise ProcessTimeout(timeout) from None
        finally:
            kill_group(proc)
        return Finished(proc.returncode, _read(out), _read(err))


def _read(handle: IO[bytes]) -> str:
    handle.seek(0)
    return handle.read().decode(errors="replace")


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL every process of the group ``proc`` leads, then reap ``proc``."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()


def owned_tempdir(label: str, directory: str | Path | None = None) -> tempfile.TemporaryDirectory[str]:
    """A temporary folder named after this process, removed when its ``with`` block ends."""
    return tempfile.TemporaryDirectory(prefix=f"{TEMP_PREFIX}{os.getpid()}-{label}-", dir=directory)


def remove_orphaned_tempdirs(root: str | Path | None = None) -> list[Path]:
    """Remove the ``owned_tempdir`` folders whose owning process is gone; returns what was removed."""
    folder = Path(root) if root is not None else Path(tempfile.gettempdir())
    removed = []
    for path in sorted(folder.glob(f"{TEMP_PREFIX}*")):
        owner = _OWNED.match(path.name)
        if owner is None or path.is_symlink() or not path.is_dir() or is_alive(int(owner.group(1))):
            continue
        shutil.rmtree(path, ignore_errors=True)
        removed.append(path)
    return removed


def is_alive(pid: int) -> bool:
    """Whether a process with this id exists and is not a zombie (unknown counts as alive)."""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return True
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def process_identity(pid: int | None = None) -> str:
    """Who a process is, told apart from any other process ever: ``host boot pid-namespace pid start``.

    A job records the identity of the process that claimed it. The boot id changes when the machine
    restarts, and the start time (clock ticks since boot, /proc/<pid>/stat) tells a reused process id
    apart, so :func:`claimant_is_gone` can say a claimant is dead without waiting for its heartbeat.
    """
    pid = os.getpid() if pid is None else pid
    return " ".join([socket.gethostname(), _boot_id(), _pid_namespace(), str(pid), _start_ticks(pid)])


def claimant_is_gone(identity: str) -> bool:
    """True only when the process of ``identity`` surely no longer runs: it ran on this machine (same
    host and process-id namespace) and the machine restarted since, or its process id is gone or now
    belongs to a process started later. Another machine's (or container's) claimant: False."""
    parts = identity.split(" ")
    if len(parts) != 5 or not parts[3].isdigit():
        return False
    host, boot, namespace, pid, start = parts
    if host != socket.gethostname() or namespace != _pid_namespace() or "?" in (boot, namespace):
        return False
    if boot != _boot_id():
        return True
    return not is_alive(int(pid)) or _start_ticks(int(pid)) != start


def _boot_id() -> str:
    try:
        return Path("/proc/sys/kernel/random/boot_id").read_text().strip() or "?"
    except OSError:
        return "?"


def _pid_namespace() -> str:
    try:
        return os.readlink("/proc/self/ns/pid").replace(" ", "")
    except OSError:
        return "?"


def _start_ticks(pid: int) -> str:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return "?"
    fields = stat.rsplit(")", 1)[-1].split()
    return fields[19] if len(fields) > 19 else "?"  # field 22 of stat: starttime


# --- the guard (this file run as a script) ---------------------------------------------------


def _kill_own_group(*_: object) -> None:
    os.killpg(os.getpgrp(), signal.SIGKILL)


def _die_with_parent() -> None:
    """Ask Linux to send SIGTERM when the parent dies (elsewhere the getppid poll does it)."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


def guard(command: Sequence[str]) -> int:
    parent = os.getppid()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        signal.signal(signum, _kill_own_group)
    _die_with_parent()
    if os.getppid() != parent:  # the parent died before the request took effect
        _kill_own_group()
    try:
        child = subprocess.Popen(list(command))
    except OSError as error:
        print(f"could not start {command[0]}: {error}", file=sys.stderr)
        return 127
    while True:
        try:
            code = child.wait(timeout=POLL_SECONDS)
        except subprocess.TimeoutExpired:
            if os.getppid() != parent:
                _kill_own_group()
            continue
        return code if code >= 0 else 128 - code


if __name__ == "__main__":
    if len(sys.argv) < 2:
        print("usage: processes.py COMMAND [ARG...]", file=sys.stderr)
        sys.exit(2)
    sys.exit(guard(sys.argv[1:]))

"""Fault test (issue 13, acceptance 3): a worker killed with SIGKILL in the middle of a book generation.

A real ``kotacerdas worker`` process (the ``django_tasks_db`` backend, against this test's PostgreSQL
database) takes a DOCX + PDF generation; once LibreOffice converts (soffice.bin runs, the version
beats at 74 %), the worker's whole process group gets SIGKILL — no clean-up can run. Then, with
``JOB_STALE_AFTER_SECONDS=3``:

* no process of the killed worker survives (LibreOffice runs in its own guarded group, which dies
  with the worker), checked in /proc by an environment mark every child inherits;
* Budi opening the version's page within ``PAGE_BOUND`` seconds of the kill sees it failed with
  the Indonesian message, and the page no longer refreshes;
* starting a new worker removes the temporary folders the killed one left (a dedicated TMPDIR,
  empty at the end);
* the whole test stays under ``TEST_BOUND`` seconds.

PostgreSQL only (the worker is another process and must see the test's committed data); skipped
on SQLite, which runs the same mechanism in-process in test_liveness.py.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.db import connection

from kotacerdas.core.books.pdf import find_soffice
from kotacerdas.core.tests.procs import MARK, marked_processes, slow_program, wait_until_gone
from kotacerdas.documents.actions import do_request_books

pytestmark = [pytest.mark.slow, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

ROOT = Path(__file__).resolve().parents[3]
STALE_AFTER = 3
PAGE_BOUND = STALE_AFTER + 7  # from the kill until the page shows the version failed
TEST_BOUND = 60
REFRESH = 'data-refresh="2" data-refresh-end="reload"'  # the progress refreshes itself (live-status.js)
ABANDONED = "Pembuatan terhenti karena proses pekerja berhenti; silakan buat ulang buku."


def database_url() -> str:
    db = connection.settings_dict
    password = f":{db['PASSWORD']}" if db["PASSWORD"] else ""
    return f"postgres://{db['USER']}{password}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def require_tools() -> None:
    if connection.vendor != "postgresql":
        pytest.skip(
            "needs PostgreSQL: the worker is another process and must see this test's database "
            "(./dev test runs it in its PostgreSQL pass; DATABASE_URL=postgres://… pytest runs it here)"
        )
    if find_soffice() is None:
        reason = "soffice is not installed (apt-get install libreoffice-writer-nogui python3-uno)"
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)


def start_worker(env: dict[str, str], log: Path, *options: str) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [
                sys.executable,
                "-m",
                "kotacerdas.cli",
                "worker",
                "--interval",
                "0.2",
                "--no-startup-delay",
                *options,
            ],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()


def wait_for(condition, seconds: float, what: str, log: Path) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(f"{what} did not happen within {seconds} s; worker log:\n{log.read_text()}")
        time.sleep(0.1)


def worker_env(settings, tmp: Path, mark: str, **extra: str) -> dict[str, str]:  # type: ignore[no-untyped-def]
    """A worker process's environment: this test's database and media, its own TMPDIR, its mark."""
    return {
        **os.environ,
        "DATABASE_URL": database_url(),
        "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
        **extra,
        "MEDIA_ROOT": str(settings.MEDIA_ROOT),
        "TMPDIR": str(tmp),
        "DEBUG": "false",
        MARK: mark,
    }


def test_a_worker_killed_mid_generation_leaves_a_failed_version_no_process_and_no_folder(
    committed_world, as_budi, budi, region_a, settings, tmp_path
) -> None:
    require_tools()
    began = time.monotonic()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    settings.JOB_STALE_AFTER_SECONDS = STALE_AFTER
    mark, tmp, log = uuid.uuid4().hex, tmp_path / "tmp", tmp_path / "worker.log"
    tmp.mkdir()
    env = worker_env(settings, tmp, mark, JOB_STALE_AFTER_SECONDS=str(STALE_AFTER))
    version = do_request_books(budi, region_a, programme_year=2026, formats=["docx", "pdf"])
    assert version.status == "queued"

    worker = start_worker(env, log)
    try:

        def converting() -> bool:
            version.refresh_from_db()
            soffice = any(name.startswith("soffice") for _pid, name in marked_processes(mark))
            return version.status == "running" and version.heartbeat_at is not None and soffice

        wait_for(converting, 40, "LibreOffice converting the version's books", log)
        os.killpg(worker.pid, signal.SIGKILL)  # the worker's whole process group; nothing can clean up
        worker.wait(10)
        killed = time.monotonic()
    finally:
        stop(worker)
    version.refresh_from_db()
    assert (version.status, version.progress) == ("running", 74)  # what the finding saw: for ever, before

    # no orphan: LibreOffice's own group died with the worker
    assert wait_until_gone(mark, 5) == [], (
        f"processes of the killed worker are still alive; log:\n{log.read_text()}"
    )

    # Budi opens the page (which polls every 2 s while running): within the bound it shows the failure
    while REFRESH in (page := as_budi.get(version.get_absolute_url()).content.decode()):
        assert time.monotonic() - killed < PAGE_BOUND, (
            "the page still refreshes: the version is still running"
        )
        time.sleep(0.5)
    assert f"Pembuatan gagal: {ABANDONED}" in page
    version.refresh_from_db()
    assert (version.status, version.message) == ("failed", ABANDONED)

    # what the killed worker could not remove, the next worker removes before taking tasks
    left = sorted(p.name for p in tmp.iterdir())
    assert left and all(name.startswith(f"kc-{worker.pid}-") for name in left), left
    next_worker = start_worker(env, log, "--batch")
    try:
        assert next_worker.wait(30) == 0, log.read_text()
    finally:
        stop(next_worker)
    assert f"orphaned temporary folders removed: {len(left)}" in log.read_text()
    assert list(tmp.iterdir()) == []
    assert marked_processes(mark) == []
    assert time.monotonic() - began < TEST_BOUND


def test_a_worker_stopped_by_two_sigterms_fails_its_job_and_cleans_up_at_once(
    committed_world, budi, region_a, settings, tmp_path
) -> None:
    """``systemctl stop`` twice (or Ctrl+C twice): the job ends failed right away, nothing is left."""
    require_tools()
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mark, tmp, log = uuid.uuid4().hex, tmp_path / "tmp", tmp_path / "worker.log"
    tmp.mkdir()
    program = slow_program(tmp_path)  # a LibreOffice that never finishes: the worker is mid-step
    env = worker_env(settings, tmp, mark, KOTACERDAS_SOFFICE=str(program))
    version = do_request_books(budi, region_a, programme_year=2026, formats=["docx", "pdf"])
    worker = start_worker(env, log)
    try:
        wait_for(lambda: any(n == "sleep" for _p, n in marked_processes(mark)), 40, "the PDF step", log)
        os.kill(worker.pid, signal.SIGTERM)  # the first one waits for the running job
        time.sleep(0.5)
        os.kill(worker.pid, signal.SIGTERM)  # the second one stops it
        worker.wait(20)
    finally:
        stop(worker)
    version.refresh_from_db()
    assert (version.status, version.message) == ("failed", ABANDONED)
    assert wait_until_gone(mark, 3) == []
    assert list(tmp.iterdir()) == []


def test_a_worker_restarted_at_once_fails_the_job_its_killed_predecessor_left_without_waiting(
    committed_world, budi, region_a, settings, tmp_path
) -> None:
    """The worker is killed (SIGKILL) mid-job and a new one starts a second later, long before the job's
    heartbeat is stale: the new worker sees that the job's claimant, on this machine, is gone, and fails
    the job as it starts (it waited for ``JOB_STALE_AFTER_SECONDS`` before)."""
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL: the worker is another process and must see this test's database")
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    mark, tmp, log = uuid.uuid4().hex, tmp_path / "tmp", tmp_path / "worker.log"
    tmp.mkdir()
    env = worker_env(
        settings,
        tmp,
        mark,
        KOTACERDAS_SOFFICE=str(slow_program(tmp_path)),  # the PDF step never ends: the job is mid-step
        JOB_STALE_AFTER_SECONDS="600",  # far beyond this test: only the dead claimant can fail the job
    )
    version = do_request_books(budi, region_a, programme_year=2026, formats=["docx", "pdf"])
    worker = start_worker(env, log)
    try:
        wait_for(lambda: any(n == "sleep" for _p, n in marked_processes(mark)), 40, "the PDF step", log)
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(10)
    finally:
        stop(worker)
    version.refresh_from_db()
    assert version.status == "running" and str(worker.pid) in version.claimed_by.split(" ")

    restarted = time.monotonic()
    next_worker = start_worker(env, log, "--batch")
    try:
        assert next_worker.wait(30) == 0, log.read_text()
    finally:
        stop(next_worker)
    version.refresh_from_db()
    assert (version.status, version.message) == ("failed", ABANDONED)
    assert time.monotonic() - restarted < 30
    assert "stale jobs marked failed: documents.BookVersion 1" in log.read_text()

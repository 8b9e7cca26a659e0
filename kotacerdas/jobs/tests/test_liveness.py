"""Heartbeat and sweep of background jobs, on the real job records (book versions, roadmap runs)."""

from __future__ import annotations

import signal
import tempfile
import time
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from kotacerdas.audit.models import AuditEntry
from kotacerdas.documents.models import BookVersion
from kotacerdas.jobs.liveness import JobLost, keep_alive, recover, sweep
from kotacerdas.planning.models import RoadmapRun

pytestmark = pytest.mark.django_db

ABANDONED_BOOKS = "Pembuatan terhenti karena proses pekerja berhenti; silakan buat ulang buku."
ABANDONED_RUN = "Optimasi terhenti karena proses pekerja berhenti; silakan jalankan ulang."


def version(region: Any, number: int, status: str = "running", beat_ago: float | None = 600) -> BookVersion:
    heartbeat = timezone.now() - timedelta(seconds=beat_ago) if beat_ago is not None else None
    return BookVersion.objects.create(
        region=region, number=number, programme_year=2026, status=status, progress=74, heartbeat_at=heartbeat
    )


def run(region: Any, user: Any, state: str = "running", beat_ago: float = 600) -> RoadmapRun:
    return RoadmapRun.objects.create(
        region=region,
        created_by=user,
        state=state,
        instance={},
        inputs_hash="0" * 64,
        time_limit=10,
        heartbeat_at=timezone.now() - timedelta(seconds=beat_ago),
    )


def test_a_running_job_silent_for_longer_than_the_limit_is_failed_with_a_clear_message(
    region_a, region_b
) -> None:
    dead = version(region_a, 1, beat_ago=181)
    alive = version(region_a, 2, beat_ago=60)
    waiting = version(region_a, 3, status="queued", beat_ago=None)
    BookVersion.objects.filter(pk=waiting.pk).update(created_at=timezone.now() - timedelta(days=1))
    other_region = version(region_b, 1, beat_ago=600)
    assert sweep(BookVersion, region=region_a) == 1
    dead.refresh_from_db()
    assert (dead.status, dead.message) == ("failed", ABANDONED_BOOKS)
    assert dead.finished_at is not None
    assert BookVersion.objects.get(pk=alive.pk).status == "running"
    assert BookVersion.objects.get(pk=waiting.pk).status == "queued"  # waits for a worker, however long
    assert BookVersion.objects.get(pk=other_region.pk).status == "running"  # not this page's region
    entry = AuditEntry.objects.get(action="job.abandoned")
    assert (entry.actor_name, entry.object_id, entry.region) == ("system", str(dead.pk), region_a)
    assert entry.before["status"] == "running" and entry.after["status"] == "failed"


def test_a_running_job_that_never_beat_counts_from_its_creation(region_a) -> None:
    old = version(region_a, 1, beat_ago=None)
    BookVersion.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(hours=1))
    new = version(region_a, 2, beat_ago=None)
    assert sweep(BookVersion) == 1
    assert BookVersion.objects.get(pk=old.pk).status == "failed"
    assert BookVersion.objects.get(pk=new.pk).status == "running"


def test_the_limit_is_a_setting(region_a, settings) -> None:
    job = version(region_a, 1, beat_ago=60)
    assert sweep(BookVersion) == 0
    settings.JOB_STALE_AFTER_SECONDS = 30
    assert sweep(BookVersion) == 1
    assert BookVersion.objects.get(pk=job.pk).status == "failed"


def test_recover_sweeps_every_kind_of_job(budi, region_a) -> None:
    version(region_a, 1)
    stale_run = run(region_a, budi)
    recovered = recover()
    swept = {label: count for label, count in recovered.swept.items() if count}  # other job kinds: 0
    assert swept == {"documents.BookVersion": 1, "planning.RoadmapRun": 1}
    stale_run.refresh_from_db()
    assert (stale_run.state, stale_run.error) == ("failed", ABANDONED_RUN)


def test_a_task_marks_its_job_running_and_beats_with_its_progress(region_a) -> None:
    job = version(region_a, 1, status="queued", beat_ago=None)
    with keep_alive(BookVersion, job.pk, progress=5) as live:
        job.refresh_from_db()
        assert (job.status, job.progress) == ("running", 5)
        first = job.heartbeat_at
        assert first is not None
        live.beat(progress=40, message="masterplan")
        job.refresh_from_db()
        assert (job.progress, job.message) == (40, "masterplan")
        assert job.heartbeat_at >= first
        assert live.finish(status="done", progress=100)
    assert BookVersion.objects.get(pk=job.pk).status == "done"


def test_a_job_swept_meanwhile_stops_at_its_next_beat_and_is_never_resurrected(region_a) -> None:
    job = version(region_a, 1, status="queued", beat_ago=None)
    with pytest.raises(JobLost), keep_alive(BookVersion, job.pk) as live:
        BookVersion.objects.filter(pk=job.pk).update(heartbeat_at=timezone.now() - timedelta(hours=1))
        assert sweep(BookVersion) == 1
        assert not live.finish(status="done", progress=100)
        live.beat(progress=80)
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", ABANDONED_BOOKS)


def test_a_job_that_already_ended_is_not_started_again(region_a) -> None:
    job = version(region_a, 1, status="failed")
    with pytest.raises(JobLost), keep_alive(BookVersion, job.pk):
        pytest.fail("the block must not run")


def test_an_error_in_the_task_fails_the_job_with_the_error(region_a) -> None:
    job = version(region_a, 1, status="queued", beat_ago=None)
    with pytest.raises(ValueError), keep_alive(BookVersion, job.pk):
        raise ValueError("All strings must be XML compatible")
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", "ValueError: All strings must be XML compatible")


def test_a_worker_stopped_during_the_job_fails_it_as_abandoned(region_a) -> None:
    job = version(region_a, 1, status="queued", beat_ago=None)
    with pytest.raises(SystemExit), keep_alive(BookVersion, job.pk):
        raise SystemExit(1)  # what db_worker does on a second SIGTERM
    job.refresh_from_db()
    assert (job.status, job.message) == ("failed", ABANDONED_BOOKS)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_long_step_keeps_beating_from_the_heartbeat_thread(committed_world, region_a, settings) -> None:
    settings.JOB_STALE_AFTER_SECONDS = 2  # a beat every 0.5 s
    job = version(region_a, 1, status="queued", beat_ago=None)
    with keep_alive(BookVersion, job.pk):
        started = BookVersion.objects.get(pk=job.pk).heartbeat_at
        assert started is not None
        time.sleep(1.6)  # a long step (LibreOffice, the solver) that reports no progress
        assert BookVersion.objects.get(pk=job.pk).heartbeat_at > started
        time.sleep(1.0)
        assert sweep(BookVersion) == 0  # the limit passed, but the job is alive
    assert BookVersion.objects.get(pk=job.pk).status == "running"  # (the block did not finish it)


@pytest.fixture
def tmp_root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A dedicated temporary folder: whatever a job leaves there shows."""
    root = tmp_path / "tmp"
    root.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(root))
    return root


def dead_pid() -> int:
    import subprocess

    child = subprocess.Popen(["true"])
    child.wait()
    return child.pid


def test_the_sweep_command_fails_stale_jobs_and_removes_what_dead_workers_left(
    budi, region_a, tmp_root, capsys
) -> None:
    job = version(region_a, 1)
    run(region_a, budi)
    (tmp_root / f"kc-{dead_pid()}-books-x" / f"kc-{dead_pid()}-soffice-y").mkdir(parents=True)
    call_command("sweep_jobs")
    out = capsys.readouterr().out
    assert "stale jobs marked failed: documents.BookVersion 1, planning.RoadmapRun 1;" in out
    assert "orphaned temporary folders removed: 1" in out
    assert BookVersion.objects.get(pk=job.pk).status == "failed"
    assert list(tmp_root.iterdir()) == []


@pytest.fixture
def database_queue(settings) -> Iterator[None]:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    handlers = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM, signal.SIGQUIT)}
    yield
    for signum, handler in handlers.items():  # db_worker installs its own
        signal.signal(signum, handler)


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_worker_sweeps_before_it_takes_tasks(
    committed_world, budi, region_a, database_queue, tmp_root, capsys
) -> None:
    from kotacerdas.cli import main
    from kotacerdas.documents.actions import do_request_books

    stale = version(region_a, 1)
    queued = do_request_books(budi, region_a, programme_year=2026, formats=["docx"])
    assert queued.status == "queued"
    orphan = tmp_root / f"kc-{dead_pid()}-books-x"
    orphan.mkdir()
    assert main(["worker", "--batch", "--no-startup-delay"]) == 0
    assert "stale jobs marked failed: documents.BookVersion 1" in capsys.readouterr().out
    assert BookVersion.objects.get(pk=stale.pk).status == "failed"
    queued.refresh_from_db()
    assert (queued.status, queued.progress) == ("done", 100)
    assert list(tmp_root.iterdir()) == []


def test_recover_fails_at_once_the_jobs_of_a_claimant_that_is_gone_and_keeps_the_others(region_a) -> None:
    """A job beat a second ago, but the process that claimed it was killed: recover() (a worker
    starting) fails it now; jobs of live processes, of another machine, or never claimed stay."""
    import subprocess
    import sys

    from kotacerdas.core.processes import process_identity

    child = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    killed = process_identity(child.pid)
    child.send_signal(signal.SIGKILL)
    child.wait()
    jobs = {
        "killed": killed,
        "alive": process_identity(),
        "reused pid": process_identity().rsplit(" ", 1)[0] + " 1",  # this pid, started at another time
        "another machine": "other-host " + killed.split(" ", 1)[1],
        "another boot": killed.replace(killed.split(" ")[1], "00000000-0000-0000-0000-000000000000"),
        "unclaimed": "",
    }
    made = {}
    for number, (name, claimant) in enumerate(jobs.items(), start=1):
        made[name] = version(region_a, number, beat_ago=1)
        BookVersion.objects.filter(pk=made[name].pk).update(claimed_by=claimant)
    assert str(recover()).startswith("stale jobs marked failed: documents.BookVersion 3;")
    status = {name: BookVersion.objects.get(pk=job.pk).status for name, job in made.items()}
    assert status == {
        "killed": "failed",
        "alive": "running",
        "reused pid": "failed",
        "another machine": "running",
        "another boot": "failed",
        "unclaimed": "running",
    }
    assert BookVersion.objects.get(pk=made["killed"].pk).message == ABANDONED_BOOKS


def test_keep_alive_records_the_process_that_claims_the_job(region_a) -> None:
    from kotacerdas.core.processes import claimant_is_gone, process_identity

    job = version(region_a, 1, status="queued", beat_ago=None)
    with keep_alive(BookVersion, job.pk):
        job.refresh_from_db()
        assert job.claimed_by == process_identity()
        assert not claimant_is_gone(job.claimed_by)

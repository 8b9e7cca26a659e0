"""External programs run under a time limit in a guarded process group; temp folders never outlive
their owner. Real processes throughout: a shell script stands in for LibreOffice."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import uuid
from pathlib import Path

import pytest

from kotacerdas.core.processes import (
    ProcessTimeout,
    is_alive,
    owned_tempdir,
    remove_orphaned_tempdirs,
    run_in_group,
)
from kotacerdas.core.tests.procs import (
    MARK,
    marked_processes,
    slow_program,
    wait_until_gone,
    wait_until_present,
)

ROOT = Path(__file__).resolve().parents[3]


@pytest.fixture
def mark(monkeypatch: pytest.MonkeyPatch) -> str:
    value = uuid.uuid4().hex
    monkeypatch.setenv(MARK, value)
    return value


def test_a_program_past_its_time_limit_is_killed_with_its_whole_group(tmp_path: Path, mark: str) -> None:
    program = slow_program(tmp_path)
    began = time.monotonic()
    with pytest.raises(ProcessTimeout, match="1 s"):
        run_in_group([str(program)], 1)
    assert time.monotonic() - began < 5
    assert wait_until_gone(mark, 2) == []


def test_a_parent_killed_with_sigkill_leaves_no_child_behind(tmp_path: Path, mark: str) -> None:
    program = slow_program(tmp_path)
    script = textwrap.dedent(
        f"""
        from kotacerdas.core.processes import run_in_group
        run_in_group([{str(program)!r}], 120)
        """
    )
    parent = subprocess.Popen([sys.executable, "-c", script], cwd=ROOT, start_new_session=True)
    try:
        assert wait_until_present(mark, "sleep", 20), "the stand-in program did not start"
        os.kill(parent.pid, signal.SIGKILL)  # no finally, no clean-up: only the guard can act
        parent.wait(10)
        assert wait_until_gone(mark, 3) == []
    finally:
        if parent.poll() is None:
            os.killpg(parent.pid, signal.SIGKILL)
            parent.wait()


def test_output_and_exit_status_come_back_and_a_missing_program_is_127(mark: str) -> None:
    finished = run_in_group(["sh", "-c", "echo out; echo err >&2; exit 3"], 10)
    assert (finished.returncode, finished.stdout, finished.stderr) == (3, "out\n", "err\n")
    missing = run_in_group(["/nonexistent/soffice"], 10)
    assert missing.returncode == 127 and "could not start /nonexistent/soffice" in missing.stderr
    assert marked_processes(mark) == []


def test_an_owned_temp_folder_is_removed_even_when_its_block_fails(tmp_path: Path) -> None:
    with pytest.raises(RuntimeError), owned_tempdir("books", tmp_path) as folder:
        (Path(folder) / "Buku-I.docx").write_bytes(b"x")
        assert Path(folder).name.startswith(f"kc-{os.getpid()}-books-")
        raise RuntimeError("rendering failed")
    assert list(tmp_path.iterdir()) == []


def test_only_the_temp_folders_of_dead_processes_are_removed(tmp_path: Path) -> None:
    dead = subprocess.Popen(["true"])
    dead.wait()
    assert not is_alive(dead.pid)
    orphan = tmp_path / f"kc-{dead.pid}-books-abc"
    (orphan / "kc-lo-x").mkdir(parents=True)
    mine = tmp_path / f"kc-{os.getpid()}-books-def"
    mine.mkdir()
    other = tmp_path / "kc-notapid"
    other.mkdir()
    assert remove_orphaned_tempdirs(tmp_path) == [orphan]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([mine.name, other.name])

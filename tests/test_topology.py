"""DESIGN.md rule 9, proved: two gunicorn servers behind nginx, one PostgreSQL, one worker, shared files.

Runs ``scripts/topology.py run`` (about 1.5 minutes on two busy cores). Skipped unless nginx and gunicorn
are installed and PostgreSQL answers on 127.0.0.1:5432 — but with KOTACERDAS_REQUIRE_TOPOLOGY set (as in
.ci/run) a missing piece fails instead.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "topology.py"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
SCRIPT_TIMEOUT = 180  # the script's own bound: it gives up and tears down after this
TEST_TIMEOUT = SCRIPT_TIMEOUT + 60

pytestmark = [pytest.mark.slow, pytest.mark.topology]


def missing_piece() -> str | None:
    if not (shutil.which("nginx") or Path("/usr/sbin/nginx").exists()):
        return "nginx is not installed (apt-get install nginx-light)"
    if importlib.util.find_spec("gunicorn") is None:
        return "gunicorn is not installed"
    try:
        import psycopg

        psycopg.connect(f"{POSTGRES}/postgres", connect_timeout=3).close()
    except Exception as error:
        return f"PostgreSQL does not answer at {POSTGRES}: {error}"
    return None


def test_two_servers_behind_nginx_share_sessions_tasks_uploads_and_survive_a_kill() -> None:
    reason = missing_piece()
    if reason:
        if os.environ.get("KOTACERDAS_REQUIRE_TOPOLOGY"):
            pytest.fail(f"KOTACERDAS_REQUIRE_TOPOLOGY is set but {reason}")
        pytest.skip(reason)
    child = subprocess.Popen(
        [sys.executable, str(SCRIPT), "--postgres", POSTGRES, "run", "--timeout", str(SCRIPT_TIMEOUT)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        output, _ = child.communicate(timeout=TEST_TIMEOUT)
    except subprocess.TimeoutExpired:
        child.send_signal(signal.SIGTERM)  # the script tears the topology down on SIGTERM
        try:
            output, _ = child.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()  # its children die with it (PR_SET_PDEATHSIG)
            output, _ = child.communicate()
        pytest.fail(f"scripts/topology.py run did not finish within {TEST_TIMEOUT} s:\n{output}")
    assert child.returncode == 0, output
    for check in ("a. session", "b. task", "c. upload", "d. A killed"):
        assert any(line.startswith(check) and " PASS " in line for line in output.splitlines()), output

"""DESIGN.md rule 9's four claims, proved against a running stack (``scripts/topology.py check``).

a. a session made by logging in on A is valid on B;
b. a task enqueued by A (a roadmap run) is run by the worker, and B shows its result;
c. an upload saved through A is served, byte for byte, by B;
d. A is killed while GET requests stream through nginx: nginx retries them on B.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import secrets
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass

from topology_base import DEMO_REGION, STARTED, CheckFailed, Client, say, wait_http
from topology_stack import Topology

STREAM_REQUESTS = 200
STREAM_THREADS = 4
KILL_AFTER = 40  # responses received before server A is killed

# ------------------------------------------------------------------------------------------ checks


@dataclass
class Result:
    name: str
    passed: bool
    seconds: float
    detail: str


@contextlib.contextmanager
def timed(results: list[Result], name: str) -> Iterator[list[str]]:
    """Runs one check; the body appends its detail line; CheckFailed (or any error) makes it FAIL."""
    detail: list[str] = []
    begun = time.monotonic()
    try:
        yield detail
    except (CheckFailed, OSError, http.client.HTTPException, KeyError) as error:
        results.append(Result(name, False, time.monotonic() - begun, f"{type(error).__name__}: {error}"))
    else:
        results.append(Result(name, True, time.monotonic() - begun, "; ".join(detail)))
    say(f"{'PASS' if results[-1].passed else 'FAIL'} {name}")


def check(topology: Topology) -> list[Result]:
    topology.ensure_running()
    a, b, front = topology.ports["a"], topology.ports["b"], topology.ports["nginx"]
    results: list[Result] = []
    budi = Client()

    with timed(results, "a. session made on A is valid on B") as detail:
        budi.log_in(a, "budi")
        home = budi.get(b, "/")
        if home.status != 200 or "Budi (contoh)" not in home.text:
            raise CheckFailed(f"B answered {home.status} without Budi's name for A's session")
        anonymous = Client().get(b, "/")
        if "Budi (contoh)" in anonymous.text:
            raise CheckFailed("B shows Budi's name without his session cookie")
        detail.append("logged in on A; B's home page names Budi (contoh), and not without the cookie")

    with timed(results, "b. task enqueued by A runs on the worker") as detail:
        started = budi.post_form(a, f"/r/{DEMO_REGION}/masterplan/roadmap/jalankan/", {"time_limit": "1"})
        location = started.headers.get("Location", "")
        match = re.search(r"/roadmap/(\d+)/$", location)
        if started.status != 302 or not match:
            raise CheckFailed(f"starting a roadmap run on A answered {started.status} {location!r}")
        run_id = int(match[1])
        deadline = time.monotonic() + 60
        while True:
            page = budi.get(b, location)
            if page.status == 200 and 'id="roadmap-status"' in page.text:
                break
            if time.monotonic() > deadline:
                raise CheckFailed(f"roadmap run #{run_id} was not done on B after 60 s (HTTP {page.status})")
            time.sleep(0.3)
        if 'id="roadmap-chart-data"' not in page.text:
            raise CheckFailed(f"B's page of run #{run_id} has no roadmap chart (the run's result)")
        with topology.connect() as conn:
            row = conn.execute(
                "SELECT status, worker_ids FROM django_tasks_database_dbtaskresult "
                "WHERE task_path LIKE %s AND args_kwargs->'args'->>0 = %s",
                ("%.run_roadmap", str(run_id)),
            ).fetchone()
        if not row or row[0] != "SUCCESSFUL" or not row[1]:
            raise CheckFailed(f"the task row of run #{run_id} is {row!r}, not SUCCESSFUL by a worker")
        detail.append(f"roadmap run #{run_id} POSTed to A, done on B; task SUCCESSFUL on worker {row[1][-1]}")

    with timed(results, "c. upload through A is served by B") as detail:
        with topology.connect() as conn:
            row = conn.execute(
                "SELECT a.id, ans.indicator FROM assessment_assessment a "
                "JOIN regions_region r ON r.id = a.region_id "
                "JOIN assessment_answer ans ON ans.assessment_id = a.id "
                "WHERE r.code = %s AND a.state = 'draft' AND ans.state = 'draft' "
                "ORDER BY a.id, ans.id LIMIT 1",
                (DEMO_REGION,),
            ).fetchone()
        if not row:
            raise CheckFailed("the demo world has no draft answer to attach evidence to")
        assessment_id, indicator = row
        base = f"/r/{DEMO_REGION}/asesmen/{assessment_id}/"
        content = b"%PDF-1.4\n% kotacerdas topology check " + secrets.token_hex(2048).encode() + b"\n%%EOF\n"
        upload = budi.post_file(
            a, f"{base}jawaban/{indicator}/bukti/", "file", "bukti-topologi.pdf", content, "application/pdf"
        )
        if upload.status != 302:
            raise CheckFailed(f"uploading evidence through A answered {upload.status}")
        page = budi.get(b, f"{base}jawaban/{indicator}/")
        ids = [int(n) for n in re.findall(rf"{re.escape(base)}bukti/(\d+)/\"", page.text)]
        if not ids:
            raise CheckFailed("B's answer page lists no evidence download")
        download = budi.get(b, f"{base}bukti/{max(ids)}/")
        if download.status != 200 or download.body != content:
            raise CheckFailed(
                f"B served evidence #{max(ids)} with HTTP {download.status}, {len(download.body)} bytes"
            )
        detail.append(f"evidence #{max(ids)} uploaded through A, {len(content):,} bytes identical from B")

    with timed(results, f"d. A killed during {STREAM_REQUESTS} GETs via nginx") as detail:
        answers, errors = stream_while_killing(topology, front)
        port_a, port_b = f"127.0.0.1:{a}", f"127.0.0.1:{b}"
        by_a = sum(1 for x in answers if x.upstream == port_a and not x.cut)
        by_b = sum(1 for x in answers if x.upstream == port_b)
        retried = sum(1 for x in answers if x.upstream == f"{port_a}, {port_b}")
        complete = sum(1 for x in answers if x.status == 200 and not x.cut)
        cut = [x for x in answers if x.cut]
        detail.append(
            f"{complete}/{STREAM_REQUESTS} complete 200s (A killed after {KILL_AFTER}): "
            f"{by_a} by A, {by_b} by B, {retried} retried A->B"
        )
        if cut:
            detail.append(f"{len(cut)} 200 cut mid-body by A's death (begun answers cannot be retried)")
        # The one loss nginx cannot prevent: A dies after its header went out, so the answer has begun
        # and cannot move to B. It can only hit requests A was answering at the kill, never more.
        cut_ok = all(x.upstream == port_a and x.status == 200 for x in cut) and len(cut) <= STREAM_THREADS
        if errors or not cut_ok or complete + len(cut) != STREAM_REQUESTS:
            failures = errors[:3] or sorted({(x.status, x.upstream) for x in answers if x.status != 200})
            raise CheckFailed(f"{'; '.join(detail)}; failures: {failures}")
        if by_a == 0:
            raise CheckFailed(f"{detail[0]}; A served nothing before it was killed, nothing was proved")
    if not topology.in_run and "a" not in topology.pids:
        topology.start_server("a")  # leave the topology whole for another `check`
        wait_http(a, "/masuk/", timeout=60, what="server A (restarted)")
        say("server A restarted")
    return results


@dataclass
class Answer:
    status: int
    upstream: str  # nginx's $upstream_addr: "A", "B", or "A, B" when it retried on B
    cut: bool  # the body ended before its Content-Length


def stream_while_killing(topology: Topology, port: int) -> tuple[list[Answer], list[str]]:
    """GET / through nginx from a few threads; SIGKILL server A's process group after KILL_AFTER answers."""
    answers: list[Answer] = []
    errors: list[str] = []

    def fetch(_: int) -> Answer:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        try:
            conn.request("GET", "/")
            response = conn.getresponse()
            upstream = response.headers.get("X-Upstream", "")
            try:
                response.read()
            except http.client.IncompleteRead:
                return Answer(response.status, upstream, cut=True)
            return Answer(response.status, upstream, cut=False)
        finally:
            conn.close()

    with ThreadPoolExecutor(max_workers=STREAM_THREADS) as pool:
        futures = [pool.submit(fetch, n) for n in range(STREAM_REQUESTS)]
        for done, future in enumerate(as_completed(futures, timeout=120), start=1):
            try:
                answers.append(future.result())
            except (OSError, http.client.HTTPException) as error:
                errors.append(f"{type(error).__name__}: {error}")
            if done == KILL_AFTER:
                topology.kill("a")
    return answers, errors


def print_table(results: list[Result]) -> None:
    width = max(len(r.name) for r in results)
    print(f"\n{'check':<{width}}  result    time  detail")
    for r in results:
        print(f"{r.name:<{width}}  {'PASS' if r.passed else 'FAIL':<6} {r.seconds:5.1f} s  {r.detail}")
    print(f"total {time.monotonic() - STARTED:.1f} s since start\n", flush=True)

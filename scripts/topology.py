"""Two app servers behind nginx, one PostgreSQL, one worker, shared storage: DESIGN.md rule 9 on loopback.

    python scripts/topology.py run      # up + check + down; always tears down; exit 1 when a check fails
    python scripts/topology.py up       # start everything, print the addresses, keep it running
    python scripts/topology.py check    # prove the four claims against a running topology
    python scripts/topology.py down     # stop every process group, drop the database, remove the temp dir

`up` creates a dedicated PostgreSQL database (``kc_topology_<random>``) and one temp dir holding the shared
``KOTACERDAS_VAR_DIR`` (uploads, collected static files), the nginx config and every log; it migrates,
collects static files and loads the demo world, then starts the task worker, two gunicorn servers (A and
B, production settings) and nginx in front of them, each in its own process group, on free ports of
127.0.0.1. The checks use plain HTTP through nginx and straight to each server:

    a. a session made by logging in on A is valid on B;
    b. a task enqueued by A (a roadmap run) is run by the worker, and B shows its result;
    c. an upload saved through A is served, byte for byte, by B;
    d. A is killed (SIGKILL, whole process group) while 200 GET requests stream through nginx: every one
       answers 200, because nginx retries an idempotent request on B when A fails. The one loss nginx
       cannot prevent is told apart: an answer A had begun (its header already passed to the client) when
       it died is cut short and cannot move to B; at most the few requests A was answering at that instant.

Everything is bounded: every wait has a timeout and `run` gives up after --timeout seconds (default 180).
Needs nginx (Debian: ``apt-get install nginx-light``), gunicorn and PostgreSQL on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import contextlib
import ctypes
import http.client
import json
import os
import re
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STATE_FILE = Path(tempfile.gettempdir()) / "kotacerdas-topology.json"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
DEMO_PASSWORD = "kotacerdas-demo"  # kotacerdas/demo.py DEMO_PASSWORD
DEMO_REGION = "33.73"  # Kota Salatiga, where Budi is the coordinator
STREAM_REQUESTS = 200
STREAM_THREADS = 4
KILL_AFTER = 40  # responses received before server A is killed
GUNICORN_WORKERS = 2
GUNICORN_CONFIG = "python:kotacerdas.gunicorn_conf"  # the documented configuration (docs/how-to/deploy.md)
STARTED = time.monotonic()


class TopologyError(Exception):
    """Setting up or tearing down failed: said in one line, without a traceback."""


class CheckFailed(Exception):
    pass


class Interrupted(BaseException):
    """SIGTERM or the overall deadline: leave through the same path as Ctrl-C, so `run` tears down."""


def say(message: str) -> None:
    print(f"[{time.monotonic() - STARTED:6.1f} s] {message}", flush=True)


# ------------------------------------------------------------------------------------------ processes


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def die_with_parent() -> None:
    """In `run`, children get SIGKILL should this script itself be killed (Linux prctl PR_SET_PDEATHSIG)."""
    with contextlib.suppress(Exception):
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)


def group_alive(pgid: int) -> bool:
    """Whether any process (zombies aside) is left in the process group."""
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return False
        return True
    for stat in proc.glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[2]) == pgid and fields[0] != "Z":
            return True
    return False


def signal_group(pgid: int, sig: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pgid, sig)


def wait_group_gone(pgid: int, timeout: float, reap: Callable[[], None] = lambda: None) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        reap()
        if not group_alive(pgid):
            return True
        time.sleep(0.1)
    return False


def start_step(argv: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    """A one-off command (migrate, demo…) in its own process group."""
    with log.open("ab") as out:
        return subprocess.Popen(
            argv, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )


def finish_step(label: str, child: subprocess.Popen[bytes], log: Path, timeout: float, begun: float) -> None:
    """Waits for a one-off command; on a timeout or an interruption its whole group is killed."""
    try:
        code = child.wait(timeout=max(1.0, begun + timeout - time.monotonic()))
    except BaseException:
        signal_group(child.pid, signal.SIGKILL)
        child.wait(timeout=10)
        raise
    if code != 0:
        tail = log.read_text(errors="replace").strip().splitlines()[-15:]
        raise TopologyError(f"{label} failed (exit {code}); last lines of {log}:\n  " + "\n  ".join(tail))
    say(f"{label} ({time.monotonic() - begun:.1f} s)")


def run_step(label: str, argv: list[str], env: dict[str, str], log: Path, timeout: float) -> None:
    begun = time.monotonic()
    finish_step(label, start_step(argv, env, log), log, timeout, begun)


# ------------------------------------------------------------------------------------------ HTTP


@dataclass
class Reply:
    status: int
    headers: http.client.HTTPMessage
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Client:
    """A minimal browser: keeps its cookies itself, so one session can be shown to either server.

    Production marks the cookies Secure; a real browser would not send them over plain HTTP, but the
    servers behind the proxy never see TLS anyway — only the cookie value matters to them.
    """

    cookies: dict[str, str] = field(default_factory=dict)

    def request(
        self,
        port: int,
        method: str,
        path: str,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
    ) -> Reply:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=20)
        sent = dict(headers or {})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        try:
            conn.request(method, path, body=body, headers=sent)
            response = conn.getresponse()
            data = response.read()
        finally:
            conn.close()
        for raw in response.headers.get_all("Set-Cookie") or []:
            jar: SimpleCookie = SimpleCookie()
            jar.load(raw)
            for name, morsel in jar.items():
                if morsel.value and morsel["max-age"] != "0":
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        return Reply(response.status, response.headers, data)

    def get(self, port: int, path: str) -> Reply:
        return self.request(port, "GET", path)

    def post_form(self, port: int, path: str, data: dict[str, str]) -> Reply:
        data = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **data}
        body = urlencode(data).encode()
        return self.request(port, "POST", path, body, {"Content-Type": "application/x-www-form-urlencoded"})

    def post_file(
        self, port: int, path: str, field_name: str, filename: str, content: bytes, mime: str
    ) -> Reply:
        boundary = "kctopology" + secrets.token_hex(12)
        body = (
            (
                f'--{boundary}\r\nContent-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
                f"{self.cookies.get('csrftoken', '')}\r\n"
                f'--{boundary}\r\nContent-Disposition: form-data; name="{field_name}"; '
                f'filename="{filename}"\r\n'
                f"Content-Type: {mime}\r\n\r\n"
            ).encode()
            + content
            + f"\r\n--{boundary}--\r\n".encode()
        )
        return self.request(
            port, "POST", path, body, {"Content-Type": f"multipart/form-data; boundary={boundary}"}
        )

    def log_in(self, port: int, username: str) -> None:
        page = self.get(port, "/masuk/")
        if page.status != 200 or "csrftoken" not in self.cookies:
            raise CheckFailed(f"login page on :{port} answered {page.status} without a CSRF cookie")
        reply = self.post_form(port, "/masuk/", {"username": username, "password": DEMO_PASSWORD})
        if reply.status != 302 or "sessionid" not in self.cookies:
            raise CheckFailed(
                f"logging in as {username} on :{port} answered {reply.status}, no session cookie"
            )


def wait_http(port: int, path: str, timeout: float, what: str) -> None:
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        try:
            status = Client().get(port, path).status
            if status == 200:
                return
            last = f"HTTP {status}"
        except OSError as error:
            last = str(error)
        time.sleep(0.3)
    raise TopologyError(
        f"{what} on 127.0.0.1:{port} did not answer 200 on {path} within {timeout:.0f} s ({last})"
    )


# ------------------------------------------------------------------------------------------ topology


NGINX_CONF = """\
# kotacerdas topology check: nginx in front of two gunicorn servers (generated by scripts/topology.py)
{user}worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
# Every client connection and every connection to a server holds one of these: 1,000 people with a
# kept-alive connection each (bench/load) need more than the default 512, and the files to match.
worker_rlimit_nofile 8192;
events {{ worker_connections 4096; }}
http {{
    keepalive_timeout 75s;              # longer than anyone thinks between two clicks
    keepalive_requests 10000;           # a browser's connection is not cut every 1,000 requests
    log_format upstreams '$remote_addr "$request" $status upstream=$upstream_addr ($upstream_status) '
                         '$request_time s';
    access_log {dir}/access.log upstreams;
    client_body_temp_path {dir}/client_body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 12m;          # the app refuses uploads above 10 MB with a message

    upstream kotacerdas {{
{upstreams}
    }}

    server {{
        listen 127.0.0.1:{port} backlog=4096;   # connections waiting to be accepted (net.core.somaxconn)
        server_name 127.0.0.1 localhost;
        location / {{
            proxy_pass http://kotacerdas;
            proxy_set_header Host $http_host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;   # TRUSTED_PROXY_COUNT=1
            proxy_set_header X-Forwarded-Proto $scheme;
            # Buffering: nginx reads the whole request before gunicorn sees it and takes the whole answer
            # from gunicorn at loopback speed, so a slow client never holds a sync worker.
            proxy_buffering on;
            proxy_request_buffering on;
            # A dead server: the request goes to the other one. nginx retries only idempotent requests
            # (GET, HEAD…) and only while nothing has been sent to the client yet.
            proxy_next_upstream error timeout http_502;
            proxy_next_upstream_tries 2;
            proxy_next_upstream_timeout 10s;
            proxy_connect_timeout 2s;
            proxy_read_timeout 60s;
            add_header X-Upstream $upstream_addr always;   # which server answered (for the check only)
        }}
    }}
}}
"""

SERVERS = ("a", "b")


@dataclass
class Topology:
    tmp: Path
    postgres: str
    database: str
    ports: dict[str, int]
    env: dict[str, str]
    pids: dict[str, int] = field(default_factory=dict)
    children: dict[str, subprocess.Popen[bytes]] = field(default_factory=dict)
    in_run: bool = False
    servers: tuple[str, ...] = SERVERS  # bench/load runs one server with more workers
    workers: int = GUNICORN_WORKERS
    gc_freeze: bool = True  # False: gunicorn without the settings module (bench/load --no-gc-freeze)
    state: Path = STATE_FILE  # `run` keeps its state inside its own temp dir, so runs never collide

    # ------------------------------------------------------------------ state

    @property
    def logs(self) -> Path:
        return self.tmp / "logs"

    @property
    def services(self) -> tuple[str, ...]:
        return ("worker", *self.servers, "nginx")

    @property
    def database_url(self) -> str:
        return f"{self.postgres}/{self.database}"

    def save(self) -> None:
        data = {
            "tmp": str(self.tmp),
            "postgres": self.postgres,
            "database": self.database,
            "ports": self.ports,
            "env": self.env,
            "pids": self.pids,
            "servers": list(self.servers),
            "workers": self.workers,
            "gc_freeze": self.gc_freeze,
        }
        self.state.touch(mode=0o600)
        self.state.write_text(json.dumps(data, indent=2))

    @classmethod
    def load(cls) -> Topology:
        try:
            data = json.loads(STATE_FILE.read_text())
        except FileNotFoundError as error:
            raise TopologyError(f"no topology is up ({STATE_FILE} is missing); run `up` first") from error
        return cls(
            tmp=Path(data["tmp"]),
            postgres=data["postgres"],
            database=data["database"],
            ports=data["ports"],
            env=data["env"],
            pids=data["pids"],
            servers=tuple(data.get("servers", SERVERS)),
            workers=int(data.get("workers", GUNICORN_WORKERS)),
            gc_freeze=bool(data.get("gc_freeze", True)),
        )

    @classmethod
    def new(
        cls, postgres: str, in_run: bool, servers: tuple[str, ...] = SERVERS, workers: int = GUNICORN_WORKERS
    ) -> Topology:
        if not in_run and STATE_FILE.exists():
            raise TopologyError(f"a topology seems to be up already ({STATE_FILE}); run `down` first")
        tmp = Path(tempfile.mkdtemp(prefix="kc-topology-"))
        var = tmp / "var"
        env = {
            "PATH": os.environ.get("PATH", "/usr/local/bin:/usr/bin:/bin"),
            "HOME": os.environ.get("HOME", str(tmp)),
            "LANG": "C.UTF-8",
            "PYTHONPATH": str(ROOT),  # the code of this checkout, whatever the venv has installed
            "PYTHONUNBUFFERED": "1",
            "KOTACERDAS_ENV": "production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "TRUSTED_PROXY_COUNT": "1",
            # The documented override: plain HTTP on loopback, no TLS to redirect to.
            "SECURE_SSL_REDIRECT": "false",
            "KOTACERDAS_VAR_DIR": str(var),  # shared by both servers and the worker: uploads live below it
            "TASKS_BACKEND": "django_tasks_db.DatabaseBackend",
            "EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend",
            "LOG_LEVEL": "WARNING",
        }
        database = f"kc_topology_{secrets.token_hex(4)}"
        ports: dict[str, int] = {}
        while len(set(ports.values())) < len(servers) + 1:
            ports = {name: free_port() for name in ("nginx", *servers)}
        topology = cls(
            tmp=tmp,
            postgres=postgres.rstrip("/"),
            database=database,
            ports=ports,
            env=env,
            servers=servers,
            workers=workers,
        )
        topology.env["DATABASE_URL"] = topology.database_url
        topology.in_run = in_run
        if in_run:
            topology.state = tmp / "state.json"
        topology.logs.mkdir()
        (tmp / "nginx").mkdir()
        var.mkdir()
        return topology

    # ------------------------------------------------------------------ database

    def connect(self, database: str | None = None) -> Any:
        import psycopg

        return psycopg.connect(
            f"{self.postgres}/{database or self.database}", connect_timeout=5, autocommit=True
        )

    def create_database(self) -> None:
        with self.connect("postgres") as conn:
            conn.execute(f'CREATE DATABASE "{self.database}"')
        say(f"database {self.database} created on {self.postgres}")

    def drop_database(self) -> None:
        with self.connect("postgres") as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{self.database}" WITH (FORCE)')
        say(f"database {self.database} dropped")

    # ------------------------------------------------------------------ processes

    def spawn(self, name: str, argv: list[str], env: dict[str, str] | None = None) -> None:
        log = (self.logs / f"{name}.log").open("ab")
        child = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=env or self.env,
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: `down` kills the group, workers included
            preexec_fn=die_with_parent if self.in_run else None,  # spawned from the main thread
        )
        log.close()
        self.children[name] = child
        self.pids[name] = child.pid
        self.save()

    def start_worker(self) -> None:
        self.spawn("worker", [PYTHON, "-m", "kotacerdas.cli", "worker"], {**self.env, "LOG_LEVEL": "INFO"})

    def start_server(self, name: str) -> None:
        """gunicorn with the documented settings module (docs/how-to/deploy.md: its ``post_worker_init``
        freezes the start-up objects, gc.freeze), the port, workers and timeouts given here."""
        bind = f"127.0.0.1:{self.ports[name]}"
        config = ["-c", GUNICORN_CONFIG] if self.gc_freeze else []
        self.spawn(
            name,
            [
                PYTHON,
                "-m",
                "gunicorn",
                *config,
                "kotacerdas.wsgi",
                "--bind",
                bind,
                "--workers",
                str(self.workers),
                "--timeout",
                "60",
                "--graceful-timeout",
                "5",
            ],
        )

    def write_nginx_conf(self) -> Path:
        folder = self.tmp / "nginx"
        # Run as root (CI containers), nginx would switch its workers to an unprivileged user that cannot
        # enter the private temp dir; keep them as the invoking user instead.
        user = "user root root;\n" if os.geteuid() == 0 else ""
        conf = folder / "nginx.conf"
        conf.write_text(
            NGINX_CONF.format(
                user=user,
                dir=folder,
                port=self.ports["nginx"],
                upstreams="\n".join(
                    f"        server 127.0.0.1:{self.ports[name]} max_fails=1 fail_timeout=10s;"
                    for name in self.servers
                ),
            )
        )
        return conf

    def start_nginx(self) -> None:
        nginx = find_nginx()
        conf = self.write_nginx_conf()
        folder = self.tmp / "nginx"
        base = [nginx, "-p", str(folder), "-e", str(folder / "error.log"), "-c", str(conf)]
        test = subprocess.run([*base, "-t", "-q"], capture_output=True, text=True, timeout=20)
        if test.returncode != 0:
            raise TopologyError(f"nginx rejects {conf}: {test.stderr.strip()}")
        self.spawn("nginx", [*base, "-g", "daemon off; master_process on;"])

    def stop(self, name: str, grace: float = 8.0) -> None:
        pgid = self.pids.get(name)
        if not pgid:
            return
        child = self.children.get(name)
        reap = (lambda: child.poll()) if child else (lambda: None)
        signal_group(pgid, signal.SIGTERM)
        if not wait_group_gone(pgid, grace, reap):
            signal_group(pgid, signal.SIGKILL)
            if not wait_group_gone(pgid, 5, reap):
                raise TopologyError(f"{name} (process group {pgid}) survived SIGKILL")
        self.pids.pop(name, None)
        self.children.pop(name, None)

    def kill(self, name: str) -> None:
        """SIGKILL the whole process group at once: no graceful shutdown, connections just break."""
        pgid = self.pids[name]
        signal_group(pgid, signal.SIGKILL)
        child = self.children.get(name)
        if not wait_group_gone(pgid, 10, (lambda: child.poll()) if child else (lambda: None)):
            raise TopologyError(f"{name} (process group {pgid}) survived SIGKILL")
        self.pids.pop(name, None)
        self.children.pop(name, None)
        self.save()

    def ensure_running(self) -> None:
        for name in self.services:
            pgid = self.pids.get(name)
            if not pgid or not group_alive(pgid):
                raise TopologyError(f"{name} is not running; see {self.logs / (name + '.log')}")

    # ------------------------------------------------------------------ up / down

    def up(self) -> None:
        self.save()
        self.create_database()
        kc = [PYTHON, "-m", "kotacerdas.cli"]
        setup_log = self.logs / "setup.log"
        # collectstatic (production's manifest storage needs it) runs while the database is migrated; the
        # servers and the worker boot while the demo world is loaded.
        collect_log = self.logs / "collectstatic.log"
        begun = time.monotonic()
        collect = start_step([*kc, "manage", "collectstatic", "--noinput", "-v", "0"], self.env, collect_log)
        try:
            run_step("migrated (552 regions)", [*kc, "migrate", "-v", "0"], self.env, setup_log, timeout=120)
        except BaseException:
            signal_group(collect.pid, signal.SIGKILL)
            collect.wait(timeout=10)
            raise
        finish_step("static files collected", collect, collect_log, 120, begun)
        begun = time.monotonic()
        self.start_worker()
        for name in self.servers:
            self.start_server(name)
        self.start_nginx()
        run_step("demo world loaded", [*kc, "demo"], self.env, setup_log, timeout=90)
        for name in (*self.servers, "nginx"):
            wait_http(self.ports[name], "/masuk/", timeout=60, what=f"server {name.upper()}")
        took = time.monotonic() - begun
        listening = " and ".join(f"{name.upper()} :{self.ports[name]}" for name in (*self.servers, "nginx"))
        say(f"{listening} answer ({took:.1f} s)")
        self.wait_queue_empty(timeout=90)
        self.ensure_running()

    def wait_queue_empty(self, timeout: float) -> None:
        """The demo world enqueues a roadmap run and a book; the worker must have taken them."""
        begun = time.monotonic()
        with self.connect() as conn:
            while True:
                (waiting,) = conn.execute(
                    "SELECT count(*) FROM django_tasks_database_dbtaskresult "
                    "WHERE status IN ('READY', 'RUNNING')"
                ).fetchone()
                if waiting == 0:
                    break
                if time.monotonic() - begun > timeout:
                    raise TopologyError(f"the worker left {waiting} demo tasks waiting after {timeout:.0f} s")
                time.sleep(0.5)
            (done,) = conn.execute(
                "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status = 'SUCCESSFUL'"
            ).fetchone()
        say(f"worker ran the demo world's {done} queued tasks ({time.monotonic() - begun:.1f} s)")

    def down(self) -> list[str]:
        problems = []
        for name in reversed(self.services):
            try:
                self.stop(name)
            except TopologyError as error:
                problems.append(str(error))
        say("processes stopped" if not problems else "some processes could not be stopped")
        try:
            self.drop_database()
        except Exception as error:
            problems.append(f"could not drop {self.database}: {error}")
        if not problems:
            shutil.rmtree(self.tmp, ignore_errors=True)
            say(f"{self.tmp} removed")
        else:
            say(f"{self.tmp} kept for its logs")
        self.state.unlink(missing_ok=True)
        return problems

    def describe(self) -> None:
        p = self.ports
        behind = ", ".join(f"{name.upper()} :{p[name]}" for name in self.servers)
        servers = "".join(
            f"\n  server {name.upper()}  http://127.0.0.1:{p[name]}/   ({self.workers} workers, "
            f"process group {self.pids.get(name)})"
            for name in self.servers
        )
        print(
            f"\n  nginx     http://127.0.0.1:{p['nginx']}/   -> {behind}"
            f"{servers}"
            f"\n  worker    process group {self.pids.get('worker')}"
            f"\n  database  {self.database_url}"
            f"\n  files     {self.env['KOTACERDAS_VAR_DIR']}  (logs in {self.logs})"
            f"\n  state     {self.state}\n",
            flush=True,
        )


def find_nginx() -> str:
    found = shutil.which("nginx") or next(
        (p for p in ("/usr/sbin/nginx", "/sbin/nginx") if Path(p).exists()), None
    )
    if not found:
        raise TopologyError("nginx is not installed (Debian: apt-get install -y nginx-light)")
    return found


def preflight(postgres: str) -> None:
    find_nginx()
    try:
        import gunicorn  # noqa: F401
        import psycopg
    except ImportError as error:
        raise TopologyError(f"{error.name} is not installed in {PYTHON}") from error
    try:
        psycopg.connect(f"{postgres.rstrip('/')}/postgres", connect_timeout=3).close()
    except psycopg.Error as error:
        raise TopologyError(f"PostgreSQL does not answer at {postgres}: {error}") from error


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


# ------------------------------------------------------------------------------------------ commands


def on_signal(signum: int, _frame: object) -> None:
    raise Interrupted(signal.Signals(signum).name)


def command_up(args: argparse.Namespace) -> int:
    preflight(args.postgres)
    topology = Topology.new(args.postgres, in_run=False)
    try:
        topology.up()
    except BaseException:
        say("setting up failed: tearing down")
        topology.down()
        raise
    topology.describe()
    return 0


def command_check(args: argparse.Namespace) -> int:
    results = check(Topology.load())
    print_table(results)
    return 0 if all(r.passed for r in results) else 1


def command_down(args: argparse.Namespace) -> int:
    problems = Topology.load().down()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 1 if problems else 0


def command_run(args: argparse.Namespace) -> int:
    preflight(args.postgres)
    topology = Topology.new(args.postgres, in_run=True)
    signal.signal(signal.SIGALRM, on_signal)
    signal.alarm(int(args.timeout))
    code = 1
    try:
        topology.up()
        topology.describe()
        results = check(topology)
        print_table(results)
        code = 0 if all(r.passed for r in results) else 1
    except Interrupted as stop:
        reason = "the overall timeout" if str(stop) == "SIGALRM" else str(stop)
        say(f"stopped by {reason}: tearing down")
        code = {"SIGALRM": 124, "SIGTERM": 143}.get(str(stop), 130)
    except KeyboardInterrupt:
        say("interrupted: tearing down")
        code = 130
    except TopologyError as error:
        say(f"error: {error}")
        code = 2
    finally:
        signal.alarm(0)
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, signal.SIG_IGN)  # the tear-down itself is bounded; let it finish
        problems = topology.down()
        for problem in problems:
            print(f"error: {problem}", file=sys.stderr)
        if problems:
            code = code or 2
    say(f"done, exit {code}")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--postgres", default=DEFAULT_POSTGRES, help=f"server URL without a database ({DEFAULT_POSTGRES})"
    )
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("up", help="start the topology and leave it running").set_defaults(func=command_up)
    sub.add_parser("check", help="run the checks against a running topology").set_defaults(func=command_check)
    sub.add_parser("down", help="stop everything, drop the database, remove files").set_defaults(
        func=command_down
    )
    run = sub.add_parser("run", help="up + check + down (always tears down)")
    run.add_argument(
        "--timeout", type=float, default=180, help="give up (and tear down) after this many seconds"
    )
    run.set_defaults(func=command_run)
    args = parser.parse_args(argv)
    signal.signal(signal.SIGTERM, on_signal)
    try:
        return int(args.func(args))
    except TopologyError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Interrupted as stop:
        print(f"stopped by {stop}", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())

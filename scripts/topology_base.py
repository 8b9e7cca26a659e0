"""The topology's shared pieces: settings, errors, child process groups and a minimal HTTP client.

Used by ``topology_stack`` (starting and stopping the stack), ``topology_checks`` (DESIGN.md rule 9's
four claims), ``scripts/topology.py`` (the command CI calls) and ``bench/load`` (the same stack under
load). Every wait here is bounded.
"""

from __future__ import annotations

import contextlib
import ctypes
import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
STATE_FILE = Path(tempfile.gettempdir()) / "kotacerdas-topology.json"
DEFAULT_POSTGRES = "postgres://postgres@127.0.0.1:5432"
DEMO_PASSWORD = "kotacerdas-demo"  # kotacerdas/demo.py DEMO_PASSWORD
DEMO_REGION = "33.73"  # Kota Salatiga, where Budi is the coordinator
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


def on_signal(signum: int, _frame: object) -> None:
    raise Interrupted(signal.Signals(signum).name)


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


# ----------------------------------------------------------------------------- nginx, prerequisites


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

"""The stack on loopback: PostgreSQL database, task worker, gunicorn servers and nginx in front.

``Topology.new(...).up()`` creates a dedicated database and temp dir, migrates, collects static files,
loads the demo world and starts every process in its own process group; ``down()`` stops them all,
drops the database and removes the temp dir. ``scripts/topology.py`` (two servers, the checks) and
``bench/load/run.py`` (one server with more workers, under load) share it.
"""

from __future__ import annotations

import json
import os
import secrets
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from topology_base import (
    GUNICORN_CONFIG,
    GUNICORN_WORKERS,
    NGINX_CONF,
    PYTHON,
    ROOT,
    STATE_FILE,
    TopologyError,
    die_with_parent,
    find_nginx,
    finish_step,
    free_port,
    group_alive,
    run_step,
    say,
    signal_group,
    start_step,
    wait_group_gone,
    wait_http,
)

# ------------------------------------------------------------------------------------------ topology


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
    threads: int = 1  # above 1, gunicorn's gthread workers (bench/load --threads)
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
            "threads": self.threads,
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
            threads=int(data.get("threads", 1)),
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
                "--threads",
                str(self.threads),
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

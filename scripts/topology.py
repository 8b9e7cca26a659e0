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

The stack (start, stop, state) is ``scripts/topology_stack.py``, which ``bench/load/run.py`` also runs; the
checks are ``scripts/topology_checks.py``; settings, process groups, the HTTP client and the nginx
configuration ``scripts/topology_base.py``. This file is the command (and what CI calls).

Everything is bounded: every wait has a timeout and `run` gives up after --timeout seconds (default 180).
Needs nginx (Debian: ``apt-get install nginx-light``), gunicorn and PostgreSQL on 127.0.0.1:5432.
"""

from __future__ import annotations

import argparse
import signal
import sys

from topology_base import DEFAULT_POSTGRES, Interrupted, TopologyError, on_signal, preflight, say
from topology_checks import check, print_table
from topology_stack import Topology

# ------------------------------------------------------------------------------------------ commands


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

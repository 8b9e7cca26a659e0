"""Load on the production stack, on loopback: each page's throughput against a trivial view; 1,000 people.

    .venv/bin/python bench/load/run.py                       # both parts, about 6 minutes
    .venv/bin/python bench/load/run.py --part pages --seconds 10 --connections 30
    .venv/bin/python bench/load/run.py --part people --users 1000 --think 10 --minutes 3

The stack is scripts/topology.py's, with one app server: nginx (buffering proxy) in front of gunicorn
(``--workers`` sync workers, or gthread workers with ``--threads``; production settings), PostgreSQL,
the task worker; its own database and temp dir, torn down at the end whatever happens. The world is the
demo world plus ``--regions`` regions' teams (bench/load/seed.py).

* pages: for each endpoint, ``--connections`` clients without think time for ``--seconds``; requests per
  second, p50/p95, errors, the app server's CPU per request (read from /proc), and the throughput as a
  share of the trivial view's (``/sehat/``, no database, no template). A save is a GET of the form and
  its POST (fresh CSRF and submission tokens and the version, as a browser sends them); the pair counts,
  and the POST's own share is derived from the pairs and a run of the form's GET alone.
* people: ``--users`` people of the seeded regions' teams (a national Bimtek) thinking ``--think`` s on
  average between steps; a step is a page of their working day or a KPI report save. p50/p95 per step.

Everything talks to 127.0.0.1 only, and every wait is bounded (``--timeout``, default 30 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import math
import os
import random
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(Path(__file__).resolve().parent))
from client import Step, Tally, User, saturate, simulate  # noqa: E402
from cpu import CpuWatch, cpu_of, cpu_shares  # noqa: E402
from topology_base import DEFAULT_POSTGRES, Interrupted, TopologyError, on_signal, preflight, say  # noqa: E402
from topology_stack import Topology  # noqa: E402  (scripts/: the stack scripts/topology.py starts)

# A person's working day during a Bimtek: which step, how often (weights).
DAY = (("region page", 30), ("initiatives list", 20), ("monitoring page", 20), ("KPI report save", 15))
DAY_EXTRA = (("landing", 10), ("regions API", 5))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--part", choices=["pages", "people", "both"], default="both")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    parser.add_argument(
        "--threads", type=int, default=1, help="threads per worker; above 1, gunicorn's gthread workers (1)"
    )
    parser.add_argument("--seconds", type=float, default=12, help="per endpoint, pages part (12)")
    parser.add_argument("--connections", type=int, default=30, help="clients without think time (30)")
    parser.add_argument("--users", type=int, default=1000, help="people, people part (1000)")
    parser.add_argument("--think", type=float, default=10, help="mean think time in seconds (10)")
    parser.add_argument("--minutes", type=float, default=3, help="people part duration (3)")
    parser.add_argument(
        "--arrival", type=float, help="people part: everyone arrives within this many seconds (--think)"
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="TEXT",
        help="pages part: only the endpoints whose name contains TEXT (and the trivial view); repeatable",
    )
    parser.add_argument("--regions", type=int, default=100, help="seeded regions (100)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--timeout", type=float, default=1800, help="give up and tear down after (s)")
    parser.add_argument("--postgres", default=DEFAULT_POSTGRES)
    parser.add_argument(
        "--no-gc-freeze",
        action="store_true",
        help="gunicorn without kotacerdas/gunicorn_conf.py (no gc.freeze), to measure what it changes",
    )
    parser.add_argument(
        "--env",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="a setting for the app servers, to compare (e.g. REGION_SECTIONS_SHARED=false); repeatable",
    )
    args = parser.parse_args()
    preflight(args.postgres)
    stack = Topology.new(args.postgres, in_run=True, servers=("a",), workers=args.workers)
    stack.threads = args.threads
    stack.env.update(setting.split("=", 1) for setting in args.env)
    stack.gc_freeze = not args.no_gc_freeze
    signal.signal(signal.SIGALRM, on_signal)
    signal.signal(signal.SIGTERM, on_signal)
    signal.alarm(int(args.timeout))
    try:
        freeze = "with gc.freeze (kotacerdas/gunicorn_conf.py)" if stack.gc_freeze else "without gc.freeze"
        print(f"load average before: {os.getloadavg()}; {os.cpu_count()} CPUs; gunicorn {freeze}", flush=True)
        if args.env:
            print(f"settings: {' '.join(args.env)}", flush=True)
        stack.up()
        world = seed(stack, args)
        if args.part in ("pages", "both"):
            pages(stack, world, args)
        if args.part in ("people", "both"):
            people(stack, world, args)
        print(f"load average after: {os.getloadavg()}", flush=True)
        return 0
    except Interrupted as stop:
        print(f"stopped by {stop}", file=sys.stderr)
        return 124
    finally:
        signal.alarm(0)
        for problem in stack.down():
            print(f"error: {problem}", file=sys.stderr)


def seed(stack: Topology, args: argparse.Namespace) -> dict[str, Any]:
    begun = time.monotonic()
    command = [sys.executable, str(Path(__file__).with_name("seed.py")), "--regions", str(args.regions)]
    command += ["--team", str(math.ceil(args.users / args.regions)), "--seed", str(args.seed)]
    done = subprocess.run(command, env=stack.env, cwd=ROOT, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise TopologyError(f"seeding failed: {done.stderr[-2000:]}")
    world: dict[str, Any] = json.loads(done.stdout)
    took = time.monotonic() - begun
    say(f"seeded {args.regions} regions, {len(world['people'])} people ({took:.0f} s)")
    return world


# ------------------------------------------------------------------------------------------- pages


def endpoint_clients(
    endpoint: dict[str, Any], world: dict[str, Any], connections: int, mode: str = "pair"
) -> list[tuple[dict[str, str], Step]]:
    """The clients of one endpoint: (cookies, step). A save gives each client a record of its own;
    its ``mode`` is ``pair`` (GET the form, then POST it), ``form`` (the GET alone) or ``post`` (the
    POST alone: the form read once, then sent again and again with a fresh token and version).

    Two clients saving one record at once would be refused as stale (the lost-update check): that is
    the application working, not load, so no record is ever shared and a refused save is a real fault.
    With fewer records than connections, fewer clients run (said in the output)."""
    cookie, sessions = world["cookie"], world["personas"]

    def cookies_of(persona: str) -> dict[str, str]:
        return {cookie: sessions[persona]} if persona else {}

    if "records" not in endpoint:

        async def get(user: User) -> None:
            await user.get("step", endpoint["get"])

        return [(cookies_of(endpoint["as"]), get)] * connections
    clients: list[tuple[dict[str, str], Step]] = []
    for record in endpoint["records"][:connections]:
        values = itertools.count()
        if mode == "form":

            async def read(user: User, path: str = record["path"]) -> None:
                await user.get("step", path)

            clients.append((cookies_of(record["as"]), read))
            continue
        if mode == "post":
            kept: dict[str, str] = {}

            async def post(
                user: User,
                path: str = record["path"],
                values: Iterator[int] = values,
                kept: dict[str, str] = kept,
            ) -> None:
                text = f"{next(values) % 90 + 5}"
                await user.post_again("step", path, endpoint["field"], text, endpoint.get("button", ""), kept)

            clients.append((cookies_of(record["as"]), post))
            continue

        async def save(user: User, path: str = record["path"], values: Iterator[int] = values) -> None:
            text = f"{next(values) % 90 + 5}"
            await user.save_form("step", path, endpoint["field"], text, endpoint.get("button", ""))

        clients.append((cookies_of(record["as"]), save))
    return clients


def pages(stack: Topology, world: dict[str, Any], args: argparse.Namespace) -> None:
    """Each endpoint saturated in turn. A save runs three times: its form's GET alone, GET + POST pairs
    (a person's save as a browser makes it), and the POST alone (the form read once, then sent again
    with a fresh token and the next version). The POST's throughput is also derived from the first two
    (the stack is CPU-bound, so a pair's time is the GET's plus the POST's: ``1 / (1 / pairs − 1 /
    gets)``), to hold the measured figure against."""
    rows: list[tuple[str, float, float, float, int, float, int]] = []
    wanted = [name for name in world["endpoints"] if name == "trivial view" or _chosen(name, args.only)]
    for name in wanted:
        endpoint = world["endpoints"][name]
        if "records" in endpoint:
            rows.append(_saturated(stack, world, args, f"{name}: its form (GET)", endpoint, mode="form"))
        rows.append(_saturated(stack, world, args, name, endpoint))
        if "records" in endpoint:
            rows.append(_post_alone(name, rows[-2], rows[-1]))
            short = name.removesuffix(" (POST)")
            rows.append(
                _saturated(stack, world, args, f"{short}: POST alone (measured)", endpoint, mode="post")
            )
    trivial = rows[0][1]
    shape = f"{args.workers} workers × {args.threads} threads"
    print(f"\n{args.connections} connections × {args.seconds:.0f} s per endpoint, {shape}")
    heading = ("endpoint", "req/s", "of trivial", "p50 ms", "p95 ms", "CPU ms/req")
    print("{:44} {:>8} {:>10} {:>8} {:>8} {:>10} errors".format(*heading))
    for name, rate, p50, p95, errors, cpu, count in rows:
        per = 1000 * cpu / count if count else float("nan")
        print(f"{name:44} {rate:8.1f} {rate / trivial:9.1%} {p50:8.1f} {p95:8.1f} {per:10.1f} {errors}")


def _chosen(name: str, only: list[str]) -> bool:
    return not only or any(part.lower() in name.lower() for part in only)


def _saturated(
    stack: Topology,
    world: dict[str, Any],
    args: argparse.Namespace,
    name: str,
    endpoint: dict[str, Any],
    mode: str = "pair",
) -> tuple[str, float, float, float, int, float, int]:
    clients = endpoint_clients(endpoint, world, args.connections, mode)
    begun = time.monotonic()
    with CpuWatch(stack) as watch:
        tally = asyncio.run(saturate(stack.ports["nginx"], clients, args.seconds))
    took = time.monotonic() - begun
    before, after = watch.start, watch.latest
    cpu = cpu_of(before, after)["app"]
    count, p50, p95, errors = tally.summary("step")
    fewer = f" ({len(clients)} clients: one record each)" if len(clients) < args.connections else ""
    say(f"{name}: {count / took:.1f}/s, {errors} errors{fewer}; {cpu_shares(before, after, count or 1)}")
    report_causes(tally)
    return (name, count / took, p50, p95, errors, cpu, count)


def _post_alone(name: str, gets: tuple[Any, ...], pairs: tuple[Any, ...]) -> tuple[Any, ...]:
    """The POST's own row, derived from its form's GETs and the GET + POST pairs (see ``pages``)."""
    rate = 1 / (1 / pairs[1] - 1 / gets[1]) if pairs[1] and gets[1] and gets[1] > pairs[1] else float("nan")
    cpu_per_post = pairs[5] / pairs[6] - gets[5] / gets[6] if pairs[6] and gets[6] else float("nan")
    # p50/p95 of the POST alone: the pairs' timings are the POST's (client.save_form times the POST)
    return (
        f"{name.removesuffix(' (POST)')}: POST alone (derived)",
        rate,
        pairs[2],
        pairs[3],
        pairs[4],
        cpu_per_post,
        1,
    )


def report_causes(tally: Tally) -> None:
    """Every kind of error with how often it happened and one example, so an error is never bare."""
    for count, cause, example in tally.causes():
        print(f"  {count:6} × {cause}    e.g. {example}", flush=True)
    if tally.reopened:
        print(
            f"  ({tally.reopened} requests sent again on a fresh connection after the server had closed a "
            "kept-alive one, as browsers do; not errors)",
            flush=True,
        )


# ------------------------------------------------------------------------------------------- people


def person_step(person: dict[str, str], rng: random.Random) -> Step:
    names = [name for name, _ in DAY + DAY_EXTRA]
    weights = [weight for _, weight in DAY + DAY_EXTRA]
    paths = {
        "region page": person["region_page"],
        "initiatives list": person["initiatives"],
        "monitoring page": person["monitoring"],
        "landing": "/",
        "regions API": "/api/v1/regions",
    }

    async def step(user: User) -> None:
        name = rng.choices(names, weights)[0]
        if name == "KPI report save":
            await user.save_form(name, person["report"], "value", str(rng.randint(10, 90)), "save")
        else:
            await user.get(name, paths[name])

    return step


def people(stack: Topology, world: dict[str, Any], args: argparse.Namespace) -> None:
    rng = random.Random(args.seed)
    chosen = world["people"][: args.users]
    crowd = [({world["cookie"]: p["session"]}, person_step(p, rng)) for p in chosen]
    seconds = args.minutes * 60
    arrival = args.arrival or args.think
    say(
        f"{len(crowd)} people arriving within {arrival:.0f} s, thinking {args.think:.0f} s on average, "
        f"for {seconds:.0f} s"
    )
    begun = time.monotonic()
    with CpuWatch(stack) as watch:
        tally: Tally = asyncio.run(
            simulate(stack.ports["nginx"], crowd, args.think, seconds, args.seed, arrival)
        )
    took = time.monotonic() - begun
    before, after = watch.start, watch.latest
    total = sum(len(times) for times in tally.times.values())
    everything = sorted(t for times in tally.times.values() for t in times)
    p95_all = everything[max(0, round(0.95 * len(everything)) - 1)] if everything else float("nan")
    errors = len(tally.errors.get("failed", []))
    rate = total / took
    print(f"\n{len(crowd)} people × {took:.0f} s: {total} timed requests ({rate:.1f}/s), {errors} errors")
    print(f"{'step':22} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} errors")
    for name, _ in DAY + DAY_EXTRA:
        count, p50, p95, failed = tally.summary(name)
        print(f"{name:22} {count:7} {p50:8.1f} {p95:8.1f} {failed}")
    print(f"{'all':22} {total:7} {'':8} {p95_all:8.1f} {errors}")
    print(cpu_shares(before, after, total or 1), f"(over {took:.0f} s on {os.cpu_count()} cores)")
    windows = tally.p95_by_window(begun, 30)
    print("p95 ms by 30 s window:", ", ".join(f"{start:.0f}+ {p95:.0f} ({n})" for start, n, p95 in windows))
    first = [window for window in tally.p95_by_window(begun, 5) if window[0] < 30]
    print("the first 30 s by 5 s:", ", ".join(f"{start:.0f}+ {p95:.0f} ({n})" for start, n, p95 in first))
    report_causes(tally)


if __name__ == "__main__":
    sys.exit(main())

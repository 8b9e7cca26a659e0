"""Roadmap optimiser benchmark: certified gap at fixed time limits, and the gain over greedy.

For each size and seed it generates the instance (kotacerdas.core.roadmap.generate_instance),
runs the optimiser at each time limit, and prints one row per run:

* gap      - (bound - objective) / objective, certified by the solver's dual bound;
* vs best  - how far the objective is below the best schedule found for that instance
             in any run (an upper bound on the true distance is the gap);
* greedy   - the greedy baseline (benefit/cost order, earliest feasible start) below
             the best known, and the optimiser's gain over greedy;
* cpu      - CPU seconds the run got (up to 2 x wall on two free cores): on a shared
             machine this says how comparable the figures are.

An instance the optimiser proves infeasible (150 initiatives, seed 4: its mandatory initiatives
cannot all be scheduled) is printed as such and left out of the gap figures.

With --cpu-clock every clock of the optimiser is the CPU time of its own thread (see
cpu_clock.py): each run gets the ~2 x limit CPU-seconds of an idle 2-core machine however loaded
this one is, so run it under `nice -n 19` on a shared machine.

    .venv/bin/python bench/roadmap/bench.py                       # 50/150/300 x 10 s/60 s, seeds 0-2
    .venv/bin/python bench/roadmap/bench.py --sizes 300 --limits 10 --seeds 0
    nice -n 19 .venv/bin/python bench/roadmap/bench.py --cpu-clock --limits 10 --seeds 0 1 2 3 4
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import statistics
import time
from typing import Any

from kotacerdas.core.roadmap import check_schedule, generate_instance, optimise_roadmap


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    parser.add_argument("--limits", type=float, nargs="+", default=[10.0, 60.0])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2])
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--json", help="also write the rows to this file")
    parser.add_argument(
        "--cpu-clock", action="store_true", help="time limits on each thread's CPU time (an idle machine)"
    )
    args = parser.parse_args()
    if args.cpu_clock:
        import cpu_clock  # beside this script

        cpu_clock.install()
    clock = "per-thread CPU clock" if args.cpu_clock else "wall clock"
    machine = platform.processor() or platform.machine()
    print(f"# {machine}, {os.cpu_count()} cores, {clock}, load {os.getloadavg()}")
    rows: list[dict[str, Any]] = []
    for size in args.sizes:
        for seed in args.seeds:
            rows.extend(run_instance(size, args.years, seed, args.limits))
    print_summary(rows, args.limits)
    print(f"# load at the end {os.getloadavg()}")
    if args.json:
        with open(args.json, "w", encoding="utf-8") as handle:
            json.dump(rows, handle, indent=1)


def run_instance(size: int, years: int, seed: int, limits: list[float]) -> list[dict[str, Any]]:
    instance = generate_instance(size, years=years, seed=seed)
    rows: list[dict[str, Any]] = []
    for limit in limits:
        began, cpu_before = time.perf_counter(), _cpu_seconds()
        result = optimise_roadmap(instance, time_limit=limit, explain=False)
        wall, cpu = time.perf_counter() - began, _cpu_seconds() - cpu_before
        if result.status == "infeasible":
            print(f"n={size:4d} seed={seed} limit={limit:5.0f}s infeasible (proved; no gap) cpu={cpu:5.1f}s")
            continue
        assert check_schedule(instance, result.schedule) == [], (
            "the optimiser returned an infeasible schedule"
        )
        rows.append(
            {
                "size": size,
                "seed": seed,
                "limit": limit,
                "status": result.status,
                "objective": result.objective,
                "bound": result.bound,
                "gap": result.gap,
                "greedy": result.greedy_objective,
                "wall": wall,
                "cpu": cpu,
            }
        )
    if not rows:
        return rows
    best = max(row["objective"] for row in rows)
    for row in rows:
        row["best_known"] = best
        print(
            f"n={size:4d} seed={seed} limit={row['limit']:5.0f}s {row['status']:9s} "
            f"objective={row['objective']:10.2f} bound={row['bound']:10.2f} gap={100 * row['gap']:6.3f}% "
            f"vs best={100 * (best - row['objective']) / best:6.3f}% "
            f"greedy below best={100 * (best - row['greedy']) / best:5.2f}% "
            f"gain over greedy={100 * (row['objective'] / row['greedy'] - 1):5.2f}% wall={row['wall']:5.1f}s "
            f"cpu={row['cpu']:5.1f}s",
            flush=True,
        )
    return rows


def _cpu_seconds() -> float:
    """CPU time of this process (all threads): how much of the two cores the run really got."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def print_summary(rows: list[dict[str, Any]], limits: list[float]) -> None:
    print(
        "\n| initiatives | runs | "
        + " | ".join(f"gap at {limit:g} s (mean / max)" for limit in limits)
        + " | CPU-s per run (mean) | greedy below best known | optimiser gain over greedy |"
    )
    print("|---" * (len(limits) + 5) + "|")
    for size in sorted({row["size"] for row in rows}):
        mine = [row for row in rows if row["size"] == size]
        cells = []
        for limit in limits:
            gaps = [100 * row["gap"] for row in mine if row["limit"] == limit]
            cells.append(f"{statistics.mean(gaps):.2f} % / {max(gaps):.2f} %" if gaps else "-")
        cpu = statistics.mean(row["cpu"] for row in mine)
        below = [100 * (row["best_known"] - row["greedy"]) / row["best_known"] for row in mine]
        gain = [100 * (row["best_known"] / row["greedy"] - 1) for row in mine]
        print(
            f"| {size} | {len(mine)} | " + " | ".join(cells) + f" | {cpu:.1f} | "
            f"{min(below):.1f}-{max(below):.1f} % | {min(gain):.1f}-{max(gain):.1f} % |"
        )


if __name__ == "__main__":
    main()

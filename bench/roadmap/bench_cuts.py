"""Do the budget cover cuts (kotacerdas/core/roadmap/cuts.py) tighten the bound? Measured at fixed work.

    .venv/bin/python bench/roadmap/bench_cuts.py --sizes 50 150 300 --seeds 0 1 2 3 4 [--nodes 1]

For each seeded instance (``generate_instance(size, years=10, seed)``) it builds the time-indexed model
as the optimiser does, and the same model with cover cuts added, then compares

* the LP relaxation's value (the bound before any solver cuts), and
* HiGHS' dual bound after ``--nodes`` branch-and-bound nodes (1 = the root node with HiGHS' own cuts),
  one thread, seed 0, with a generous time limit so that the node limit is what stops it,

as a percentage of the best schedule either run found. A node limit instead of a time limit makes the
figures independent of how loaded the machine is (only the CPU seconds printed depend on it).
"""

from __future__ import annotations

import argparse
import os
import statistics
import time

from kotacerdas.core.roadmap import generate_instance
from kotacerdas.core.roadmap.cuts import add_cover_cuts
from kotacerdas.core.roadmap.ledger import start_windows
from kotacerdas.core.roadmap.model import TimeIndexedModel, build_model
from kotacerdas.core.roadmap.solver import load_model


def lp_value(model: TimeIndexedModel) -> float:
    highs = load_model(model, integer_columns=0)
    highs.setOptionValue("threads", 1)
    highs.run()
    return float(highs.getInfo().objective_function_value)


def after_nodes(model: TimeIndexedModel, nodes: int) -> tuple[float, float, float]:
    """(dual bound, best objective, CPU seconds) after ``nodes`` nodes."""
    highs = load_model(model)
    for name, value in (("threads", 1), ("mip_max_nodes", nodes), ("random_seed", 0)):
        highs.setOptionValue(name, value)
    highs.setOptionValue("mip_rel_gap", 1e-6)
    highs.setOptionValue("time_limit", 600.0)
    began = time.process_time()
    highs.run()
    info = highs.getInfo()
    return float(info.mip_dual_bound), float(info.objective_function_value), time.process_time() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[50, 150, 300])
    parser.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2, 3, 4])
    parser.add_argument("--nodes", type=int, default=1)
    args = parser.parse_args()
    print(f"# load average {os.getloadavg()}, HiGHS dual bound after {args.nodes} node(s)")
    for size in args.sizes:
        lp_gain, bound_gain = [], []
        for seed in args.seeds:
            instance = generate_instance(size, years=10, seed=seed)
            windows = start_windows(instance)
            schedulable = [i for i in instance.initiatives if windows[i.id]]
            plain, cut = (
                build_model(instance, windows, schedulable),
                build_model(instance, windows, schedulable),
            )
            added = add_cover_cuts(cut)
            lp_plain, lp_cut = lp_value(plain), lp_value(cut)
            bound_plain, found_plain, cpu_plain = after_nodes(plain, args.nodes)
            bound_cut, found_cut, cpu_cut = after_nodes(cut, args.nodes)
            best = max(found_plain, found_cut)
            lp_gain.append(100 * (lp_plain - lp_cut) / best)
            bound_gain.append(100 * (bound_plain - bound_cut) / best)
            print(
                f"n={size} seed={seed} cuts={added:4d}  LP bound {100 * (lp_plain / best - 1):6.3f} % -> "
                f"{100 * (lp_cut / best - 1):6.3f} %  "
                f"HiGHS bound {100 * (bound_plain / best - 1):6.3f} % -> "
                f"{100 * (bound_cut / best - 1):6.3f} % above the best found  "
                f"CPU {cpu_plain:5.1f} / {cpu_cut:5.1f} s",
                flush=True,
            )
        print(
            f"n={size}: LP bound lowered by {statistics.mean(lp_gain):.2f} % on average; "
            f"HiGHS bound lowered by {statistics.mean(bound_gain):.3f} % on average "
            f"(worst {min(bound_gain):.3f} %)",
            flush=True,
        )


if __name__ == "__main__":
    main()

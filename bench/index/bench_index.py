"""Benchmark of the composite-index engine: prints timings and peak memory.

Each scenario runs in its own Python process so its peak resident memory (ru_maxrss) is its own.

    .venv/bin/python bench/index/bench_index.py            # all scenarios
    .venv/bin/python bench/index/bench_index.py nominal_synth
"""

from __future__ import annotations

import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ASEM = ROOT / "kotacerdas" / "core" / "tests" / "data" / "index"
SYNTH = ROOT.parent / "shared" / "data" / "synthetic_514x120"  # ../shared/ beside the project

ASEM_RECIPE: dict[str, Any] = {
    "denominate": {"method": "denominate"},
    "impute": {"method": "i_mean_grp", "params": {"use_group": "EurAsia_group"}},
    "screen": {"method": "byNA", "params": {"dat_thresh": 0.9}},
    "treat": {"method": "winsorise", "params": {"winmax": 5}},
    "normalise": {"method": "n_minmax", "params": {"l_u": [1, 100]}},
    "aggregate": {"method": "a_amean"},
}
SYNTH_RECIPE: dict[str, Any] = {
    "impute": {"method": "i_mean"},
    "treat": {"method": "winsorise", "params": {"winmax": 5}},
    "normalise": {"method": "n_minmax", "params": {"l_u": [1, 100]}},
    "aggregate": {"method": "a_amean"},
}
# The uncertainty set: weights +-25 %, 2 normalisations, 3 aggregations.
UNCERTAINTY: dict[str, Any] = {
    "normalise": [
        {"method": "n_minmax", "params": {"l_u": [1, 100]}},
        {"method": "n_zscore", "params": {"m_sd": [10, 2]}},
    ],
    "aggregate": [{"method": "a_amean"}, {"method": "a_gmean"}, {"method": "a_hmean"}],
}


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _load(which: str) -> tuple[Any, Any]:
    from kotacerdas.core.index import load

    if which == "asem":
        return load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    return load(SYNTH / "synth_iData.csv", SYNTH / "synth_iMeta.csv")


def nominal(which: str, repeats: int = 20) -> dict[str, Any]:
    from kotacerdas.core.index import build, make_recipe

    framework, dataset = _load(which)
    recipe = make_recipe(ASEM_RECIPE if which == "asem" else SYNTH_RECIPE)
    build(framework, dataset, recipe)  # warm-up (imports, caches)
    times = []
    for _ in range(repeats):
        started = time.perf_counter()
        build(framework, dataset, recipe)
        times.append(time.perf_counter() - started)
    return {"median_s": statistics.median(times), "min_s": min(times), "peak_mb": _peak_mb()}


def uncertainty(which: str, n: int, noise_levels: list[int], sensitivity: bool = False) -> dict[str, Any]:
    from kotacerdas.core.index import make_recipe
    from kotacerdas.core.index.uncertainty import run_uncertainty

    framework, dataset = _load(which)
    spec = {**UNCERTAINTY, "weights": {"noise": dict.fromkeys(noise_levels, 0.25), "sets": n}}
    recipe = make_recipe({**(ASEM_RECIPE if which == "asem" else SYNTH_RECIPE), "uncertainty": spec})
    started = time.perf_counter()
    result = run_uncertainty(framework, dataset, recipe, n, seed=1, sensitivity=sensitivity)
    elapsed = time.perf_counter() - started
    return {
        "runs": int(result.ranks.shape[0]),
        "seconds": elapsed,
        "ms_per_run": 1000 * elapsed / result.ranks.shape[0],
        "failed_runs": result.failed_runs,
        "peak_mb": _peak_mb(),
    }


SCENARIOS = {
    "nominal_asem": lambda: nominal("asem"),
    "nominal_synth": lambda: nominal("synth"),
    "ua_asem_1000": lambda: uncertainty("asem", 1000, [2, 3]),
    "ua_synth_10000": lambda: uncertainty("synth", 10_000, [1, 2]),
    "sa_asem_1000": lambda: uncertainty("asem", 1000, [2, 3], sensitivity=True),
}


def main(argv: list[str]) -> int:
    if len(argv) == 2 and argv[1].startswith("--run="):
        print(json.dumps(SCENARIOS[argv[1][6:]]()))
        return 0
    names = argv[1:] or list(SCENARIOS)
    for name in names:
        completed = subprocess.run(
            [sys.executable, __file__, f"--run={name}"], capture_output=True, text=True, cwd=ROOT, check=False
        )
        if completed.returncode:
            print(f"{name}: FAILED\n{completed.stderr}")
            continue
        figures = json.loads(completed.stdout)
        print(
            f"{name:<16} "
            + "  ".join(f"{k}={v:.4g}" if isinstance(v, float) else f"{k}={v}" for k, v in figures.items())
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))

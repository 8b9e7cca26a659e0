"""Benchmark of the yearly evaluation: 514 regions, rank bands from N = 1,000 replications.

Prints wall times (each run in a fresh process, so imports and caches count), the machine's load and the
SHA-256 of the output rows, which must be equal across runs (same inputs, recipe and seed).

    .venv/bin/python bench/evaluation/bench_evaluation.py            # 3 runs, N = 1000
    .venv/bin/python bench/evaluation/bench_evaluation.py 5 2000     # 5 runs, N = 2000
"""

from __future__ import annotations

import hashlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SEED = 2027


def cohort() -> list[Any]:
    """The 514 kab/kota of the shipped region list with seeded part scores (two decimals, 1–4.8)."""
    import random
    from fractions import Fraction

    from kotacerdas.core.evaluation import PARTS, Entry
    from kotacerdas.core.regions import province_code_of
    from kotacerdas.regions.dataset import read_region_rows

    rng = random.Random(SEED)
    entries = []
    for row in read_region_rows():
        if province_code_of(row.code) is None:
            continue
        level = rng.uniform(1.5, 4.0)
        parts = {
            part: Fraction(round(min(4.8, max(1.0, rng.gauss(level, 0.5))), 2)).limit_denominator(100)
            for part in PARTS
        }
        previous = Fraction(round(level - rng.uniform(-0.3, 0.5), 2)).limit_denominator(100)
        entries.append(
            Entry(row.code, row.population or 0, parts, max(previous, Fraction(0)), rng.random() > 0.05)
        )
    return entries


def one_run(replications: int) -> dict[str, Any]:
    started = time.perf_counter()
    from kotacerdas.core.evaluation import default_uncertainty, evaluate
    from kotacerdas.core.instruments import load_instrument
    from kotacerdas.core.regions import load_size_scheme

    entries = cohort()
    ready = time.perf_counter()
    result = evaluate(
        entries,
        load_instrument("monev-2022"),
        load_size_scheme("pp26-2008"),
        default_uncertainty(replications, SEED),
    )
    done = time.perf_counter()
    rows = json.dumps(result.rows(), sort_keys=True).encode()
    bands = result.bands or {}
    return {
        "regions": len(entries),
        "ranked": len(result.ranking.ranked),
        "excluded": len(result.ranking.excluded),
        "robust": sum(band.robust for band in bands.values()),
        "setup_s": round(ready - started, 3),
        "evaluate_s": round(done - ready, 3),
        "total_s": round(done - started, 3),
        "rows_sha256": hashlib.sha256(rows).hexdigest(),
        "input_hash": result.input_hash,
    }


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(one_run(int(sys.argv[2]))))
        return
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    replications = int(sys.argv[2]) if len(sys.argv) > 2 else 1000
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    results = []
    for _ in range(runs):
        wall = time.perf_counter()
        out = subprocess.run(
            [sys.executable, __file__, "--child", str(replications)],
            env=env,
            capture_output=True,
            text=True,
            check=True,
        )
        result = json.loads(out.stdout)
        result["process_s"] = round(time.perf_counter() - wall, 3)
        results.append(result)
        print(json.dumps(result))
    load1, load5, _ = os.getloadavg()
    summary = {
        "replications": replications,
        "cpus": os.cpu_count(),
        "load_1min": round(load1, 2),
        "load_5min": round(load5, 2),
        "evaluate_s_median": statistics.median(r["evaluate_s"] for r in results),
        "process_s_max": max(r["process_s"] for r in results),
        "identical_output": len({r["rows_sha256"] for r in results}) == 1,
    }
    print(json.dumps(summary))


if __name__ == "__main__":
    main()

"""`kotacerdas index`: build a composite index from COINr-style files, and analyse its uncertainty.

Only the pure core is imported (no Django), so the command starts fast and needs no database.
"""

from __future__ import annotations

import argparse
import csv
import json
import math
import sys
import time
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kotacerdas.cli import CommandError

if TYPE_CHECKING:
    from kotacerdas.core.index.uncertainty import UncertaintyResult

# The engine (numpy, yaml) is imported inside the commands: every `kotacerdas` invocation builds
# this parser, and the other commands should not pay for loading it.


def _cell(value: Any) -> str:
    """Numbers as the shortest text that reads back to the same float; missing as an empty cell;
    text (unit codes, group names) through ``csv_text`` so a spreadsheet never runs it as a formula."""
    from kotacerdas.core.spreadsheet import csv_text

    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, str):
        return str(csv_text(value))
    return str(value)


def _write_csv(path: Path, header: Sequence[str], rows: Iterable[Sequence[Any]]) -> None:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for row in rows:
            writer.writerow([_cell(v) for v in row])


def _out_dir(path: str) -> Path:
    out = Path(path)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create output folder {out}: {exc.strerror}") from None
    return out


def run_build(args: argparse.Namespace) -> int:
    from kotacerdas.core.index import CompositeIndexError, build, load, load_recipe
    from kotacerdas.core.index.inputs import input_hash
    from kotacerdas.core.index.recipe import dump_recipe

    out = _out_dir(args.out)
    try:
        framework, dataset = load(args.data, args.meta, args.time)
        recipe = load_recipe(args.recipe)
        result = build(framework, dataset, recipe, input_hash(args.data, args.meta))
    except CompositeIndexError as exc:
        raise CommandError(str(exc)) from None
    header = ["uCode", *result.codes]
    _write_csv(
        out / "scores.csv",
        header,
        ([u, *row] for u, row in zip(result.units, result.scores.tolist(), strict=True)),
    )
    _write_csv(
        out / "ranks.csv",
        header,
        ([u, *row] for u, row in zip(result.units, result.ranks.tolist(), strict=True)),
    )
    if args.rank_by:
        _write_group_ranks(out, result, dataset, args.rank_by)
    (out / "recipe.json").write_text(dump_recipe(recipe) + "\n", encoding="utf-8")
    provenance = {
        "input_sha256": result.input_hash,
        "removed_units": list(result.prepared.screening.removed_units) if result.prepared.screening else [],
        "treated_points": (
            result.prepared.treatment.treated_points(result.units) if result.prepared.treatment else {}
        ),
    }
    (out / "provenance.json").write_text(json.dumps(provenance, indent=2) + "\n", encoding="utf-8")
    top = framework.levels[-1][0]
    print(f"built {len(result.codes)} scores for {len(result.units)} units; top code '{top}'; wrote {out}")
    return 0


def _write_group_ranks(out: Path, result: Any, dataset: Any, group: str) -> None:
    """ranks_by_<group>.csv: every column ranked within the unit's group (e.g. a size class)."""
    from kotacerdas.core.index.ranks import rank_within_groups

    if group not in dataset.groups:
        raise CommandError(f"--rank-by: '{group}' is not a Group column of iData/iMeta")
    labels = dict(zip(dataset.units, dataset.groups[group], strict=True))
    kept = tuple(labels[u] for u in result.units)
    ranks = rank_within_groups(result.scores, kept)
    header = ["uCode", group, *result.codes]
    rows = ([u, g or "", *row] for u, g, row in zip(result.units, kept, ranks.tolist(), strict=True))
    _write_csv(out / f"ranks_by_{group}.csv", header, rows)


def _write_uncertainty(out: Path, result: UncertaintyResult) -> None:
    stats = result.rank_statistics()
    columns = ["uCode", "nominal", "median", "q05", "q95", "mean"]
    _write_csv(out / "rank_stats.csv", columns, ([s[c] for c in columns] for s in stats))
    if result.sensitivity is not None:
        s = result.sensitivity
        rows = [[inp.name, float(s.first_order[k]), float(s.total[k])] for k, inp in enumerate(result.inputs)]
        _write_csv(out / "sensitivity.csv", ["input", "Si", "STi"], rows)


def run_uncertainty_command(args: argparse.Namespace) -> int:
    from kotacerdas.core.index import CompositeIndexError, load, load_recipe
    from kotacerdas.core.index.recipe import dump_recipe
    from kotacerdas.core.index.uncertainty import run_uncertainty

    out = _out_dir(args.out)
    try:
        framework, dataset = load(args.data, args.meta, args.time)
        recipe = load_recipe(args.recipe)
        started = time.perf_counter()
        result = run_uncertainty(
            framework, dataset, recipe, args.n, seed=args.seed, sensitivity=args.sensitivity
        )
        elapsed = time.perf_counter() - started
    except CompositeIndexError as exc:
        raise CommandError(str(exc)) from None
    _write_uncertainty(out, result)
    (out / "recipe.json").write_text(dump_recipe(recipe) + "\n", encoding="utf-8")
    runs = result.ranks.shape[0]
    print(
        f"{runs} runs over {len(result.inputs)} uncertain input(s) in {elapsed:.2f} s "
        f"({result.failed_runs} failed); wrote {out}"
    )
    indices = result.sensitivity
    if indices is not None:
        for k, inp in enumerate(result.inputs):
            print(f"  {inp.name:<10} Si={indices.first_order[k]:.3f} STi={indices.total[k]:.3f}")
    return 0


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("data", help="iData: CSV (or .xlsx) with uCode and one column per indicator")
    parser.add_argument(
        "meta", help="iMeta: CSV (or .xlsx) with iCode, Level, Parent, Direction, Weight, Type"
    )
    parser.add_argument(
        "--recipe", help="YAML or JSON recipe (steps with COINr method names); default: all defaults"
    )
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--time", help="panel data: use only the rows whose Time column equals this value")


def register(subparsers: Any) -> None:
    index = subparsers.add_parser(
        "index", help="composite index: build (COINr methods) and uncertainty analysis"
    )
    commands = index.add_subparsers(dest="index_command", metavar="SUBCOMMAND")
    index.set_defaults(func=lambda args: (index.print_help(sys.stdout), 0)[1])

    build_parser = commands.add_parser("build", help="write scores.csv, ranks.csv and recipe.json")
    _add_inputs(build_parser)
    build_parser.add_argument(
        "--rank-by", metavar="GROUP", help="also rank within each group of this Group column"
    )
    build_parser.set_defaults(func=run_build)

    ua = commands.add_parser("uncertainty", help="Monte Carlo rank intervals (and Sobol indices)")
    _add_inputs(ua)
    ua.add_argument("--n", type=int, default=1000, help="replications (base sample size with --sensitivity)")
    ua.add_argument("--seed", type=int, default=None, help="random seed, for reproducible output")
    ua.add_argument(
        "--sensitivity", action="store_true", help="Saltelli design and first/total Sobol indices"
    )
    ua.add_argument(
        "--nboot", type=int, default=0, help="bootstrap resamples for 5-95%% intervals of Sobol indices"
    )
    ua.set_defaults(func=run_uncertainty_command)

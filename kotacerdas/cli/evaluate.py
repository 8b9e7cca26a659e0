"""`kotacerdas evaluate RESULTS.csv`: totals, ranks and rank bands of a yearly evaluation (monev).

For analysts and for re-checking published results. Only the pure core and the shipped region list
are read (no Django, no database). Every row is checked before anything is computed; a bad file
exits with status 2, one line per offending row, and writes nothing.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from kotacerdas.cli import CommandError

if TYPE_CHECKING:
    from kotacerdas.core.evaluation import EvaluationResult
    from kotacerdas.core.instruments import Instrument
    from kotacerdas.core.regions import SizeClassScheme

DEFAULT_SEED = 0


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "evaluate",
        help="rank a yearly evaluation (monev): totals, improvement, ranks, rank bands",
        description=(
            "Read RESULTS.csv (region_code,population,baseline,output,outcome,impact,quick_win and "
            "optionally previous_total,verified), compute each region's exact total with the instrument's "
            "weights, and rank the verified regions nationally, per province (first two digits of the code) "
            "and per size class. Writes DIR/ranks.csv and DIR/recipe.json (with --uncertainty also "
            "DIR/bands.csv). See docs/reference/cli-evaluate.md."
        ),
    )
    parser.add_argument("results", metavar="RESULTS.csv", help="one row per region; '-' reads standard input")
    parser.add_argument("--instrument", required=True, help="monev instrument id (monev-2022) or YAML path")
    parser.add_argument(
        "--scheme", required=True, help="size-class scheme id (pp26-2008, rkci-2017) or YAML path"
    )
    parser.add_argument("--out", required=True, metavar="DIR", help="output folder (created if missing)")
    parser.add_argument(
        "--uncertainty", type=int, metavar="N", help="also compute rank bands from N replications (N >= 2)"
    )
    parser.add_argument(
        "--seed",
        type=int,
        default=DEFAULT_SEED,
        metavar="S",
        help=f"random seed of the bands (default {DEFAULT_SEED})",
    )
    parser.set_defaults(func=run_evaluate)


def run_evaluate(args: argparse.Namespace) -> int:
    from kotacerdas.core.evaluation import EntriesError, default_uncertainty, evaluate, read_results_csv

    if args.uncertainty is not None and args.uncertainty < 2:
        raise CommandError(f"--uncertainty must be at least 2, got {args.uncertainty}")
    instrument = _instrument(args.instrument)
    scheme = _scheme(args.scheme)
    text = _read(args.results)
    try:
        entries = read_results_csv(text, _known_region_codes())
    except EntriesError as exc:
        count = len(exc.problems)
        heading = f"{args.results}: {count} row{'s' if count != 1 else ''} refused, nothing written"
        raise CommandError(
            "\n".join([heading, *(f"  {problem.line()}" for problem in exc.problems)])
        ) from None
    uncertainty = None if args.uncertainty is None else default_uncertainty(args.uncertainty, args.seed)
    try:
        result = evaluate(entries, instrument, scheme, uncertainty)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    out = _out_dir(args.out)
    _write(out, result)
    _summary(out, result)
    return 0


def _instrument(name: str) -> Instrument:
    from kotacerdas.core.evaluation.ranking import check_monev_instrument
    from kotacerdas.core.instruments import InstrumentError, load_instrument

    try:
        instrument = load_instrument(name)
    except InstrumentError as exc:
        raise CommandError(
            f"{name}: not a usable instrument\n" + "\n".join(f"  {p}" for p in exc.problems)
        ) from None
    try:
        check_monev_instrument(instrument)
    except ValueError as exc:
        raise CommandError(str(exc)) from None
    return instrument


def _scheme(name: str) -> SizeClassScheme:
    import yaml

    from kotacerdas.core.regions import SizeSchemeError, load_size_scheme, read_size_scheme

    try:
        if name.endswith((".yaml", ".yml")):
            return read_size_scheme(Path(name).read_text(encoding="utf-8"))
        return load_size_scheme(name)
    except SizeSchemeError as exc:
        count = len(exc.problems)
        heading = f"--scheme {name}: {count} problem{'s' if count != 1 else ''}, nothing written"
        raise CommandError("\n".join([heading, *(f"  {problem}" for problem in exc.problems)])) from None
    except (OSError, ValueError, yaml.YAMLError) as exc:
        raise CommandError(f"--scheme {name}: {exc}") from None


def _read(path: str) -> str:
    try:
        return sys.stdin.read() if path == "-" else Path(path).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"{path}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read the file ({exc})") from None


def _known_region_codes() -> set[str]:
    """The 514 kabupaten/kota of the shipped region list (Kepmendagri 300.2.2-2138/2025)."""
    from kotacerdas.core.regions import province_code_of
    from kotacerdas.regions.dataset import read_region_rows

    return {row.code for row in read_region_rows() if province_code_of(row.code) is not None}


def _out_dir(path: str) -> Path:
    out = Path(path)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise CommandError(f"cannot create output folder {out}: {exc.strerror}") from None
    return out


def _write(out: Path, result: EvaluationResult) -> None:
    from kotacerdas.core.evaluation.evaluate import RANK_TEXT_COLUMNS, quantile_text
    from kotacerdas.core.spreadsheet import csv_text

    # text through csv_text, so a spreadsheet never runs it; the numbers stay numbers ("-0.23")
    with (out / "ranks.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(result.columns()))
        writer.writeheader()
        writer.writerows(
            {k: csv_text(v) if k in RANK_TEXT_COLUMNS else v for k, v in row.items()} for row in result.rows()
        )
    if result.bands is not None:
        with (out / "bands.csv").open("w", newline="", encoding="utf-8") as handle:
            rows = csv.writer(handle)
            rows.writerow(["region_code", "size_class", "rank_in_class", "q05", "median", "q95", "robust"])
            for item in result.ranking.ranked:
                band = result.bands[item.region_code]
                robust = str(band.robust).lower()
                rows.writerow(
                    [
                        csv_text(item.region_code),
                        csv_text(item.size_class),
                        band.nominal,
                        *map(quantile_text, (band.q05, band.median, band.q95)),
                        robust,
                    ]
                )
    (out / "recipe.json").write_text(
        json.dumps(result.recipe(), indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
    )


def _summary(out: Path, result: EvaluationResult) -> None:
    excluded = [item.region_code for item in result.ranking.excluded]
    print(f"ranked {len(result.ranking.ranked)} regions with {result.instrument.id} ({result.scheme['id']})")
    if excluded:
        print(f"excluded (not verified): {', '.join(excluded)}")
    print(f"input sha256: {result.input_hash}")
    print(
        f"wrote {out / 'ranks.csv'}, {out / 'recipe.json'}"
        + (f", {out / 'bands.csv'}" if result.bands else "")
    )

"""`kotacerdas score INSTRUMENT ANSWERS.csv`: score answers against an instrument, print JSON.

ANSWERS.csv has the header ``indicator,value`` (one region) or
``region,indicator,value`` (many). Every problem in the file is reported with
its row, and the exit status is 2; the pure core does all the work.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kotacerdas.cli import CommandError
from kotacerdas.core.instruments import (
    AnswerRow,
    AnswersError,
    Instrument,
    InstrumentError,
    Problem,
    available_instruments,
    collect_answers,
    load_instrument,
    read_answer_rows,
    rows_by_region,
    score,
)


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "score",
        help="score answers (CSV) against an instrument and print JSON",
        description=(
            "Score ANSWERS (CSV with header 'indicator,value' or 'region,indicator,value') against "
            "INSTRUMENT, an instrument id such as spbe-2020 or the path of an instrument YAML file. "
            f"Shipped instruments: {', '.join(available_instruments())} "
            "(framework skeletons such as giffinger-2007 have nothing to score)."
        ),
    )
    parser.add_argument(
        "instrument", metavar="INSTRUMENT", help="instrument id (e.g. spbe-2020) or YAML path"
    )
    parser.add_argument("answers", metavar="ANSWERS.csv", help="answers file; '-' reads standard input")
    parser.add_argument(
        "--full", action="store_true", help="print the full result (nodes, gaps, radar, recipe)"
    )
    parser.add_argument(
        "--target", metavar="LEVEL", help="target for every indicator, to report gaps (with --full)"
    )
    parser.set_defaults(func=run_score)


def run_score(args: argparse.Namespace) -> int:
    instrument = _load(args.instrument)
    rows = _read_rows(args.answers)
    regions = rows_by_region(rows)
    results = [
        _score_region(instrument, region, region_rows, args) for region, region_rows in regions.items()
    ]
    problems = [problem for outcome in results if isinstance(outcome, list) for problem in outcome]
    if problems:
        raise CommandError(_describe(args.answers, problems))
    documents = [outcome for outcome in results if isinstance(outcome, dict)]
    batch = any(row.region is not None for row in rows)
    print(json.dumps(documents if batch else documents[0], indent=2, ensure_ascii=False))
    return 0


def _load(instrument_id: str) -> Instrument:
    try:
        instrument = load_instrument(instrument_id)
    except InstrumentError as exc:
        raise CommandError(_describe(instrument_id, exc.problems)) from None
    if not instrument.is_scoring:
        raise CommandError(f"{instrument_id}: a framework skeleton, it has no indicators to score")
    return instrument


def _read_rows(answers: str) -> list[AnswerRow]:
    try:
        text = sys.stdin.read() if answers == "-" else Path(answers).read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise CommandError(f"{answers}: file not found") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{answers}: cannot read the file ({exc})") from None
    try:
        return read_answer_rows(text)
    except AnswersError as exc:
        raise CommandError(_describe(answers, exc.problems)) from None


def _score_region(
    instrument: Instrument, region: str | None, rows: list[AnswerRow], args: argparse.Namespace
) -> dict[str, Any] | list[Problem]:
    """The JSON document of one region, or the problems that prevent it."""
    answers, problems = collect_answers(instrument, rows)
    try:
        result = score(instrument, answers, default_target=args.target)
    except AnswersError as exc:
        given = {row.indicator.strip() for row in rows}  # a refused row is reported once, not also as missing
        problems += [problem for problem in exc.problems if problem.params.get("indicator") not in given]
    if problems:
        return [_with_region(problem, region) for problem in problems]
    document = result.to_dict() if args.full else result.summary()
    return document if region is None else {"region": region, **document}


def _with_region(problem: Problem, region: str | None) -> Problem:
    """Missing answers have no row; name the region so a batch file's user knows where to look."""
    if region is None or problem.path.startswith("region"):
        return problem
    path = f"region {region}" + (f", {problem.path}" if problem.path else "")
    return Problem(problem.code, path, problem.row, problem.params)


def _describe(source: str, problems: tuple[Problem, ...] | list[Problem]) -> str:
    count = len(problems)
    heading = f"{source}: {count} problem{'s' if count != 1 else ''}"
    return "\n".join([heading, *(f"  {problem}" for problem in problems)])

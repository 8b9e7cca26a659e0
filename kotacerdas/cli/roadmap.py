"""`kotacerdas roadmap INSTANCE.json`: choose initiatives and start years under budgets and capacity.

Reads a roadmap/v1 instance (docs/reference/roadmap-format.md) and prints JSON:
status (optimal / feasible / infeasible / unknown), objective, the solver's
certified bound and gap, the schedule (initiative -> 0-based start index), and
for every deferred or dropped initiative the constraints that bound it.

Exit status: 0 when a schedule is printed, 1 when the instance is infeasible
or no schedule was found in time (the JSON still says why), 2 for bad input.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from kotacerdas.cli import CommandError
from kotacerdas.core import roadmap


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "roadmap",
        help="optimise a masterplan roadmap (roadmap/v1 JSON) under budgets, OPD capacity and dependencies",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "instance_file", metavar="INSTANCE.json", type=Path, help="the instance file (roadmap/v1, see above)"
    )
    parser.add_argument(
        "--time-limit",
        type=positive_seconds,
        default=roadmap.DEFAULT_TIME_LIMIT,
        metavar="SECONDS",
        help=f"solver time limit (default {roadmap.DEFAULT_TIME_LIMIT:g})",
    )
    parser.add_argument("--seed", type=int, default=0, help="solver random seed (default 0)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    instance = load_instance(args.instance_file)
    result = roadmap.optimise_roadmap(instance, time_limit=args.time_limit, seed=args.seed)
    print(json.dumps(result.as_dict(instance), indent=2))
    return 0 if result.schedule or result.status in ("optimal", "feasible") else 1


def load_instance(path: Path) -> roadmap.RoadmapInstance:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    try:
        return roadmap.parse_instance(document)
    except roadmap.RoadmapFormatError as exc:
        raise CommandError(f"{path}: {exc}") from None


def positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 < value <= 24 * 3600:
        raise argparse.ArgumentTypeError("the time limit must be between 0 and 86400 seconds")
    return value

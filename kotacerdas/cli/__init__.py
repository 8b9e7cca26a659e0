"""The ``kotacerdas`` console command.

Each subcommand lives in its own module of this package and exposes
``register(subparsers)``; the module sets ``func`` on its parser. Analyst
commands (score, index, ahp, roadmap) only import the pure core, so they start
fast and need no database; the others set up Django first.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from kotacerdas.envconfig import ConfigError

SUBCOMMAND_MODULES = [
    "kotacerdas.cli.app",
    "kotacerdas.cli.score",
    "kotacerdas.cli.index",
    "kotacerdas.cli.evaluate",
    "kotacerdas.cli.ahp",
    "kotacerdas.cli.roadmap",
    "kotacerdas.cli.books",
]


class CommandError(Exception):
    """A user-facing failure: printed without a traceback, exit status 2."""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kotacerdas",
        description="kotacerdas: Smart City masterplan platform. Run the app, manage it, and score data.",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in SUBCOMMAND_MODULES:
        importlib.import_module(module_name).register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 0
    try:
        return int(args.func(args) or 0)
    except CommandError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except ConfigError as exc:  # a misconfigured deployment: say what to set, without a stack trace
        print(f"configuration error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())

"""`kotacerdas ahp MATRIX.json`: criteria weights and consistency from pairwise comparisons.

MATRIX.json is {"labels": [...], "matrix": [[...], ...]} for one expert or
{"labels": [...], "matrices": [[[...]], ...], "expert_weights": [...]} for a
group (aggregated by the element-wise geometric mean). Cells are numbers or
fraction strings such as "1/3". The result is printed as JSON; when the
consistency ratio is 0.10 or more a warning naming the worst judgements also
goes to standard error.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from kotacerdas.cli import CommandError
from kotacerdas.core import ahp


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "ahp",
        help="AHP priorities, lambda_max, CI and CR from a pairwise comparison matrix (JSON)",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "matrix_file", metavar="MATRIX.json", type=Path, help="the pairwise comparisons (above)"
    )
    parser.add_argument(
        "--method", choices=ahp.METHODS, default="eigen", help="priority method (default: eigen)"
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    document = read_json_object(args.matrix_file)
    try:
        matrix, experts = matrix_from_document(document)
        result = ahp.analyse(matrix, args.method)
    except ahp.AhpError as exc:
        raise CommandError(f"{args.matrix_file}: {exc}") from None
    print(json.dumps(result_to_json(result, experts), indent=2))
    warning = result.warning()
    if warning:
        print(f"warning: {warning}", file=sys.stderr)
    return 0


def read_json_object(path: Path) -> dict[str, Any]:
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CommandError(f"{path}: no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise CommandError(f"{path}: cannot read: {exc}") from None
    except json.JSONDecodeError as exc:
        raise CommandError(f"{path}: invalid JSON at line {exc.lineno}: {exc.msg}") from None
    if not isinstance(document, dict):
        raise CommandError(f"{path}: expected a JSON object")
    return document


def matrix_from_document(document: dict[str, Any]) -> tuple[ahp.PairwiseMatrix, int]:
    """The (possibly aggregated) matrix and the number of experts behind it."""
    labels = document.get("labels")
    if not isinstance(labels, list):
        raise ahp.AhpError('"labels" must be a list of criterion names')
    if ("matrix" in document) == ("matrices" in document):
        raise ahp.AhpError('give exactly one of "matrix" (one expert) or "matrices" (a group)')
    if "matrix" in document:
        return ahp.pairwise_matrix(labels, _rows(document["matrix"], '"matrix"')), 1
    matrices = document["matrices"]
    if not isinstance(matrices, list) or not matrices:
        raise ahp.AhpError('"matrices" must be a non-empty list of matrices')
    parsed = []
    for index, rows in enumerate(matrices):
        try:
            parsed.append(ahp.pairwise_matrix(labels, _rows(rows, f"matrix {index + 1}")))
        except ahp.AhpError as exc:
            raise ahp.AhpError(f"matrices[{index}]: {exc}") from None
    return ahp.aggregate_judgements(parsed, document.get("expert_weights")), len(parsed)


def result_to_json(result: ahp.AhpResult, experts: int) -> dict[str, Any]:
    return {
        "labels": list(result.labels),
        "priorities": [round(p, 6) for p in result.priorities],
        "lambda_max": round(result.lambda_max, 6),
        "CI": round(result.consistency_index, 6),
        "CR": round(result.consistency_ratio, 6),
        "RI": result.random_index,
        "method": result.method,
        "experts": experts,
        "consistent": result.is_consistent,
        "warning": result.warning(),
        "most_inconsistent": [
            {
                "row": j.row,
                "column": j.column,
                "given": round(j.given, 6),
                "consistent_value": round(j.implied, 6),
            }
            for j in result.most_inconsistent()
        ],
    }


def _rows(value: object, where: str) -> list[Any]:
    if not isinstance(value, list):
        raise ahp.AhpError(f"{where} must be a list of rows")
    return value

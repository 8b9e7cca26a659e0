"""An index run's results as table rows (page, API) and as an XLSX workbook (core/spreadsheet.py)."""

from __future__ import annotations

import io
import json
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kotacerdas.core.spreadsheet import append_row
from kotacerdas.evaluation.index_models import IndexRun
from kotacerdas.evaluation.index_recipe import document


def result_rows(results: Mapping[str, Any]) -> list[dict[str, Any]]:
    """Per unit, best first: the target's score and rank, and the rank's 5 %, median and 95 %."""
    if not results.get("units"):
        return []
    column = results["codes"].index(results["target"])
    stats = {s["uCode"]: s for s in results.get("rank_stats") or []}
    rows = []
    for i, unit in enumerate(results["units"]):
        band = stats.get(unit, {})
        rows.append(
            {
                "code": unit,
                "name": results["names"][i],
                "score": results["scores"][i][column],
                "rank": results["ranks"][i][column],
                "q05": band.get("q05"),
                "median": band.get("median"),
                "q95": band.get("q95"),
            }
        )
    return sorted(rows, key=lambda r: (r["rank"] is None, r["rank"] or 0, r["code"]))


def results_xlsx(run: IndexRun) -> bytes:
    results = run.results
    book = Workbook()
    sheet = book.active
    sheet.title = _("Ranks")
    append_row(sheet, ["uCode", "uName", results["target"], _("Rank"), "q05", "median", "q95"])
    for row in result_rows(results):
        append_row(sheet, [row[k] for k in ("code", "name", "score", "rank", "q05", "median", "q95")])
    for title, key in ((_("Scores"), "scores"), (_("All ranks"), "ranks")):
        table = book.create_sheet(title)
        append_row(table, ["uCode", *results["codes"]])
        for unit, values in zip(results["units"], results[key], strict=True):
            append_row(table, [unit, *values])
    if results.get("sensitivity"):
        sobol = book.create_sheet(_("Sensitivity"))
        append_row(sobol, ["input", "Si", "STi"])
        for entry in results["sensitivity"]:
            append_row(sobol, [entry["input"], entry["first_order"], entry["total"]])
    about = book.create_sheet(_("Recipe"))
    facts = [
        (_("Title"), run.title),
        (_("Input hash (SHA-256)"), run.input_hash),
        (_("Result hash (SHA-256)"), run.result_hash),
        (_("Recipe"), json.dumps(document(run.recipe), ensure_ascii=False)),
        (_("Analysis"), json.dumps(run.recipe.get("analysis", {}))),
    ]
    for label, value in facts:
        append_row(about, [label, value])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

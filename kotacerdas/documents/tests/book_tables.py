"""Read Buku II's yearly budget table and schedule table back from its DOCX, to hold them against the
plan of record's API document (``PlanOfRecord.as_document()``)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from docx import Document


def _cells(row: Any) -> list[str]:
    return [cell.text.strip() for cell in row.cells]


def _rupiah(text: str) -> int:
    digits = re.sub(r"\D", "", text)
    return int(digits) if digits else 0


def _table(path: Path, first: str, last: str) -> Any:
    for table in Document(str(path)).tables:
        header = _cells(table.rows[0])
        if header and header[0] == first and header[-1] == last:
            return table
    raise AssertionError(f"no table with the header {first} … {last} in {path.name}")


def budget_totals(path: Path) -> dict[int, int]:
    """Tabel "Rencana anggaran per tahun dan sumber pendanaan": year → the Jumlah column."""
    rows = [_cells(row) for row in _table(path, "Tahun", "Jumlah").rows[1:]]
    return {int(row[0]): _rupiah(row[-1]) for row in rows if row[0].isdigit()}


def schedule(path: Path) -> dict[str, tuple[int, int]]:
    """Tabel "Jadwal inisiatif": code → (first year, last year)."""
    found = {}
    for row in _table(path, "Kode", "Jangka").rows[1:]:
        code, period = _cells(row)[0], _cells(row)[3]
        years = [int(y) for y in re.findall(r"\d{4}", period)]
        found[code] = (years[0], years[-1])
    return found


def document_totals(document: dict[str, Any]) -> dict[int, int]:
    totals: dict[int, int] = {}
    for initiative in document["initiatives"]:
        for year, amount in initiative["cost"].items():
            totals[int(year)] = totals.get(int(year), 0) + amount
    return totals


def document_schedule(document: dict[str, Any]) -> dict[str, tuple[int, int]]:
    return {i["code"]: (i["start_year"], i["end_year"]) for i in document["initiatives"]}


def masterplan_docx(folder: Path) -> Path:
    """Buku II (the masterplan book) among the written files."""
    found = [p for p in folder.rglob("*.docx") if "II" in p.name or "masterplan" in p.name.lower()]
    found = [p for p in found if "III" not in p.name] or found
    assert found, f"no Buku II in {sorted(p.name for p in folder.rglob('*'))}"
    return found[0]

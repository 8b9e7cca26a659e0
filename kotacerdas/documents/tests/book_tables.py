"""Read the books' tables back from their DOCX (Buku II's initiatives, yearly budget and schedule, Buku
III's summary), to hold them against the plan of record (``PlanOfRecord``, its API document) and against
each other."""

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


def _tables(path: Path, first: str, last: str) -> list[Any]:
    found = []
    for table in Document(str(path)).tables:
        header = _cells(table.rows[0])
        if header and header[0] == first and header[-1] == last:
            found.append(table)
    return found


def _table(path: Path, first: str, last: str) -> Any:
    found = _tables(path, first, last)
    assert found, f"no table with the header {first} … {last} in {path.name}"
    return found[0]


def initiative_rows(path: Path) -> list[list[str]]:
    """Buku II's tables "Inisiatif dimensi …" (Kode … Anggaran), every row but the headers."""
    return [_cells(row) for table in _tables(path, "Kode", "Anggaran") for row in table.rows[1:]]


def summary_rows(path: Path) -> dict[str, tuple[int, int]]:
    """Buku III's table "Jumlah inisiatif dan anggaran per dimensi": dimension (or Jumlah) → (count, Rp)."""
    rows = [_cells(row) for row in _table(path, "Dimensi", "Anggaran").rows[1:]]
    return {row[0]: (_rupiah(row[1]), _rupiah(row[2])) for row in rows}


def amount(text: str) -> int:
    """Rp1.234.000 → 1234000; "–" → 0."""
    return _rupiah(text)


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


def book_docx(folder: Path, number: str) -> Path:
    """The book numbered ``number`` (I, II, III …) among the written files."""
    found = sorted(p for p in folder.rglob(f"Buku-{number}-*.docx"))
    assert found, f"no Buku {number} in {sorted(p.name for p in folder.rglob('*'))}"
    return found[0]


def masterplan_docx(folder: Path) -> Path:
    """Buku II (the masterplan book) among the written files."""
    found = [p for p in folder.rglob("*.docx") if "II" in p.name or "masterplan" in p.name.lower()]
    found = [p for p in found if "III" not in p.name] or found
    assert found, f"no Buku II in {sorted(p.name for p in folder.rglob('*'))}"
    return found[0]

"""Reading pages as a person reads them, and the shared world's approvals, for the tests that hold the
outputs of one fact against each other (tests/test_the_parts_agree*.py)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any


def text(html: str) -> str:
    """A page's words, tags removed and blanks collapsed, as a reader sees them."""
    import html as entities
    import re

    body = re.sub(r"(?s)<(script|style)\b.*?</\1>", " ", html)
    return re.sub(r"\s+", " ", entities.unescape(re.sub(r"<[^>]+>", " ", body))).strip()


def table_rows(html: str) -> list[list[str]]:
    """Every table row of a page as the text of its cells."""
    import re

    return [
        [text(cell) for cell in re.findall(r"(?s)<t[dh]\b[^>]*>(.*?)</t[dh]>", row)]
        for row in re.findall(r"(?s)<tr\b[^>]*>(.*?)</tr>", html)
    ]


def table_row(html: str, first_cell: str) -> list[str]:
    """The cells (as text) of the first table row whose first cell reads ``first_cell``."""
    found = next((cells for cells in table_rows(html) if cells and cells[0] == first_cell), None)
    assert found is not None, f"no row starting with {first_cell!r}"
    return found


EVALUATED = 2027  # a cycle of the test's own, after the world's open 2026 and published 2025
SLEMAN_PARTS = {"baseline": "4", "output": "3.5", "outcome": "2", "impact": "1.5", "quick_win": "5"}


def percent(shown: str) -> Decimal:
    """A percentage as a page shows it ("50,0%")."""
    return Decimal(shown.rstrip("%").replace(",", "."))


def approve_world_reports(world: dict[str, Any]) -> None:
    from kotacerdas.monitoring.models import InitiativeReport, KpiReport
    from tests.world import action

    review = action("monitoring.do_review_report")
    review(world["dewi"], KpiReport.objects.get(pk=world["kpi_report_id"]), decision="approved")
    review(world["dewi"], InitiativeReport.objects.get(pk=world["initiative_report_id"]), decision="approved")


NO_PERIOD = "belum ada periode pelaporan"


def national_rows(page_html: str, xlsx: bytes, api_rows: list[dict[str, Any]]) -> tuple[Any, Any, Any]:
    """Ayu's national monitoring rows as the page, the XLSX and the API give them, each read into the
    same cells: code, region, province, size class, period, expected, reported, approved, completeness,
    progress, Quick Win done, Quick Win planned (``None`` where the page shows "—")."""
    import io
    import re

    from openpyxl import load_workbook

    def number(cell: Any) -> Decimal | None:
        # as written, not rounded here: the XLSX and the API claim the page's one decimal, so 12.26 or
        # 12.2500001 in either must fail against the page's "12,3%"
        return None if cell is None else Decimal(str(cell))

    def on_page(cells: list[str]) -> tuple[Any, ...]:
        figures = [None if c == "—" else c for c in cells[5:]]
        counts = [None if c is None else int(c) for c in figures[:3]]
        shares = [None if c is None else percent(c) for c in figures[3:5]]
        found = re.fullmatch(r"(\d+) dari (\d+)", figures[5] or "")
        quick_win = (int(found[1]), int(found[2])) if found else (None, None)
        return (*cells[:5], *counts, *shares, *quick_win)

    def in_xlsx(row: tuple[Any, ...]) -> tuple[Any, ...]:
        return (*row[:8], number(row[8]), number(row[9]), *row[10:])

    def in_api(row: dict[str, Any]) -> tuple[Any, ...]:
        period, quick_win = row["period"], row["quick_win"] or {}
        label = (
            NO_PERIOD
            if period is None
            else f"{period['year']}" + (f" T{period['quarter']}" if period["quarter"] else "")
        )
        counts = [row[k] for k in ("expected", "reported", "approved")]
        place = (row["region"], row["region_name"], row["province_name"] or "", row["size_class"], label)
        shares = (number(row["completeness"]), number(row["progress"]))
        return (*place, *counts, *shares, quick_win.get("done"), quick_win.get("planned"))

    table = [cells for cells in table_rows(page_html) if len(cells) == 11 and cells[0] != "Kode"]
    sheet = load_workbook(io.BytesIO(xlsx)).active
    assert sheet is not None
    return (
        [on_page(cells) for cells in table],
        [in_xlsx(row) for row in list(sheet.iter_rows(values_only=True))[1:]],
        [in_api(row) for row in api_rows],
    )

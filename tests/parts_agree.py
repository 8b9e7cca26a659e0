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

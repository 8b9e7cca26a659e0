"""The published results as one table: what the cycle page shows and what the XLSX holds.

Both read these functions (``table_columns``, ``table_rows``: the ranking, then one column per
smart-city dimension the publication froze a score for), so the download is the screen (the tests
hold the two against each other). Cells are the exact published text; the XLSX writes totals as numbers
and ranks as whole numbers so a spreadsheet can sort and compute with them.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from openpyxl import Workbook

from kotacerdas.core.evaluation.dimensions import NO_SCORE, display_text
from kotacerdas.core.evaluation.letter import band_text
from kotacerdas.core.spreadsheet import append_row
from kotacerdas.evaluation.models import Publication
from kotacerdas.planning.reference import dimension_label
from kotacerdas.regions.models import Region

NUMBER, SIGNED, RANK, TEXT = "number", "signed", "rank", "text"  # SIGNED: a change, shown as +0,23
EMPTY = "—"


@dataclass(frozen=True)
class Column:
    label: str
    kind: str


def columns() -> list[Column]:
    return [
        Column(_("Region code"), TEXT),
        Column(_("Region"), TEXT),
        Column(_("Total"), NUMBER),
        Column(_("Improvement"), SIGNED),
        Column(_("Size class"), TEXT),
        Column(_("National rank"), RANK),
        Column(_("Province rank"), RANK),
        Column(_("Rank in class"), RANK),
        Column(_("Rank band (5–95%)"), TEXT),
    ]


def band_cell(band: dict[str, Any] | None) -> str:
    """The rank band as the result letter writes it (``band_text``: a fractional quantile as 1,5)."""
    if band is None:
        return _("not ranked (not verified)")
    text = band_text(band)
    return f"{text} · {_('robust')}" if band.get("robust") else text


def results_rows(publication: Publication) -> list[list[str]]:
    """One row of display text per published result, best first, unverified last."""
    codes = [row["region_code"] for row in publication.rows]
    names = dict(Region.objects.filter(code__in=codes).values_list("code", "name"))
    return [
        [
            row["region_code"],
            names.get(row["region_code"], ""),
            row["total"],
            row["improvement"] or EMPTY,
            row["size_class"],
            row["rank_national"] or EMPTY,
            row["rank_province"] or EMPTY,
            row["rank_in_class"] or EMPTY,
            band_cell(publication.bands.get(row["region_code"])),
        ]
        for row in publication.rows
    ]


def cell_value(text: str, kind: str) -> Any:
    """A cell as the spreadsheet holds it: exact decimals as numbers, ranks as whole numbers."""
    if text == EMPTY:
        return None
    if text == NO_SCORE:  # a dimension without a planned programme: shown as on the screen
        return text
    if kind in (NUMBER, SIGNED):
        return float(text)  # the shortest float text round-trips the published decimal
    if kind == RANK:
        return int(text)
    return text


def dimension_codes(publication: Publication) -> list[str]:
    """The dimensions the publication froze scores for, in their order; none before they were derived."""
    return next((list(i["dimensions"]) for i in publication.inputs.values() if i.get("dimensions")), [])


def table_columns(publication: Publication) -> list[Column]:
    """The table's columns: the ranking's, then one per smart-city dimension the publication scored."""
    return columns() + [Column(dimension_label(code), NUMBER) for code in dimension_codes(publication)]


def table_rows(publication: Publication) -> list[list[str]]:
    """``results_rows`` with each region's frozen dimension scores ("–" when none was planned)."""
    codes = dimension_codes(publication)
    rows = []
    for row in results_rows(publication):
        frozen = publication.inputs.get(row[0], {}).get("dimensions", {})
        rows.append(row + [display_text(frozen.get(code, "")) for code in codes])
    return rows


def results_xlsx(publication: Publication) -> bytes:
    book = Workbook()
    sheet = book.active
    assert sheet is not None  # a new workbook has its sheet
    sheet.title = str(publication.cycle.year)
    table = table_columns(publication)
    append_row(sheet, [column.label for column in table])
    for row in table_rows(publication):
        append_row(sheet, [cell_value(text, c.kind) for text, c in zip(row, table, strict=True)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()

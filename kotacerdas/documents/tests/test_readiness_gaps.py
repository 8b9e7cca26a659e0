"""The readiness gap analysis reads the same in the masterplan page and in Buku I: a score at or above
its target is "terpenuhi" in both (they printed -20,00), a score below it the gap to close."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from kotacerdas.core.books.layout import DASH
from kotacerdas.documents.collect import collect_book_data
from kotacerdas.planning.analysis.actions import do_save_profile

pytestmark = pytest.mark.django_db


def test_the_page_and_buku_i_say_met_for_the_same_rows(
    ayu, as_budi, budi, sari, tono, dinkes_a, region_a
) -> None:
    from kotacerdas.assessment.demo import _verified_readiness

    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    _verified_readiness(ayu, region_a, budi, sari, tono, dinkes_a)
    book = collect_book_data(region_a, 2026).readiness
    page = as_budi.get(reverse("planning:overview", args=[region_a.code])).text
    table = page[page.index("Analisis kesenjangan kesiapan") :]
    shown = re.findall(r'<td class="num">([^<]*)</td></tr>', table[: table.index("</table>")])
    assert [row.gap or DASH for row in book] == shown  # row by row, as Buku I prints them
    assert "terpenuhi" in shown and not any(gap.startswith("-") for gap in shown)
    assert any(gap not in ("", "terpenuhi") for gap in shown)  # a gap still to close keeps its number

"""Ayu's national view shows one page of regions (the shared page size); the XLSX holds them all."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.regions.models import Region
from kotacerdas.web.params import PAGE_SIZE

pytestmark = pytest.mark.django_db


def test_the_national_view_pages_its_regions_and_the_xlsx_keeps_every_row(ayu, as_ayu) -> None:
    regions = list(Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("name")[: PAGE_SIZE + 2])
    for region in regions:
        do_save_profile(ayu, region, period_start=2026, period_end=2030)
        do_open_period(ayu, region, year=2026, closes_on=date(2027, 1, 31))
    first = as_ayu.get(reverse("monitoring:national"))
    assert first.status_code == 200
    assert first.text.count('href="/r/') == PAGE_SIZE
    assert "?page=2" in first.text and f"{PAGE_SIZE + 2} daerah" in first.text
    second = as_ayu.get(reverse("monitoring:national") + "?page=2")
    assert second.text.count('href="/r/') == 2
    book = load_workbook(BytesIO(as_ayu.get(reverse("monitoring:national_xlsx") + "?page=2").content))
    assert len(list(book.active.iter_rows(values_only=True))) == PAGE_SIZE + 3  # header + every region

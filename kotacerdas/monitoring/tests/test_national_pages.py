"""Ayu's national view shows one page of regions (the shared page size); the XLSX holds them all."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from kotacerdas.core import formatting
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
    assert "?page=2" in first.text and f"{PAGE_SIZE + 2} wilayah" in first.text
    second = as_ayu.get(reverse("monitoring:national") + "?page=2")
    assert second.text.count('href="/r/') == 2
    book = load_workbook(BytesIO(as_ayu.get(reverse("monitoring:national_xlsx") + "?page=2").content))
    assert len(list(book.active.iter_rows(values_only=True))) == PAGE_SIZE + 3  # header + every region


@pytest.mark.django_db
def test_the_national_view_weighs_progress_by_the_plan_of_record_as_the_region_page_does(
    budi, sari, region_a, dinkes_a, as_ayu
) -> None:
    """Ayu's national row and Budi's monitoring page give one progress figure: both weigh each initiative
    by the adopted plan's pagu, even after a live budget line changed (the plan of record is monitored)."""
    from kotacerdas.monitoring.national import rows_for
    from kotacerdas.monitoring.overview import monitoring_of
    from kotacerdas.planning.initiatives.actions import do_save_initiative
    from kotacerdas.portal.tests.builders import approved_plan
    from kotacerdas.regions.models import Region

    plan = approved_plan(budi, sari, region_a, dinkes_a)
    telemed = plan.items[0]
    do_save_initiative(  # after adoption: the live budget no longer matches the plan of record
        budi,
        region_a,
        telemed,
        budget={(2027, "APBD"): Decimal(5_000_000_000)},
        predecessors=[],
        version=telemed.version,
    )
    overall = monitoring_of(region_a, date(2027, 6, 1)).overall
    assert overall.quantize(Decimal("0.01")) == Decimal("13.33")  # 40 % of the portal's 200 of 600 million
    [row] = rows_for(Region.objects.filter(pk=region_a.pk))
    assert row.progress == overall
    national = as_ayu.get(reverse("monitoring:national")).content.decode()
    assert f'<td class="num">{formatting.percent(overall)}</td>' in national

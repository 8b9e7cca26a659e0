"""Ayu's national monitoring view lists every region of the programme: a region selected in a cohort that
has no reporting period yet is on it, flagged 'belum ada periode pelaporan', instead of missing (the view
listed only regions with a period, so a silent region could not be seen). Filtered and paged as the
national dashboard is; its queries do not grow with the number of regions."""

from __future__ import annotations

from datetime import date
from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from conftest import forget_inbox_badge
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.programme.tests.conftest import STAGES, _media  # noqa: F401
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db
URL = reverse("monitoring:national")


def _select(ayu, tono, year: int, regions: list[Region], others: tuple[Region, ...] = ()):  # type: ignore[no-untyped-def]
    """A cohort of ``year`` selecting ``regions`` (and inviting ``others``, scored lower, not selected)."""
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_create_cohort, do_invite_regions
    from kotacerdas.programme.actions.selection import do_record_verified_score, do_select

    made = do_create_cohort(
        ayu,
        year=year,
        name=f"Angkatan {year}",
        quota=len(regions),
        instrument="readiness-2019",
        stage_dates=STAGES,
    )
    for candidacy in do_invite_regions(ayu, made, [*regions, *others]):
        do_assign_assessor(ayu, candidacy, tono)
        do_record_verified_score(tono, candidacy, "2.00" if candidacy.region in others else "3.50")
    do_select(ayu, made)
    return made


def _open_period(ayu, region: Region) -> None:  # type: ignore[no-untyped-def]
    do_save_profile(ayu, region, period_start=2026, period_end=2030)
    do_open_period(ayu, region, year=2026, closes_on=date(2027, 1, 31))


def test_a_selected_region_without_a_period_is_listed_and_flagged(ayu, as_ayu, tono, region_a, region_b):
    """Salatiga (33.73) opened a period; Sleman (34.04) was selected and has none; Surakarta (33.72) was
    not selected and is not a programme region."""
    _select(ayu, tono, 2026, [region_a, region_b], others=(Region.objects.get(code="33.72"),))
    _open_period(ayu, region_a)
    page = as_ayu.get(URL).content.decode()
    assert region_a.name in page and region_b.name in page
    assert "Kota Surakarta" not in page
    assert page.count("belum ada periode pelaporan</span>") == 1
    assert "1 wilayah program belum memiliki periode pelaporan: ditandai di bawah" in page
    sleman_row = page[page.index(f">{region_b.name}</a>") :].split("</tr>")[0]
    assert "belum ada periode pelaporan" in sleman_row and "100" not in sleman_row  # not "100 % complete"
    book = load_workbook(BytesIO(as_ayu.get(reverse("monitoring:national_xlsx")).content))
    rows = {row[0]: row for row in book.active.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"33.73", "34.04"}
    assert rows["34.04"][4:] == ("belum ada periode pelaporan", *[None] * 7)  # no figure, no Quick Win
    assert rows["33.73"][4] == "2026"


def test_the_cohort_filter_keeps_the_regions_selected_in_it(ayu, as_ayu, tono, region_a, region_b) -> None:
    cohort = _select(ayu, tono, 2026, [region_a, region_b])
    later = _select(ayu, tono, 2027, [Region.objects.get(code="33.72")])
    first = as_ayu.get(URL, {"cohort": cohort.pk}).content.decode()
    assert "Kota Salatiga" in first and "Kota Surakarta" not in first
    second = as_ayu.get(URL, {"cohort": later.pk}).content.decode()
    assert "Kota Surakarta" in second and "Kota Salatiga" not in second
    assert "1 wilayah program belum memiliki periode pelaporan" in second


def queries_at_two_sizes(ayu, tono, queries) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    """``queries()`` of the national view at 3 selected regions (one reporting), then at 12 (four
    reporting, eight without a period): the page's test and the API's grow the programme alike."""
    regions = list(Region.objects.exclude(kind=Region.Kind.PROVINCE).order_by("code")[:12])
    _select(ayu, tono, 2026, regions[:3])
    _open_period(ayu, regions[0])
    small = queries()
    _select(ayu, tono, 2027, regions[3:12])
    for region in regions[3:6]:
        _open_period(ayu, region)
    return small, queries()


def test_the_page_costs_the_same_queries_at_two_sizes(ayu, as_ayu, tono) -> None:
    def queries() -> int:
        forget_inbox_badge(as_ayu)  # a first view of the minute each time (it counts the inbox)
        with CaptureQueriesContext(connection) as captured:
            response = as_ayu.get(URL)
        assert response.status_code == 200
        return len(captured)

    small, large = queries_at_two_sizes(ayu, tono, queries)
    assert large == small
    assert "8 wilayah program belum memiliki periode pelaporan" in as_ayu.get(URL).content.decode()

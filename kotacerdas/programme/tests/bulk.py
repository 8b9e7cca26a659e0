"""Many selected regions at once, through the actions (for the query-count test and the benchmark)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.programme.actions.candidacy import do_record_mou
from kotacerdas.programme.actions.cohorts import do_create_cohort, do_invite_regions
from kotacerdas.programme.actions.selection import do_record_verified_score, do_select
from kotacerdas.programme.models import Candidacy, Cohort
from kotacerdas.regions.models import Region

PDF = b"%PDF-1.4\n%%EOF\n"


def seed_cohort(ayu: Any, year: int, count: int) -> tuple[Cohort, list[Candidacy]]:
    """A cohort of ``count`` kab/kota not yet in any cohort, all selected, with MoUs."""
    start = date(year, 6, 1)
    stages = {
        n: (start + timedelta(days=35 * (n - 1)), start + timedelta(days=35 * (n - 1) + 1))
        for n in (1, 2, 3, 4)
    }
    cohort = do_create_cohort(
        ayu, year=year, name=f"Kohort {year}", quota=count, instrument="readiness-2019", stage_dates=stages
    )
    taken = Candidacy.objects.values("region_id")
    regions = Region.objects.exclude(kind=Region.Kind.PROVINCE).exclude(pk__in=taken).order_by("code")[:count]
    rows = do_invite_regions(ayu, cohort, list(regions))
    for i, candidacy in enumerate(rows):
        do_record_verified_score(ayu, candidacy, f"{2 + (i % 30) / 10:.2f}")
    do_select(ayu, cohort)
    for candidacy in rows:
        candidacy.refresh_from_db()
        upload = SimpleUploadedFile("mou.pdf", PDF)
        do_record_mou(
            ayu, candidacy, number=f"NK-{candidacy.region.code}", signed_on=date(year, 5, 20), upload=upload
        )
    return cohort, rows

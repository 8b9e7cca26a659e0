"""Programme fixtures, all built through the real actions."""

from __future__ import annotations

from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
STAGES = {
    1: (date(2026, 6, 1), date(2026, 6, 2)),
    2: (date(2026, 7, 6), date(2026, 7, 7)),
    3: (date(2026, 8, 3), date(2026, 8, 4)),
    4: (date(2026, 9, 7), date(2026, 9, 8)),
}


def pdf(name: str = "mou.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def cohort(ayu):  # type: ignore[no-untyped-def]
    from kotacerdas.programme.actions.cohorts import do_create_cohort

    return do_create_cohort(
        ayu,
        year=2026,
        name="Gerakan Smart City 2026",
        quota=2,
        instrument="readiness-2019",
        stage_dates=STAGES,
    )


@pytest.fixture
def kota_x(db):  # type: ignore[no-untyped-def]
    from kotacerdas.regions.models import Region

    return Region.objects.get(code="33.72")  # Kota Surakarta: a third candidate


@pytest.fixture
def candidates(ayu, cohort, region_a, region_b, kota_x, tono):  # type: ignore[no-untyped-def]
    """Three invited regions, Tono assigned to all, scores verified (A 3.50, B 3.10, X 3.80)."""
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_invite_regions
    from kotacerdas.programme.actions.selection import do_record_verified_score

    rows = do_invite_regions(ayu, cohort, [region_a, region_b, kota_x])
    for candidacy, score in zip(rows, ["3.50", "3.10", "3.80"], strict=True):
        do_assign_assessor(ayu, candidacy, tono)
        do_record_verified_score(tono, candidacy, score)
    return {c.region.code: c for c in rows}


@pytest.fixture
def selected(ayu, cohort, candidates, rina, budi, dewi):  # type: ignore[no-untyped-def]
    """A and B selected (B by an equity override instead of X), MoUs recorded, Rina mentors A only."""
    from kotacerdas.programme.actions.candidacy import do_assign_mentor, do_record_mou
    from kotacerdas.programme.actions.selection import do_select, do_set_override

    do_set_override(ayu, candidates["33.72"], decision="exclude", reason="Sudah mendapat program serupa")
    do_set_override(ayu, candidates["34.04"], decision="include", reason="Pemerataan wilayah DIY")
    do_select(ayu, cohort)
    for code in ("33.73", "34.04"):
        candidacy = candidates[code]
        candidacy.refresh_from_db()
        do_record_mou(ayu, candidacy, number=f"NK-{code}/2026", signed_on=date(2026, 5, 20), upload=pdf())
    do_assign_mentor(ayu, candidates["33.73"], rina)
    for c in candidates.values():
        c.refresh_from_db()
    return candidates


def deliverable_of(candidacy, code: str):  # type: ignore[no-untyped-def]
    return candidacy.deliverables.select_related("item", "candidacy__region").get(item__code=code)

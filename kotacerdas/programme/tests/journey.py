"""Helpers that build programme states through the real actions (shared by tests and the browser journey)."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile

from kotacerdas.regions.models import Region

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def verified_assessment(ayu: Any, coordinator: Any, tono: Any, region: Region, yes: int = 99) -> Any:
    """Through the assessment app: start, answer (the first ``yes`` indicators "yes", the rest "no"),
    submit; Tono reviews every answer and finishes the review, which produces the verified result."""
    from kotacerdas.assessment.actions import answering, reviewing
    from kotacerdas.assessment.actions.common import instrument_of

    assessment = answering.do_start_assessment(
        coordinator, region, instrument_id="readiness-2019", title="Seleksi 2026"
    )
    for i, indicator in enumerate(instrument_of(assessment).indicators()):
        value = "yes" if i < yes else "no"
        answering.do_save_answer(coordinator, assessment, indicator.code, value=value, explanation="")
    reviewing.do_submit(coordinator, assessment)
    answering.do_assign_assessor(ayu, assessment, tono)
    reviewing.do_start_review(tono, assessment)
    for answer in assessment.answers.all():
        reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, assessment)
    return assessment


def selected_programme(ayu: Any, tono: Any, rina: Any, coordinators: dict[str, Any]) -> dict[str, Any]:
    """Cohort 2026 (quota 2): Salatiga and Sleman selected with MoUs, Rina mentors Salatiga."""
    from kotacerdas.programme.actions.candidacy import do_assign_mentor, do_record_mou
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_create_cohort, do_invite_regions
    from kotacerdas.programme.actions.selection import do_record_verified_score, do_select

    stages = {
        1: (date(2026, 6, 1), date(2026, 6, 2)),
        2: (date(2026, 7, 6), date(2026, 7, 7)),
        3: (date(2026, 8, 3), date(2026, 8, 4)),
        4: (date(2026, 9, 7), date(2026, 9, 8)),
    }
    cohort = do_create_cohort(
        ayu,
        year=2026,
        name="Gerakan Smart City 2026",
        quota=2,
        instrument="readiness-2019",
        stage_dates=stages,
    )
    regions = [Region.objects.get(code=code) for code in coordinators]
    rows = {c.region.code: c for c in do_invite_regions(ayu, cohort, regions)}
    for code, candidacy in rows.items():
        do_assign_assessor(ayu, candidacy, tono)
        do_record_verified_score(tono, candidacy, "3.5" if code == "33.73" else "3.1")
    do_select(ayu, cohort)
    for candidacy in rows.values():
        candidacy.refresh_from_db()
        upload = SimpleUploadedFile("mou.pdf", PDF)
        do_record_mou(
            ayu, candidacy, number=f"NK-{candidacy.region.code}", signed_on=date(2026, 5, 20), upload=upload
        )
    do_assign_mentor(ayu, rows["33.73"], rina)
    return {"cohort": cohort, **rows}

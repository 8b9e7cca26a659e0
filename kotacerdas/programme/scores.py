"""Where a candidacy's verified selection score comes from — the one place to change.

The score is the total of the latest *verified* result (kotacerdas.assessment ``Result``,
kind ``verified``) of the selection assessment linked to the candidacy. A candidacy without a
linked assessment falls back to the score an assigned assessor (or Ayu) recorded directly
(``InterimScore``, ``actions.do_record_verified_score``) — kept for cohorts assessed outside
kotacerdas. Nothing else in the programme app reads scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from kotacerdas.assessment.models import Result
from kotacerdas.programme.models import Candidacy, InterimScore

SOURCE = "assessment.Result (verified) of the linked assessment; else programme.InterimScore"
PLACES = Decimal("0.0001")


def verified_scores(candidacies: Iterable[Candidacy]) -> dict[int, Decimal]:
    """candidacy id → verified score, for the candidacies that have one (two queries)."""
    candidacies = list(candidacies)
    linked = {c.assessment_id: c.pk for c in candidacies if c.assessment_id}
    scores: dict[int, Decimal] = {}
    results = (
        Result.objects.filter(assessment_id__in=linked, kind=Result.Kind.VERIFIED)
        .order_by("assessment_id", "-created_at", "-id")
        .values_list("assessment_id", "total")
    )
    for assessment_id, total in results:
        scores.setdefault(linked[assessment_id], Decimal(repr(total)).quantize(PLACES))
    unlinked = [c.pk for c in candidacies if not c.assessment_id]
    interim = InterimScore.objects.filter(candidacy_id__in=unlinked).values_list("candidacy_id", "score")
    scores.update(dict(interim))
    return scores


def linkable_assessments(candidacy: Candidacy) -> list[tuple[int, str]]:
    """The region's assessments on the cohort's instrument, for the link form."""
    from kotacerdas.assessment.models import Assessment

    rows = Assessment.objects.filter(region=candidacy.region, instrument_id=candidacy.cohort.instrument)
    return [(a.pk, f"{a.title} ({a.get_state_display()})") for a in rows.order_by("-created_at")]

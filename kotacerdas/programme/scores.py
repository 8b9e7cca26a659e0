"""Where a candidacy's verified selection score comes from — the one place to change.

Until the assessment app (kotacerdas/assessment) is wired in, the score is the
InterimScore an assigned assessor (Tono) or the national admin records through
``actions.do_record_verified_score``. Replace the body of :func:`verified_scores`
to read the verified assessment instead; nothing else in the programme app reads scores.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

from kotacerdas.programme.models import Candidacy, InterimScore

SOURCE = "programme.InterimScore"


def verified_scores(candidacies: Iterable[Candidacy]) -> dict[int, Decimal]:
    """candidacy id → verified score, for the candidacies that have one (one query)."""
    ids = [c.pk for c in candidacies]
    return dict(InterimScore.objects.filter(candidacy_id__in=ids).values_list("candidacy_id", "score"))

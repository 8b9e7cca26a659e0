"""A candidacy is linked to the region's selection assessment and ranked by its verified result."""

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.models import Candidacy
from kotacerdas.programme.ranking import current_ranking
from kotacerdas.programme.tests.journey import verified_assessment

pytestmark = pytest.mark.django_db


def test_budi_links_the_verified_assessment_and_the_ranking_uses_its_result(
    ayu, budi, tono, cohort, region_a, as_budi
) -> None:
    from kotacerdas.programme.actions.cohorts import do_assign_assessor, do_invite_regions

    candidacy = do_invite_regions(ayu, cohort, [region_a])[0]
    do_assign_assessor(ayu, candidacy, tono)
    assessment = verified_assessment(ayu, budi, tono, region_a)
    page = as_budi.get(reverse("programme:candidacy", args=["33.73", cohort.pk])).content.decode()
    assert "Seleksi 2026" in page
    response = as_budi.post(
        reverse("programme:link_assessment", args=["33.73", cohort.pk]), {"assessment": assessment.pk}
    )
    assert response.status_code == 302
    candidacy.refresh_from_db()
    assert candidacy.assessment_id == assessment.pk
    entry = AuditEntry.objects.get(action="candidacy.link_assessment")
    assert (entry.before, entry.after) == ({"assessment_id": None}, {"assessment_id": assessment.pk})
    ranking, _ = current_ranking(cohort)
    total = assessment.results.get(kind="verified").total
    assert ranking.entries[0].score is not None
    assert float(ranking.entries[0].score) == pytest.approx(total, abs=1e-4)
    assert "assessment.Result" in ranking.recipe["score_source"]


def test_an_assessment_of_another_region_cannot_be_linked(
    ayu, budi, dewi, tono, cohort, region_a, region_b
) -> None:
    from kotacerdas.assessment.actions import answering
    from kotacerdas.programme.actions.cohorts import do_invite_regions

    do_invite_regions(ayu, cohort, [region_a, region_b])
    theirs = answering.do_start_assessment(dewi, region_b, instrument_id="readiness-2019", title="Sleman")
    response = logged_in(budi).post(
        reverse("programme:link_assessment", args=["33.73", cohort.pk]), {"assessment": theirs.pk}
    )
    assert response.status_code == 400
    assert Candidacy.objects.get(region=region_a).assessment_id is None

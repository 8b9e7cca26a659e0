"""The demo hook builds the 2026 example cohort through the actions, once."""

from datetime import date

import pytest

from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.board import progress_rows
from kotacerdas.programme.demo import NAME, load_demo
from kotacerdas.programme.models import Candidacy, Cohort, Deliverable

pytestmark = pytest.mark.django_db


def test_it_builds_the_example_and_is_idempotent(ayu, budi, dewi, tono, rina, sari) -> None:
    from kotacerdas.assessment.demo import load_demo as load_assessment_demo

    load_assessment_demo(ayu)
    load_demo(ayu)
    cohort = Cohort.objects.get(name=NAME)
    selected = dict(Candidacy.objects.filter(cohort=cohort).values_list("region__code", "status"))
    assert selected == {"33.73": "selected", "34.04": "selected", "33.72": "not_selected"}
    assert Candidacy.objects.get(cohort=cohort, region__code="33.73").assessment_id is not None
    assert Candidacy.objects.get(cohort=cohort, region__code="34.04").override.reason.endswith("(contoh)")
    statuses = sorted(
        Deliverable.objects.filter(candidacy__region__code="33.73").values_list("status", flat=True)
    )
    # Bimtek I–III and the roadmap approved, the books waiting for Rina, the commitment sheet returned
    assert (statuses.count("approved"), statuses.count("submitted"), statuses.count("returned")) == (7, 1, 1)
    [salatiga] = progress_rows(
        Candidacy.objects.filter(cohort=cohort, region__code="33.73"), date(2026, 12, 6)
    )
    assert (salatiga.current, salatiga.overdue) == (4, 1)  # the returned commitment sheet is late
    assert Candidacy.objects.get(cohort=cohort, region__code="33.73").mentors.get().mentor == rina
    entries = AuditEntry.objects.count()
    load_demo(ayu)
    assert Cohort.objects.count() == 1
    assert AuditEntry.objects.count() == entries

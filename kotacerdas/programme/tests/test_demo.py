"""The demo hook builds the 2026 example cohort through the actions, once: its Bimtek calendar counted
from the day it is loaded, so that on any day Salatiga is in Bimtek IV and Sleman, with its own mentor,
in Bimtek III, and nothing either region owes is past its date."""

from datetime import date, timedelta
from itertools import pairwise

import pytest

from conftest import make_person
from kotacerdas.audit.models import AuditEntry
from kotacerdas.programme.board import overdue_deliverables, progress_rows, today
from kotacerdas.programme.demo import NAME, load_demo, stages
from kotacerdas.programme.models import Candidacy, Cohort, Deliverable

pytestmark = pytest.mark.django_db


@pytest.fixture
def hadi(ayu, region_b):  # type: ignore[no-untyped-def]
    return make_person(ayu, "hadi", "mentor", region_b)


def test_it_builds_the_example_and_is_idempotent(ayu, budi, dewi, tono, rina, sari, hadi) -> None:
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
    sleman, salatiga = progress_rows(Candidacy.objects.filter(cohort=cohort, status="selected"), today())
    assert salatiga.candidacy.region.code == "33.73"
    assert (salatiga.current, salatiga.overdue) == (4, 0)  # the returned commitment sheet is due in 3 weeks
    assert Candidacy.objects.get(cohort=cohort, region__code="33.73").mentors.get().mentor == rina
    assert (sleman.current, sleman.overdue) == (3, 0)
    assert len(sleman.mentors) == 1  # Hadi
    assert overdue_deliverables(Candidacy.objects.filter(cohort=cohort), today())[1] == 0
    entries = AuditEntry.objects.count()
    load_demo(ayu)
    assert Cohort.objects.count() == 1
    assert AuditEntry.objects.count() == entries


def test_sleman_has_a_mentor_and_is_a_stage_behind_with_nothing_overdue(ayu, budi, dewi, rina, hadi) -> None:
    """It had no mentor and had handed in nothing: every Bimtek I deliverable showed as overdue."""
    load_demo(ayu)
    sleman = Candidacy.objects.get(cohort__name=NAME, region__code="34.04")
    assert sleman.mentors.get().mentor == hadi
    by_code = dict(sleman.deliverables.values_list("item__code", "status"))
    assert [by_code[c] for c in ("readiness-gap", "swot", "vision-keywords")] == ["approved"] * 3
    assert (by_code["rpjmd-mapping"], by_code["initiatives"]) == ("approved", "approved")
    assert by_code["quick-win-candidates"] == "submitted"  # waiting for Hadi
    owed = sleman.deliverables.filter(status__in=["pending", "returned"])
    assert sorted(owed.values_list("item__stage", flat=True)) == [4, 4, 4]
    assert all(d.item.due_on > today() for d in owed.select_related("item"))
    assert not hadi.mentor_assignments.exclude(candidacy=sleman).exists()  # Rina stays Salatiga's only


def test_the_calendar_is_counted_from_the_day_the_demo_is_loaded() -> None:
    calendar = stages(date(2027, 3, 1))
    assert calendar[1] == (date(2026, 11, 20), date(2026, 11, 21))  # 100 days before
    assert calendar[4] == (date(2027, 3, 21), date(2027, 3, 22))  # three weeks ahead
    ends = [calendar[n][1] for n in (1, 2, 3, 4)]
    assert all(later - earlier >= timedelta(days=2) for earlier, later in pairwise(ends))

"""Publishing a cycle closes its participants' self-assessments that were never verified.

Before: Budi's inbox kept "Lengkapi dan ajukan asesmen “Evaluasi smart city 2027 (swanilai)”" as
overdue for ever after the results were out. Now publication closes (in its own transaction, through
assessment.actions.closing) every participant self-assessment of *that* cycle still in draft,
returned, submitted or in review; a verified one, a selection assessment and another cycle's
self-assessment stay as they are.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from conftest import logged_in, make_person
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import Assessment, State, Transition
from kotacerdas.audit.models import AuditEntry
from kotacerdas.core.formatting import tanggal
from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish, do_take_verified_scores
from kotacerdas.evaluation.models import Cycle, Participant
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db

HEADER = "region_code,baseline,output,outcome,impact,quick_win,previous_total,verified\n"
PARTS = ("baseline", "output", "outcome", "impact", "quick_win")


def open_cycle(ayu, year: int, regions: list[Region]) -> Cycle:  # type: ignore[no-untyped-def]
    return do_open_cycle(
        ayu,
        year=year,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=regions,
        self_assessment_until=date(year, 8, 31),
        verification_until=date(year, 10, 31),
        publication_on=date(year, 12, 5),
    )


def self_assessment(cycle: Cycle, region: Region) -> Assessment:
    assessment = Participant.objects.get(cycle=cycle, region=region).assessment
    assert assessment is not None
    return assessment


def fill_and_submit(coordinator, assessment: Assessment) -> None:  # type: ignore[no-untyped-def]
    for part in PARTS:
        answering.do_save_answer(coordinator, assessment, part, value="3", explanation="isian")
    reviewing.do_submit(coordinator, assessment)


def home(user) -> str:  # type: ignore[no-untyped-def]
    return logged_in(user).get("/").content.decode()


def test_publication_clears_the_overdue_self_assessment_from_budis_inbox_only(
    ayu, budi, region_a, region_b
) -> None:
    cycle = open_cycle(ayu, 2027, [region_a, region_b])
    later = open_cycle(ayu, 2028, [region_a])  # another cycle, still open
    selection = answering.do_start_assessment(
        budi, region_a, instrument_id="readiness-2019", title="Kesiapan seleksi 2027"
    )
    nag = "Lengkapi dan ajukan asesmen “Evaluasi smart city 2027 (swanilai)”"
    assert nag in home(budi)
    do_enter_results(ayu, cycle, HEADER + "33.73,3.5,3.0,3.5,3.0,3.5,,true\n")
    do_publish(ayu, cycle)
    page = home(budi)
    assert nag not in page
    assert "Lengkapi dan ajukan asesmen “Evaluasi smart city 2028 (swanilai)”" in page
    assert "Lengkapi dan ajukan asesmen “Kesiapan seleksi 2027”" in page
    assert self_assessment(cycle, region_a).state == State.CLOSED
    assert self_assessment(cycle, region_b).state == State.CLOSED
    assert self_assessment(later, region_a).state == State.DRAFT
    assert Assessment.objects.get(pk=selection.pk).state == State.DRAFT


def test_each_closing_names_the_cycle_its_publisher_and_the_state_it_ended_in(
    ayu, budi, dewi, tono, region_a, region_b
) -> None:
    """Budi's is verified (stays), Dewi's is submitted and Yogyakarta's a draft (both closed)."""
    yogyakarta = Region.objects.get(code="34.71")
    yanti = make_person(ayu, "yanti", "coordinator", yogyakarta)
    cycle = open_cycle(ayu, 2027, [region_a, region_b, yogyakarta])
    budis = self_assessment(cycle, region_a)
    fill_and_submit(budi, budis)
    answering.do_assign_assessor(ayu, budis, tono)
    reviewing.do_start_review(tono, budis)
    for answer in budis.answers.all():
        reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, budis)
    fill_and_submit(dewi, self_assessment(cycle, region_b))
    assert "Lengkapi dan ajukan asesmen “Evaluasi smart city 2027 (swanilai)”" in home(yanti)
    do_take_verified_scores(ayu, cycle)
    publication = do_publish(ayu, cycle)

    published_on = timezone.localdate(publication.published_at)
    reason = f"Ditutup karena siklus evaluasi 2027 diterbitkan pada {tanggal(published_on)}."
    # stored as facts (the cycle, the day), worded in the reader's language when read
    facts = {"code": "cycle_published", "cycle": cycle.pk, "year": 2027, "published_on": str(published_on)}
    assert self_assessment(cycle, region_a).state == State.VERIFIED
    closings = Transition.objects.filter(to_state=State.CLOSED, answer=None).order_by(
        "assessment__region__code"
    )
    assert [
        (t.assessment.region.code, t.from_state, t.actor, t.reason, t.reason_facts) for t in closings
    ] == [
        ("34.04", "submitted", ayu, "", facts),
        ("34.71", "draft", ayu, "", facts),
    ]
    audited = AuditEntry.objects.filter(action="assessment.close").order_by("region__code")
    assert [(e.region.code, e.actor, e.before, e.after) for e in audited] == [
        ("34.04", ayu, {"state": "submitted"}, {"state": "closed", "reason": facts}),
        ("34.71", ayu, {"state": "draft"}, {"state": "closed", "reason": facts}),
    ]
    assert "Evaluasi smart city 2027" not in home(yanti)
    # the coordinator sees why on the assessment and the cycle's page lists it as closed
    dewis = reverse("assessment:detail", args=["34.04", self_assessment(cycle, region_b).pk])
    page = logged_in(dewi).get(dewis).content.decode()
    assert reason in page and "state-closed" in page
    cycle_page = logged_in(ayu).get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    assert cycle_page.count(">Ditutup</a>") == 2


def test_a_refused_publication_closes_nothing(ayu, region_a) -> None:
    from django.core.exceptions import ValidationError

    cycle = open_cycle(ayu, 2027, [region_a])
    with pytest.raises(ValidationError):
        do_publish(ayu, cycle)  # nothing verified yet
    assert self_assessment(cycle, region_a).state == State.DRAFT
    assert not Transition.objects.filter(to_state=State.CLOSED).exists()


def test_the_migration_closes_what_a_cycle_published_earlier_left_open(ayu, budi, region_a) -> None:
    """Data of before this change: a published cycle whose self-assessment is still a draft."""
    import importlib

    from django.apps import apps

    migration = importlib.import_module(
        "kotacerdas.evaluation.migrations.0006_close_published_self_assessments"
    )
    cycle = open_cycle(ayu, 2027, [region_a])
    do_enter_results(ayu, cycle, HEADER + "33.73,3.5,3.0,3.5,3.0,3.5,,true\n")
    publication = do_publish(ayu, cycle)
    left_open = self_assessment(cycle, region_a)
    Transition.objects.filter(assessment=left_open, to_state=State.CLOSED).delete()
    Assessment.objects.filter(pk=left_open.pk).update(state=State.DRAFT)
    assert "Evaluasi smart city 2027" in home(budi)
    migration.close_left_open(apps, None)
    migration.close_left_open(apps, None)  # again: nothing more to close
    day = tanggal(timezone.localdate(publication.published_at))
    step = Transition.objects.get(assessment=left_open, to_state=State.CLOSED)
    assert (step.from_state, step.actor, step.action) == ("draft", ayu, "close")
    assert step.reason == f"Ditutup karena siklus evaluasi 2027 diterbitkan pada {day}."
    entry = AuditEntry.objects.filter(action="assessment.close", actor=None).get()
    assert (entry.actor_name, entry.region, entry.after["state"]) == ("system", region_a, "closed")
    assert self_assessment(cycle, region_a).state == State.CLOSED
    assert "Evaluasi smart city 2027" not in home(budi)

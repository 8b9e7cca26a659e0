"""The getters every answer page and save runs read through SQL compiled once per process
(kotacerdas.web.compiled); they find what the ORM's querysets find, and nothing outside the region."""

from __future__ import annotations

import pytest
from django.http import Http404

from kotacerdas.assessment import access
from kotacerdas.assessment.actions import answering
from kotacerdas.assessment.models import Answer, Assessment
from kotacerdas.assessment.tests.conftest import OTHERS, STRUKTUR

pytestmark = pytest.mark.django_db


def test_the_assessment_is_the_orms_with_its_assessor_and_only_in_its_region(
    assessment, ayu, tono, region_a, region_b, django_assert_num_queries
) -> None:
    answering.do_assign_assessor(ayu, assessment, tono)
    with django_assert_num_queries(1):
        found = access.get_assessment_in_region(region_a, assessment.pk)
        assert (found.assessor.username, found.region.code) == ("tono", region_a.code)
    orm = Assessment.objects.get(pk=assessment.pk)
    assert [getattr(found, f.attname) for f in Assessment._meta.concrete_fields] == [
        getattr(orm, f.attname) for f in Assessment._meta.concrete_fields
    ]
    with pytest.raises(Http404):
        access.get_assessment_in_region(region_b, assessment.pk)
    with pytest.raises(Http404):
        access.get_assessment_in_region(region_a, assessment.pk + 1000)


def test_the_answer_and_who_may_give_it_are_the_orms(assessment, budi, sari, dewi) -> None:
    answering.do_save_answer(sari, assessment, STRUKTUR[0], value="yes", explanation="Ada SK")
    answer = access.answer_to(assessment, STRUKTUR[0])
    assert answer is not None and answer.pk == Answer.objects.get(indicator=STRUKTUR[0]).pk
    assert (answer.explanation, answer.assessment) == ("Ada SK", assessment)
    assert access.answer_to(assessment, STRUKTUR[1]) is None  # assigned, not answered yet
    assert access.answer_to(assessment, "struktur.sdm.1' OR '1'='1") is None  # a value, never SQL
    assert access.may_answer(sari, assessment, STRUKTUR[1])  # assigned to her OPD
    assert not access.may_answer(sari, assessment, OTHERS[0])  # assigned to nobody
    assert access.may_answer(budi, assessment, OTHERS[0])  # the coordinator answers anything
    assert not access.may_answer(dewi, assessment, STRUKTUR[1])  # another region's coordinator


def test_an_answers_evidence_and_history_are_the_orms_in_one_query_each(
    assessment, sari, budi, django_assert_num_queries
) -> None:
    from datetime import timedelta

    from django.utils import timezone

    from kotacerdas.assessment.models import Evidence, Transition

    answer = answering.do_save_answer(sari, assessment, STRUKTUR[0], value="yes", explanation="Ada SK")
    other = answering.do_save_answer(sari, assessment, STRUKTUR[1], value="no", explanation="")
    for name in ("sk.pdf", "foto.png"):
        Evidence.objects.create(answer=answer, original_name=name, stored_name=name, content_type="x", size=1)
    Evidence.objects.create(
        answer=other, original_name="lain.pdf", stored_name="lain.pdf", content_type="x", size=1
    )
    now = timezone.now()
    for minutes, actor in ((5, budi), (-5, sari)):  # made out of order: the history is oldest first
        step = Transition.objects.create(
            assessment=assessment,
            answer=answer,
            from_state="draft",
            to_state="submitted",
            action="submit",
            actor=actor,
        )
        Transition.objects.filter(pk=step.pk).update(created_at=now + timedelta(minutes=minutes))
    with django_assert_num_queries(2):
        evidence, history = access.evidence_of(answer), access.history_of(answer)
        assert [step.actor.username for step in history] == ["sari", "budi"]  # actors came with them
    assert [e.pk for e in evidence] == [e.pk for e in answer.evidence.all()] and len(evidence) == 2
    orm = list(answer.transitions.select_related("actor"))
    assert [(t.pk, t.created_at, t.actor_id) for t in history] == [
        (t.pk, t.created_at, t.actor_id) for t in orm
    ]
    assert access.evidence_of(other)[0].original_name == "lain.pdf" and access.history_of(other) == []

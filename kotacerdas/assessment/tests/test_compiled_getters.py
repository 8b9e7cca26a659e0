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

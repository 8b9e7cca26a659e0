"""Assessment scores are written as every score is (kotacerdas.core.formatting.score)."""

import re

import pytest
from django.urls import reverse


def test_assessment_scores_use_the_same_format() -> None:
    from kotacerdas.assessment.presenters import _number

    assert _number(66.6667) == "66,67"
    assert _number(None) == "–"


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["id", "en"])
def test_the_target_level_is_written_as_a_score_in_either_language(as_budi, assessment, language) -> None:
    as_budi.cookies["django_language"] = language
    page = as_budi.get(reverse("assessment:detail", args=[assessment.region.code, assessment.pk])).text
    assert re.search(r"<dd>80,00</dd>", page), re.findall(r"<dt>[^<]*</dt><dd>[^<]*</dd>", page)

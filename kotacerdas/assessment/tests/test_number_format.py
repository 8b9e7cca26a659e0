"""Assessment scores are written as every score is (kotacerdas.core.formatting.score)."""


def test_assessment_scores_use_the_same_format() -> None:
    from kotacerdas.assessment.presenters import _number

    assert _number(66.6667) == "66,67"
    assert _number(None) == "–"

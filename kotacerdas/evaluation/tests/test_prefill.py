"""Budi's monev self-assessment arrives pre-filled from the record; Tono verifies; the cycle takes the scores.

Worked example: Salatiga's masterplan has five "living" programmes running in 2027; monitoring has
approved reports saying three of them run (one not started, one not reported) → Outcome "3 dari 5"
and level 5 × 3/5 = 3.
"""

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError

from conftest import logged_in
from kotacerdas.assessment.actions import answering, reviewing
from kotacerdas.assessment.models import State, Transition
from kotacerdas.core.evaluation.prefill import DimensionCount, outcome_level, proportional_level
from kotacerdas.evaluation.actions import do_open_cycle, do_take_verified_scores
from kotacerdas.evaluation.models import EvidenceLink, Participant
from kotacerdas.monitoring.actions.periods import do_open_period
from kotacerdas.monitoring.actions.reports import do_review_report, do_save_initiative_report
from kotacerdas.monitoring.tests.journey import initiative
from kotacerdas.planning.analysis.actions import do_save_profile
from kotacerdas.programme.actions.institutions import do_save_institution

pytestmark = pytest.mark.django_db
YEAR = 2027


def test_levels_are_proportional_and_exact() -> None:
    assert proportional_level(3, 5) == 3
    assert proportional_level(2, 3) * 3 == 10
    assert proportional_level(0, 0) is None
    counts = [DimensionCount("living", 3, 5), DimensionCount("governance", 1, 1)]
    assert counts[0].level == 3 and outcome_level(counts) == Fraction(10, 3)
    with pytest.raises(ValueError):
        proportional_level(6, 5)


@pytest.fixture
def salatiga_2027(ayu, budi, region_a, dinkes_a):  # type: ignore[no-untyped-def]
    do_save_profile(budi, region_a, period_start=2026, period_end=2030, vision="Salatiga cerdas")
    budget = {(YEAR, "APBD"): Decimal(100_000_000)}
    programmes = [initiative(budi, region_a, f"LV-0{n}", dinkes_a, "living", budget) for n in range(1, 6)]
    period = do_open_period(budi, region_a, year=YEAR, closes_on=date(YEAR + 1, 1, 31))
    for programme, status in zip(
        programmes, ["running", "running", "completed", "not_started"], strict=False
    ):
        report = do_save_initiative_report(budi, period, programme, implementation=status, submit=True)
        do_review_report(budi, report, decision="approved")
    do_save_institution(
        ayu, region_a, kind="dewan", decree_number="188/12/2026", decree_date=date(2026, 3, 1)
    )
    cycle = do_open_cycle(
        ayu,
        year=YEAR,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=[region_a],
        self_assessment_until=date(YEAR, 8, 31),
        verification_until=date(YEAR, 10, 31),
        publication_on=date(YEAR, 12, 5),
    )
    return cycle, Participant.objects.get(cycle=cycle, region=region_a)


def test_outcome_is_prefilled_as_three_of_five_with_its_level_and_source(salatiga_2027, budi) -> None:
    _cycle, participant = salatiga_2027
    answers = {a.indicator: a for a in participant.assessment.answers.all()}
    assert answers["outcome"].value == "3"
    assert "Smart Living: 3 dari 5 program masterplan berjalan (level 3,00)" in answers["outcome"].explanation
    assert answers["output"].value == "5/3"  # one of three foundations: the Dewan with its SK
    assert "1 dari 3" in answers["output"].explanation
    assert answers["baseline"].value == ""  # the first evaluation of Salatiga
    assert "tahun dasar" in answers["baseline"].explanation.lower()
    assert answers["impact"].value == ""
    source = EvidenceLink.objects.get(assessment=participant.assessment, indicator="outcome", kind="source")
    assert source.url in answers["outcome"].explanation
    assert logged_in(budi).get(source.url).status_code == 200  # the link resolves for Budi


def test_tono_adjusts_with_a_reason_and_the_cycle_takes_the_verified_scores(
    salatiga_2027, ayu, budi, tono
) -> None:
    cycle, participant = salatiga_2027
    form = participant.assessment
    with pytest.raises(ValidationError, match="Belum ada swanilai siklus ini yang terverifikasi"):
        do_take_verified_scores(ayu, cycle)  # nothing verified yet: nothing changes
    # no record for these: no Quick Win milestone is planned, Impact has none, and 2027 is the base year
    for part, value in (("baseline", "3"), ("impact", "3.5"), ("quick_win", "4")):
        answering.do_save_answer(budi, form, part, value=value, explanation="isian Budi")
    reviewing.do_submit(budi, form)
    answering.do_assign_assessor(ayu, form, tono)
    reviewing.do_start_review(tono, form)
    reviewing.do_add_note(tono, form, text="Wawancara: satu program baru uji coba.")
    for answer in form.answers.all():
        if answer.indicator == "outcome":
            with pytest.raises(ValidationError):
                reviewing.do_review_answer(tono, answer, decision="adjust", value="2.5", reason="")
            reviewing.do_review_answer(
                tono,
                answer,
                decision="adjust",
                value="2.5",
                reason="LV-03 baru uji coba, belum berjalan penuh.",
            )
        else:
            reviewing.do_review_answer(tono, answer, decision="accept")
    reviewing.do_finish_review(tono, form)
    form.refresh_from_db()
    assert form.state == State.VERIFIED
    assert do_take_verified_scores(ayu, cycle) == 1
    participant.refresh_from_db()
    assert participant.verified
    assert participant.scores == {
        "baseline": "3",
        "output": "5/3",
        "outcome": "2.5",
        "impact": "3.5",
        "quick_win": "4",
    }
    reason = Transition.objects.get(answer__indicator="outcome", action="adjust").reason
    assert reason == "LV-03 baru uji coba, belum berjalan penuh."


def test_a_fraction_part_score_is_shown_to_four_places_in_the_letter() -> None:
    from kotacerdas.core.evaluation.letter import score_text

    assert score_text("5/3") == "1,6667" and score_text("3.475") == "3,475"


def test_budis_region_page_links_the_form_and_its_sources(salatiga_2027, budi, region_a) -> None:
    from django.urls import reverse

    _cycle, participant = salatiga_2027
    page = logged_in(budi).get(reverse("regions:workspace", args=[region_a.code])).content.decode()
    form = reverse("assessment:detail", args=[region_a.code, participant.assessment.pk])
    assert f'href="{form}" data-testid="self-assessment"' in page
    for link in EvidenceLink.objects.filter(assessment=participant.assessment):
        assert f'href="{link.url}"' in page


def test_taking_scores_before_any_verification_is_refused_on_the_page(salatiga_2027, as_ayu) -> None:
    from django.urls import reverse

    cycle, participant = salatiga_2027
    response = as_ayu.post(reverse("evaluation:take_scores", args=[cycle.pk]), follow=True)
    assert "Belum ada swanilai siklus ini yang terverifikasi." in response.content.decode()
    participant.refresh_from_db()
    assert participant.scores == {} and not participant.verified

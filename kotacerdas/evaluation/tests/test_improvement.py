"""The improvement is measured against the region's published result of the year before, whichever way
the scores came in (the CSV, or the verified self-assessments)."""

from datetime import date

import pytest
from django.urls import reverse

from kotacerdas.evaluation.actions import do_enter_results, do_open_cycle, do_publish
from kotacerdas.evaluation.models import Cycle, Participant, Publication
from kotacerdas.evaluation.tests.test_cycle import upload
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db

HEADER = "region_code,baseline,output,outcome,impact,quick_win,previous_total\n"
# 2026: Salatiga's total with the 10/20/30/20/20 weights is 3.35 (the demo's example values)
SALATIGA_2026 = HEADER + "33.73,3.5,3.2,3.4,3.1,3.6,3.12\n"
SALATIGA_2027 = HEADER + "33.73,3.6,3.4,3.5,3.3,3.6,\n"  # total 3.47


def cycle_of(ayu, year: int) -> Cycle:  # type: ignore[no-untyped-def]
    return do_open_cycle(
        ayu,
        year=year,
        instrument="monev-2022",
        scheme="pp26-2008",
        regions=Region.objects.filter(code="33.73"),
        self_assessment_until=date(year, 8, 31),
        verification_until=date(year, 10, 31),
        publication_on=date(year, 12, 5),
    )


def salatiga_row(cycle: Cycle) -> dict[str, str]:
    publication = Publication.objects.get(cycle=cycle)
    return next(row for row in publication.rows if row["region_code"] == "33.73")


def test_scores_from_a_csv_are_compared_with_the_published_previous_year(as_ayu, ayu) -> None:
    published = cycle_of(ayu, 2026)
    do_enter_results(ayu, published, SALATIGA_2026)
    do_publish(ayu, published)
    assert salatiga_row(published)["total"] == "3.35"
    cycle = cycle_of(ayu, 2027)
    saved = as_ayu.post(reverse("evaluation:results", args=[cycle.pk]), {"upload": upload(SALATIGA_2027)})
    assert saved.status_code == 302
    assert Participant.objects.get(cycle=cycle).previous_total == "3.35"
    do_publish(ayu, cycle)
    assert salatiga_row(cycle)["improvement"] == "0.12"
    page = as_ayu.get(reverse("evaluation:cycle", args=[cycle.pk])).content.decode()
    assert '<td class="num">+0,12</td>' in page


def test_a_previous_total_that_contradicts_the_publication_is_refused(as_ayu, ayu) -> None:
    published = cycle_of(ayu, 2026)
    do_enter_results(ayu, published, SALATIGA_2026)
    do_publish(ayu, published)
    cycle = cycle_of(ayu, 2027)
    url = reverse("evaluation:results", args=[cycle.pk])
    agreeing = SALATIGA_2027.replace("3.6,\n", '3.6,"3,350"\n')  # the same number, written otherwise
    assert as_ayu.post(url, {"upload": upload(agreeing)}).status_code == 302
    differing = SALATIGA_2027.replace("3.6,\n", "3.6,3.4\n")
    response = as_ayu.post(url, {"upload": upload(differing)})
    assert response.status_code == 400
    assert response.context["results_form"].errors["upload"] == [
        "baris 2 (33.73): previous_total 3,4 berbeda dengan total yang diterbitkan untuk 2026 (3,35): "
        "kosongkan saja"
    ]


def test_a_previous_year_published_after_the_scores_were_entered_still_counts(ayu) -> None:
    earlier, later = cycle_of(ayu, 2026), cycle_of(ayu, 2027)
    do_enter_results(ayu, later, SALATIGA_2027)  # 2026 is not published yet: no previous total
    do_enter_results(ayu, earlier, SALATIGA_2026)
    do_publish(ayu, earlier)
    do_publish(ayu, later)
    assert salatiga_row(later)["improvement"] == "0.12"
    assert Publication.objects.get(cycle=later).inputs["33.73"]["previous_total"] == "3.35"


def test_the_baseline_note_writes_the_published_total_as_the_letter_does(ayu) -> None:
    published = cycle_of(ayu, 2026)
    do_enter_results(
        ayu, published, HEADER.replace(",previous_total", "") + "33.73,3.84,3.18,3.53,3.63,3.35\n"
    )
    do_publish(ayu, published)
    assert salatiga_row(published)["total"] == "3.475"
    answers = {
        a.indicator: a for a in Participant.objects.get(cycle=cycle_of(ayu, 2027)).assessment.answers.all()
    }
    assert "total 3,475." in answers["baseline"].explanation

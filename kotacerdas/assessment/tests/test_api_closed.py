"""The assessment API says why a closed assessment is closed, as its pages' banner does.

Before: ``GET /api/v1/regions/{code}/assessments[/{id}]`` answered ``"state": "closed"`` and nothing
more, so a region's own system could not tell a cycle's publication from a mistake. Now each assessment
carries ``closed``: null while it is not closed, else who closed it, when, and why, worded in the
reader's language. Every member of the region reads it (the coordinator, the OPD contributor, the
assessor, the mentor) and the national admin; another region's coordinator gets 404 and nobody
without a token gets in.
"""

from __future__ import annotations

from datetime import date

import pytest
from django.test import Client
from rest_framework.authtoken.models import Token

from kotacerdas.assessment.actions import closing
from kotacerdas.assessment.models import Assessment, State, Transition
from kotacerdas.audit import reasons
from kotacerdas.web.api import api_time

pytestmark = pytest.mark.django_db

FACTS = reasons.cycle_published(cycle=None, year=2027, published_on=date(2027, 12, 5))
REASON_ID = "Ditutup karena siklus evaluasi 2027 diterbitkan pada 5 Desember 2027."
REASON_EN = "Closed because the evaluation cycle 2027 was published on 5 December 2027."


def api(user, path: str, language: str = "id"):  # type: ignore[no-untyped-def]
    """A GET with the user's token, in the language the language switch's cookie chose."""
    token, _created = Token.objects.get_or_create(user=user)
    client = Client()
    client.cookies["django_language"] = language
    return client.get(path, HTTP_AUTHORIZATION=f"Token {token.key}")


def paths(assessment: Assessment) -> tuple[str, str]:
    listing = f"/api/v1/regions/{assessment.region.code}/assessments"
    return listing, f"{listing}/{assessment.pk}"


def listed(user, assessment: Assessment) -> dict:  # type: ignore[no-untyped-def]
    response = api(user, paths(assessment)[0])
    assert response.status_code == 200
    return next(row for row in response.json()["results"] if row["id"] == assessment.pk)


def test_an_assessment_not_closed_says_closed_null(assessment, budi) -> None:
    _listing, detail = paths(assessment)
    assert api(budi, detail).json()["closed"] is None
    assert listed(budi, assessment)["closed"] is None


@pytest.mark.parametrize("reader", ["budi", "sari", "tono", "rina", "ayu"])
def test_every_reader_of_the_region_sees_who_closed_it_when_and_why(request, assessment, ayu, reader) -> None:
    closing.do_close(ayu, assessment, reason=FACTS)
    step = Transition.objects.get(assessment=assessment, to_state=State.CLOSED)
    closed = {"who": "ayu", "when": api_time(step.created_at), "why": REASON_ID}
    user = request.getfixturevalue(reader)
    body = api(user, paths(assessment)[1]).json()
    assert (body["state"], body["closed"]) == ("closed", closed)
    assert listed(user, assessment)["closed"] == closed


def test_the_reason_is_worded_in_the_requests_language(assessment, ayu, budi) -> None:
    closing.do_close(ayu, assessment, reason=FACTS)
    assert api(budi, paths(assessment)[1], "en").json()["closed"]["why"] == REASON_EN


def test_a_reason_a_person_gave_is_their_own_words(assessment, ayu, budi) -> None:
    closing.do_close(ayu, assessment, reason="Wilayah mengundurkan diri dari program.")
    closed = api(budi, paths(assessment)[1], "en").json()["closed"]
    assert closed["why"] == "Wilayah mengundurkan diri dari program."


def test_another_region_and_no_token_see_nothing(assessment, ayu, dewi) -> None:
    closing.do_close(ayu, assessment, reason=FACTS)
    for path in paths(assessment):
        assert api(dewi, path).status_code == 404
        assert Client().get(path).status_code == 401

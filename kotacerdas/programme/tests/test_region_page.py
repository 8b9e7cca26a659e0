"""A region's page gathers everything about it: the programme card shows stage, MoU, mentors, what was
returned and why, and what is due next, only for people who may see that region's programme."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from conftest import forget_inbox_badge, logged_in, make_person
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.tests.conftest import deliverable_of

pytestmark = pytest.mark.django_db

SALATIGA = reverse("regions:workspace", args=["33.73"])


def return_with_reason(team_member, mentor, deliverable, reason: str) -> None:  # type: ignore[no-untyped-def]
    do_add_submitted_item(team_member, deliverable, label="Dokumen", link="/r/33.73/opd/")
    do_submit_deliverable(team_member, deliverable)
    do_review_deliverable(mentor, deliverable, decision="returned", reason=reason)


def test_budi_sees_stage_mou_mentor_and_what_was_returned_and_why(selected, budi, rina, dewi, ayu) -> None:
    return_with_reason(budi, rina, deliverable_of(selected["33.73"], "swot"), "SWOT belum per elemen")
    return_with_reason(dewi, ayu, deliverable_of(selected["34.04"], "swot"), "Rahasia Sleman")
    body = logged_in(budi).get(SALATIGA).content.decode()
    assert 'id="section-programme"' in body
    assert 'data-testid="region-current-stage">Bimtek I<' in body
    assert "NK-33.73/2026" in body
    assert "Rina" in body
    assert "Dikembalikan untuk revisi" in body
    assert "SWOT belum per elemen" in body
    assert "Rahasia Sleman" not in body  # region B's review never shows on region A's page
    assert "Tenggat berikutnya" in body
    assert reverse("programme:region", args=["33.73"]) in body


def test_the_other_sections_say_what_is_not_there_yet(selected, budi) -> None:
    body = logged_in(budi).get(SALATIGA).content.decode()
    assert "Belum ada asesmen: asesmen mengukur" in body
    assert "Masterplan belum dimulai: masterplan memuat" in body
    assert "Belum ada buku yang dibuat: buku" in body
    order = [body.index(f'id="section-{key}"') for key in ("assessment", "programme", "masterplan", "books")]
    assert order == sorted(order)


def test_a_mentor_not_assigned_to_the_region_sees_no_programme_card(selected, ayu, region_a) -> None:
    joko = make_person(ayu, "joko", "mentor", region_a)
    response = logged_in(joko).get(SALATIGA)
    assert response.status_code == 200
    assert 'id="section-programme"' not in response.content.decode()
    assert 'id="section-assessment"' in response.content.decode()


def test_a_region_never_invited_says_so(ayu, region_a, budi) -> None:
    body = logged_in(budi).get(SALATIGA).content.decode()
    assert "Wilayah ini belum diundang ke kohort mana pun." in body


def test_more_returned_deliverables_do_not_mean_more_queries(selected, budi, rina) -> None:
    client = logged_in(budi)
    return_with_reason(budi, rina, deliverable_of(selected["33.73"], "swot"), "Perbaiki SWOT")
    with CaptureQueriesContext(connection) as one:
        assert client.get(SALATIGA).status_code == 200
    for code in ("readiness-gap", "vision-keywords"):
        return_with_reason(budi, rina, deliverable_of(selected["33.73"], code), f"Perbaiki {code}")
    forget_inbox_badge(client)  # both first views of the minute: the navigation counts the inbox
    with CaptureQueriesContext(connection) as three:
        body = client.get(SALATIGA).content.decode()
    assert "Perbaiki vision-keywords" in body
    assert len(three) == len(one)

"""The programme's part of each person's inbox: deliverables owed, returned and waiting for review."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.programme.actions.deliverables import (
    do_add_submitted_item,
    do_review_deliverable,
    do_submit_deliverable,
)
from kotacerdas.programme.models import Deliverable
from kotacerdas.programme.tests.conftest import deliverable_of

pytestmark = pytest.mark.django_db


def inbox_page(user) -> str:
    return logged_in(user).get(reverse("inbox")).content.decode()


def hand_in(budi, deliverable) -> None:
    do_add_submitted_item(budi, deliverable, label="Draf", link="/r/33.73/")
    do_submit_deliverable(budi, deliverable, note="Hasil Bimtek I")


def test_budi_sees_every_deliverable_his_region_owes_as_overdue(selected, budi) -> None:
    owed = Deliverable.objects.filter(region__code="33.73", status="pending")
    assert owed.count() > 3
    body = inbox_page(budi)
    assert body.count("Serahkan “") == owed.count()  # all Bimtek stages are past (the cohort is 2026)
    assert "Terlambat" in body and "lewat tenggat 2 Jul 2026" in body
    swot = deliverable_of(selected["33.73"], "swot")
    assert swot.get_absolute_url() in body
    assert "/r/34.04/" not in body  # Dewi's region owes the same items


def test_a_returned_deliverable_appears_for_the_coordinator_with_the_reason(selected, budi, rina) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    do_review_deliverable(rina, swot, decision="returned", reason="Tambahkan analisis ancaman.")
    body = inbox_page(budi)
    assert "Dikembalikan kepada saya" in body
    assert "Perbaiki dan kirim ulang “SWOT per elemen (Bimtek I)”" in body
    assert "Serahkan “SWOT per elemen" not in body
    assert "Tambahkan analisis ancaman." in body


def test_rina_is_asked_to_review_what_her_region_submitted(selected, budi, dewi, rina) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    sleman = deliverable_of(selected["34.04"], "swot")
    do_add_submitted_item(dewi, sleman, label="Draf", link="/r/34.04/")
    do_submit_deliverable(dewi, sleman, note="")
    body = inbox_page(rina)
    assert "Untuk ditinjau atau disetujui" in body
    assert body.count("Tinjau “") == 1
    assert swot.get_absolute_url() in body
    assert sleman.get_absolute_url() not in body  # Rina mentors Salatiga only
    assert "Serahkan “" not in body  # handing in is the region's work, not the mentor's

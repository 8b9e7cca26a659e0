"""Control characters pasted into a form or a JSON body are removed at the boundary, so what is stored
can always be exported (XLSX and DOCX cannot hold them)."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in
from kotacerdas.programme.models import Transition
from kotacerdas.programme.tests.conftest import deliverable_of
from kotacerdas.programme.tests.test_api import deliverable_url, hand_in, token_client
from kotacerdas.regions.models import Opd

pytestmark = pytest.mark.django_db

PASTED = "Mohon\x0b ditinjau\x1b[0m\x07 segera\tya"


def test_a_json_note_loses_its_control_characters_and_keeps_tabs(selected, budi) -> None:
    swot = deliverable_of(selected["33.73"], "swot")
    hand_in(budi, swot)
    response = token_client(budi).post(
        deliverable_url(swot, "submit"), {"note": PASTED}, content_type="application/json"
    )
    assert response.status_code == 200
    assert Transition.objects.filter(deliverable=swot).latest("pk").reason == "Mohon ditinjau[0m segera\tya"


def test_a_form_value_loses_its_control_characters(ayu, region_a) -> None:
    response = logged_in(ayu).post(
        reverse("regions:opds", args=[region_a.code]),
        {"name": "Dinas\x0b Kominfo\x1b", "short_name": "Kominfo"},
    )
    assert response.status_code == 302
    assert Opd.objects.filter(region=region_a, name="Dinas Kominfo").exists()

"""The masterplan lists name dimensions and elements in the reader's words, not by their codes."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.planning.analysis.actions import do_add_statement
from kotacerdas.planning.conftest import add_initiative

pytestmark = pytest.mark.django_db


def table_of(html: str) -> str:
    return html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]


def test_the_initiatives_list_names_the_element(as_budi, budi, region_a, masterplan_a, dinkes_a) -> None:
    add_initiative(budi, region_a, "GOV-01", dinkes_a)  # element governance.service
    rows = table_of(as_budi.get(reverse("planning:initiatives", args=[region_a.code])).text)
    assert "<td>Smart Governance – Pelayanan Publik</td>" in rows
    assert "governance.service" not in rows


def test_the_strategy_list_names_the_dimension(as_budi, budi, region_a, masterplan_a) -> None:
    do_add_statement(budi, region_a, kind="goal", dimension="living", text="Waktu tunggu puskesmas turun")
    rows = table_of(as_budi.get(reverse("planning:strategy", args=[region_a.code])).text)
    assert "<td>Smart Living</td>" in rows and "<td>living</td>" not in rows


def test_english_readers_get_the_english_names(as_budi, budi, region_a, masterplan_a, dinkes_a) -> None:
    add_initiative(budi, region_a, "GOV-01", dinkes_a)
    as_budi.cookies["django_language"] = "en"
    rows = table_of(as_budi.get(reverse("planning:initiatives", args=[region_a.code])).text)
    assert "<td>Smart Governance – Service</td>" in rows

"""The national page's evaluation block writes a total as the evaluation pages do, classes smallest first."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from kotacerdas.evaluation.actions import do_enter_results, do_publish
from kotacerdas.evaluation.tests.test_cycle import GOOD, open_cycle

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(ayu):  # type: ignore[no-untyped-def]
    cycle = open_cycle(ayu)  # Jambi 3.475 (besar); Salatiga, Kediri sedang; Yogyakarta not verified
    do_enter_results(ayu, cycle, GOOD)
    do_publish(ayu, cycle)
    return cycle


def test_a_total_reads_the_same_on_the_cycle_page_and_the_national_portal(published, as_ayu) -> None:
    cycle_page = as_ayu.get(reverse("evaluation:cycle", args=[published.pk])).content.decode()
    jambi = re.search(r"<td>15\.71</td><td>Kota Jambi</td><td class=\"num\">([^<]*)</td>", cycle_page)
    assert jambi is not None and jambi.group(1) == "3,475"
    portal = Client().get(reverse("portal:national")).content.decode()
    assert "Kota Jambi · 3,475" in portal


def test_the_size_classes_come_smallest_first(published) -> None:
    portal = Client().get(reverse("portal:national")).content.decode()
    assert re.findall(r"<section class=\"panel\"><h3>([^<]*)</h3>", portal) == ["sedang", "besar"]

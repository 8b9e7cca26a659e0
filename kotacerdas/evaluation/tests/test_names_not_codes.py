"""The evaluation pages name the instruments and size-class schemes; their file ids stay in the values."""

import re

import pytest
from django.urls import reverse

from kotacerdas.evaluation.tests.test_cycle import open_cycle

pytestmark = pytest.mark.django_db

PP26 = "PP 26/2008 (IKCI 2018)"


def options(page: str, field: str) -> list[tuple[str, str]]:
    select = re.search(rf'<select name="{field}"[^>]*>(.*?)</select>', page, re.S)
    assert select is not None, field
    return re.findall(r'<option value="([^"]*)"[^>]*>([^<]*)</option>', select.group(1))


def test_opening_a_cycle_offers_the_instruments_and_schemes_by_name(as_ayu) -> None:
    page = as_ayu.get(reverse("evaluation:cycle_new")).content.decode()
    assert options(page, "instrument") == [
        ("monev-2022", "Evaluasi Smart City 2022 (lima dimensi evaluasi) (2022.1)"),
        ("monev-sleman", "Evaluasi Smart City, bobot Sleman (lima dimensi evaluasi) (sleman.1)"),
    ]
    assert options(page, "scheme") == [("pp26-2008", PP26), ("rkci-2017", "IKCI 2015 / RKCI 2017")]


def test_the_cycle_list_and_page_name_the_size_class_scheme(as_ayu, ayu) -> None:
    cycle = open_cycle(ayu)
    for url in (reverse("evaluation:cycles"), reverse("evaluation:cycle", args=[cycle.pk])):
        page = as_ayu.get(url).content.decode()
        assert PP26 in page and "pp26-2008" not in page, url

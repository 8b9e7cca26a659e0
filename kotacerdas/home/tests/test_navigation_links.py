"""The navigation offers a region's assessments only to someone who may open them: Dewi (Sleman) on
Salatiga's public books page gets no link that would be a 404."""

from __future__ import annotations

import pytest
from django.urls import reverse

from conftest import logged_in

pytestmark = pytest.mark.django_db


def test_a_public_page_of_another_region_links_no_assessments(budi, dewi, ayu, region_a) -> None:
    public_page = reverse("documents:public", kwargs={"code": region_a.code})
    link = 'href="/r/33.73/asesmen/"'
    assert link not in logged_in(dewi).get(public_page).text
    for member in (budi, ayu):
        assert link in logged_in(member).get(public_page).text
    assert logged_in(dewi).get("/r/33.73/asesmen/").status_code == 404  # what the link would have given

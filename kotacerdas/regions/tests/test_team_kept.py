"""The region page's team and OPD list are kept against the region's change stamp (issue 13, item 11):
a repeat view reads neither, and every change that shows there renews them."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext, override_settings
from django.urls import reverse

from conftest import logged_in
from kotacerdas.accounts.actions import do_update_user
from kotacerdas.regions.actions import do_create_opd

pytestmark = pytest.mark.django_db


def _view(client, region) -> tuple[str, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("regions:workspace", args=[region.code]))
    assert response.status_code == 200
    return response.content.decode(), " ".join(query["sql"] for query in captured)


@override_settings(REGION_SECTIONS_VERIFY_CACHE=False)  # the suite renders kept fragments again to compare
def test_a_repeat_view_reads_neither_the_team_nor_the_opds(as_budi, region_a, dinkes_a) -> None:
    html, first = _view(as_budi, region_a)
    assert "Dinas Kesehatan" in html and '"regions_opd"' in first
    again, second = _view(as_budi, region_a)
    assert "Dinas Kesehatan" in again  # from the kept fragment
    assert '"regions_opd"' not in second and '"accounts_membership"."opd_id" =' not in second


def test_a_renamed_member_and_a_new_opd_show_at_once(as_budi, ayu, budi, sari, region_a) -> None:
    _view(as_budi, region_a)
    do_update_user(ayu, sari, first_name="Sarimah")
    do_create_opd(budi, region_a, name="Dinas Komunikasi dan Informatika")
    html, _sql = _view(as_budi, region_a)
    assert "Sarimah" in html and "Dinas Komunikasi dan Informatika" in html


def test_only_a_manager_sees_the_manage_button_whoever_viewed_first(budi, sari, region_a) -> None:
    button = reverse("regions:opds", args=[region_a.code])
    as_sari, as_budi = logged_in(sari), logged_in(budi)
    assert button not in _view(as_sari, region_a)[0]
    assert button in _view(as_budi, region_a)[0]
    assert button not in _view(as_sari, region_a)[0]

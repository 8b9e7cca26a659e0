"""A button sent twice (``page.run``): one Quick Win, and the repeat is told it was already sent."""

from __future__ import annotations

import pytest
from django.urls import reverse

from kotacerdas.planning.models import QuickWin
from kotacerdas.web.submissions import new_token

pytestmark = pytest.mark.django_db


def test_selecting_a_quick_win_twice_with_one_form_selects_once(as_budi, region_a, plan_a) -> None:
    url = reverse("planning:quickwin_select", args=[region_a.code, plan_a["portal"].pk])
    form = {"year": 2027, "submission_token": new_token()}
    assert as_budi.post(url, form).status_code == 302
    again = as_budi.post(url, form).content.decode()
    assert "Formulir ini sudah dikirim; isinya tidak disimpan dua kali." in again
    assert "sudah menjadi Quick Win" not in again  # the action did not run a second time
    assert QuickWin.objects.count() == 1

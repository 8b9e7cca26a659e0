"""Text people write without spaces (a long word, a link, a name) wraps instead of pushing a page wider
than a phone: an idea titled with 120 letters and no space, by a citizen with a 60-letter name."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import assert_pages_fit

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_an_unbroken_title_and_name_wrap_on_a_phone(page, budi, region_a) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from kotacerdas.participation.actions.setup import do_add_phase, do_create_consultation
    from kotacerdas.participation.conftest import make_citizen, post_idea

    consultation = do_create_consultation(budi, region_a, title="Masalah kota Salatiga")
    today = timezone.localdate()
    do_add_phase(budi, consultation, name="Pengumpulan", starts_on=today, ends_on=today + timedelta(days=14))
    citizen = make_citizen("Andi" + "Panjang" * 8, "andi@example.org")
    idea = post_idea(citizen, consultation, title="Jalan" + "Rusak" * 23)

    page.goto(page.base_url + consultation.get_absolute_url())
    expect(page.get_by_text("JalanRusakRusak", exact=False).first).to_be_visible()
    page.goto(page.base_url + idea.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("JalanRusak")
    assert_pages_fit(page)  # both pages at 1366 and 390 px wide: neither scrolls sideways

"""axe-core in a real browser on the public pages: no "serious" or "critical" violation.

axe-core's own build (axe.min.js) comes from the ``axe-playwright-python`` wheel, a dev dependency
in pyproject.toml: pip installs it with everything else, nothing is fetched from npm or a CDN at
run time, and the script is evaluated through Playwright (so the page's Content-Security-Policy,
which forbids inline scripts, does not block it). Without it the test is skipped with the reason,
unless KOTACERDAS_REQUIRE_BROWSER is set (as in .ci/run): then it fails.

To check another public page, add its URL name (and its kwargs) to PUBLIC_PAGES.
"""

from __future__ import annotations

import os
from datetime import date
from typing import Any

import pytest
from django.urls import reverse

from conftest import REGION_A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# (URL name, kwargs): the pages anyone may open without logging in.
PUBLIC_PAGES: list[tuple[str, dict[str, Any]]] = [
    ("home", {}),
    ("regions:catalogue", {}),
    ("regions:size_schemes", {}),
    ("documents:public", {"code": REGION_A}),
    ("login", {}),
    ("accounts:privacy", {}),
]
BLOCKING = {"serious", "critical"}


def axe_script() -> str:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        reason = "axe-core is not installed (pip install -e '.[dev]' brings axe-playwright-python)"
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail(reason)
        pytest.skip(reason)
    return str(Axe().axe_script)


def violations(page) -> list[str]:  # type: ignore[no-untyped-def]
    page.evaluate(axe_script())
    results = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['impact']} {v['id']}: {v['help']} — {[n['target'] for n in v['nodes']][:3]}"
        for v in results["violations"]
        if v["impact"] in BLOCKING
    ]


@pytest.mark.parametrize(("name", "kwargs"), PUBLIC_PAGES, ids=[name for name, _kwargs in PUBLIC_PAGES])
def test_public_pages_have_no_serious_accessibility_violation(page, name, kwargs) -> None:  # type: ignore[no-untyped-def]
    response = page.goto(page.base_url + reverse(name, kwargs=kwargs))
    assert response is not None and response.status == 200
    assert violations(page) == []


@pytest.mark.parametrize("width", [390])
def test_the_privacy_notice_on_a_phone(page, width) -> None:  # type: ignore[no-untyped-def]
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(page.base_url + reverse("accounts:privacy"))
    assert violations(page) == []


def test_the_check_sees_a_violation_when_there_is_one(page) -> None:  # type: ignore[no-untyped-def]
    """A control: an image without alternative text (critical for axe) is reported."""
    page.goto(page.base_url + reverse("accounts:privacy"))
    page.evaluate("document.querySelector('main').insertAdjacentHTML('beforeend', '<img src=\"/x.png\">')")
    assert any("image-alt" in found for found in violations(page))


def test_the_portal_and_participation_pages_of_a_published_region(  # type: ignore[no-untyped-def]
    page, budi, sari, region_a, dinkes_a
) -> None:
    """The pages a citizen reads most: the national portal, a published region's page (with its KPI
    charts), its open data, the consultations and the sign-up form."""
    from kotacerdas.participation.actions.setup import do_add_phase, do_create_consultation
    from kotacerdas.portal.actions import do_publish_portal
    from kotacerdas.portal.tests.builders import approved_plan

    approved_plan(budi, sari, region_a, dinkes_a)
    do_publish_portal(budi, region_a, parts=["vision", "kpis", "events"])
    consultation = do_create_consultation(budi, region_a, title="Masalah kota (contoh)")
    do_add_phase(
        budi, consultation, name="Pengumpulan masalah", starts_on=date(2020, 1, 1), ends_on=date(2099, 1, 1)
    )
    pages = [
        ("portal:national", {}),
        ("portal:region", {"code": REGION_A}),
        ("portal:data_index", {}),
        ("participation:index", {}),
        ("participation:consultation", {"consultation_id": consultation.pk}),
        ("participation:signup", {}),
    ]
    found = {}
    for name, kwargs in pages:
        response = page.goto(page.base_url + reverse(name, kwargs=kwargs))
        assert response is not None and response.status == 200, name
        found[name] = violations(page)
    assert found == {name: [] for name, _kwargs in pages}


def test_a_table_wider_than_a_phone_is_reachable_by_keyboard(page) -> None:  # type: ignore[no-untyped-def]
    """The regions table scrolls inside its box on a phone: the box joins the Tab order, named, so the
    columns past the edge can be scrolled to without a mouse (axe: scrollable-region-focusable)."""
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + reverse("regions:catalogue"))
    wrap = page.locator(".table-wrap").first
    assert wrap.evaluate("w => w.scrollWidth > w.clientWidth")
    assert violations(page) == []
    assert (
        wrap.get_attribute("tabindex") == "0"
        and wrap.get_attribute("aria-label") == "Tabel (dapat digeser ke samping)"
    )
    page.set_viewport_size({"width": 1366, "height": 800})  # it fits: out of the Tab order again
    page.wait_for_function("() => !document.querySelector('.table-wrap').hasAttribute('tabindex')")

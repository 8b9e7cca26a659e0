"""Real-browser journeys: Playwright driving Debian's headless Chromium.

Chromium comes from the distribution (`apt-get install chromium`), never from
Playwright's own download, which needs the network. Without it these tests are
skipped, unless KOTACERDAS_REQUIRE_BROWSER is set (as in .ci/run).
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reference_data import restore_reference_data

CHROMIUM = os.environ.get("KOTACERDAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# A journey takes up to a minute on a loaded 2-core machine. One that passes this stopped at a hang
# (once, a Chromium or live-server connection that never answered, with no Playwright timeout firing)
# and is tried once more; any other failure, a wrong page or a missing text, fails at once.
JOURNEY_TIMEOUT = 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.path).parents:
            item.add_marker(pytest.mark.timeout(JOURNEY_TIMEOUT))
            item.add_marker(pytest.mark.flaky(reruns=1, only_rerun=[r"Timeout \(>"]))


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    if not Path(CHROMIUM).exists():
        if os.environ.get("KOTACERDAS_REQUIRE_BROWSER"):
            pytest.fail(f"Chromium not found at {CHROMIUM}; install Debian's chromium package")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1366, "height": 768}, locale="id-ID")
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.base_url = live_server.url
    refused: list[str] = []
    page.on("console", lambda message: _note_csp_refusal(message, refused))
    watch_widths(page)
    yield page
    assert_pages_fit(page)
    context.close()
    # Every journey also proves its pages work under the Content-Security-Policy.
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


def _note_csp_refusal(message, refused: list[str]) -> None:  # type: ignore[no-untyped-def]
    if "Content Security Policy" in message.text:
        refused.append(message.text)


# Acceptance of issue 12: no page of a journey scrolls sideways on a laptop or on a phone.
VIEWPORTS = ({"width": 1366, "height": 768}, {"width": 390, "height": 844})
NOT_OURS = ("/api/", "/admin/")  # Swagger UI / ReDoc and Django's admin lay themselves out


def watch_widths(page) -> None:  # type: ignore[no-untyped-def]
    """Note every page the journey opens; assert_pages_fit measures them at both sizes."""
    page.kc_visited = []

    def note(frame) -> None:  # type: ignore[no-untyped-def]
        if frame == page.main_frame and frame.url.startswith(page.base_url):
            path = frame.url[len(page.base_url) :]
            if not path.startswith(NOT_OURS) and path not in page.kc_visited:
                page.kc_visited.append(path)

    page.on("framenavigated", note)


def assert_pages_fit(page) -> None:  # type: ignore[no-untyped-def]
    """Open every page noted so far again, as the same person, at 1366×768 and 390×844, and fail when
    the document is wider than the window (document.documentElement.scrollWidth > innerWidth)."""
    visited = getattr(page, "kc_visited", None)
    if not visited:
        return
    from playwright.sync_api import Error as PlaywrightError

    probe = page.context.new_page()
    too_wide = []
    try:
        for viewport in VIEWPORTS:
            probe.set_viewport_size(viewport)
            for path in visited:
                try:
                    response = probe.goto(page.base_url + path)
                except PlaywrightError:
                    continue  # a download (an evidence file, a book), not a page
                if response is None or "text/html" not in (response.headers.get("content-type") or ""):
                    continue
                width = probe.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
                if width[0] > width[1]:
                    too_wide.append(f"{path} at {viewport['width']} px: {width[0]} px wide")
    finally:
        probe.close()
        visited.clear()
    assert too_wide == [], "pages that scroll sideways:\n" + "\n".join(too_wide)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real form with the test personas' password, and the two-factor code when
    the person's role asks for one.

    The pages the previous person opened are measured first, while their session still holds."""
    from conftest import PASSWORD

    assert_pages_fit(page)
    needs_code = prepare_second_step(username)
    # Leave the previous page first: one that follows a job (live-status.js) may reload itself, and a
    # reload starting while the login page is on its way cancels that (Page.goto: net::ERR_ABORTED).
    # about:blank is there at once, and no script of the old page runs after it.
    page.goto("about:blank")
    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    if needs_code:
        pass_second_step(page, username)


def prepare_second_step(username: str) -> bool:
    """A national admin or assessor has (or now gets) a confirmed test device, made before the login
    so the server sees it; True when the code step will follow."""
    from kotacerdas.accounts.models import User
    from kotacerdas.accounts.two_factor import must_use_two_factor
    from tests.two_factor import confirmed_device

    person = User.objects.filter(username=username).first()
    if person is None or not must_use_two_factor(person):
        return False
    confirmed_device(person)
    return True


def pass_second_step(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Type the code the person's (test) authenticator app shows, as they would (tests/two_factor.py)."""
    from kotacerdas.accounts.models import User
    from tests.two_factor import totp_code_for

    page.wait_for_url(re.compile(r"/masuk/dua-langkah/(\?|$)"))
    page.locator("#id_token").fill(totp_code_for(User.objects.get(username=username)))
    page.get_by_role("button", name="Konfirmasi").click()
    page.wait_for_load_state()


def save_screenshot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    """Refresh docs/screenshots when KOTACERDAS_SCREENSHOTS=1 (kept out of normal runs)."""
    if os.environ.get("KOTACERDAS_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=False)


@pytest.fixture(autouse=True)
def _restore_reference_data(django_db_serialized_rollback: None) -> None:
    """Live-server tests commit for real and the database is flushed after each; the migrated
    reference data must be back first (see tests/reference_data.py)."""
    restore_reference_data()

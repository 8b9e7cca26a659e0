"""Real-browser journeys: Playwright driving Debian's headless Chromium.

Chromium comes from the distribution (`apt-get install chromium`), never from
Playwright's own download, which needs the network. Without it these tests are
skipped, unless KOTACERDAS_REQUIRE_BROWSER is set (as in .ci/run).
"""

from __future__ import annotations

import os
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
    yield page
    context.close()
    # Every journey also proves its pages work under the Content-Security-Policy.
    assert refused == [], f"the Content-Security-Policy refused: {refused}"


def _note_csp_refusal(message, refused: list[str]) -> None:  # type: ignore[no-untyped-def]
    if "Content Security Policy" in message.text:
        refused.append(message.text)


def log_in(page, username: str) -> None:  # type: ignore[no-untyped-def]
    """Log in through the real form with the test personas' password."""
    from conftest import PASSWORD

    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


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

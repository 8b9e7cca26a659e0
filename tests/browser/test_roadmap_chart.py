"""The combined roadmap chart in a real browser: drawn at desktop and phone sizes, no sideways scroll.

The page fixture (conftest) also fails the test on any Content-Security-Policy refusal, so this proves
the chart runs with no inline script and nothing from another host.
"""

from __future__ import annotations

import os

import pytest

from tests.browser.conftest import SCREENSHOTS

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True, serialized_rollback=True)]

SIZES = [(1366, 768), (390, 844)]


@pytest.fixture
def demo_run():  # type: ignore[no-untyped-def]
    """The full demo (Kota Salatiga, 12 initiatives in six dimensions, one finished roadmap run)."""
    from kotacerdas.demo import load_demo
    from kotacerdas.planning.models import RoadmapRun

    load_demo()  # the roadmap run finishes inline (immediate task backend)
    return RoadmapRun.objects.get(region__code="33.73", state="done")


def _log_in_as_budi(page) -> None:  # type: ignore[no-untyped-def]
    from kotacerdas.demo import DEMO_PASSWORD

    page.goto(page.base_url + "/masuk/")
    page.get_by_label("Nama pengguna").fill("budi")
    page.get_by_label("Kata sandi").fill(DEMO_PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def _check_chart(page, width: int) -> None:  # type: ignore[no-untyped-def]
    chart = page.locator("#roadmap-chart")
    page.wait_for_selector("#roadmap-chart[data-drawn='1'] .main-svg")
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] > 400
    svg = page.locator("#roadmap-chart .main-svg").first.bounding_box()
    assert svg is not None and svg["width"] <= box["width"] + 1  # the drawing fits its column
    # full names, wrapped not cut: every word of the longest name is drawn
    names = page.evaluate(
        "JSON.parse(document.getElementById('roadmap-chart-data').textContent)"
        ".lanes.flatMap(l => l.rows.map(r => r.label))"
    )
    drawn = " ".join(chart.locator(".annotation-text").all_text_contents())
    longest = max(names, key=len)
    assert all(word in drawn for word in longest.split()), longest
    assert "Smart Governance" in drawn and "Smart Environment" in drawn
    assert "Anggaran per tahun" in drawn
    assert chart.locator(".annotation-arrow-g").count() >= 1  # dependency arrows
    # the demo's run, or (once the demo adopts it) the plan of record
    legend = chart.locator(".legendtext").first.text_content()
    assert legend in ("Hasil optimasi terakhir (belum ditetapkan)", "Rencana yang ditetapkan")


def test_the_roadmap_chart_renders_on_desktop_and_phone(page, demo_run) -> None:  # type: ignore[no-untyped-def]
    _log_in_as_budi(page)
    # the README's first picture: the demo region's workspace, where the stage board's story (Bimtek IV)
    # agrees with the adopted plan, the books and the monitoring shown beside it
    page.set_viewport_size({"width": 1366, "height": 1000})
    page.goto(f"{page.base_url}/r/33.73/")
    assert "Bimtek IV" in page.locator("main").inner_text()
    if os.environ.get("KOTACERDAS_SCREENSHOTS"):
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / "demo-region-workspace.png"))
    for width, height in SIZES:
        page.set_viewport_size({"width": width, "height": height})
        page.goto(f"{page.base_url}/r/33.73/masterplan/roadmap/")
        _check_chart(page, width)
        if os.environ.get("KOTACERDAS_SCREENSHOTS"):  # the README's picture: the chart section alone
            SCREENSHOTS.mkdir(parents=True, exist_ok=True)
            section = page.locator(".roadmap-chart-section")
            section.screenshot(path=str(SCREENSHOTS / f"roadmap-chart-{width}.png"))
        # the run page shows the same chart; it (unlike the roadmap page's pagu grid, section 4's
        # overflow finding) never scrolls sideways
        page.goto(page.base_url + demo_run.get_absolute_url())
        _check_chart(page, width)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), width


def test_a_tap_on_a_bar_tells_its_years_and_cost(page, demo_run) -> None:  # type: ignore[no-untyped-def]
    _log_in_as_budi(page)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(page.base_url + demo_run.get_absolute_url())
    page.wait_for_selector("#roadmap-chart[data-drawn='1'] .main-svg")
    bar = page.locator("#roadmap-chart .trace.bars .point path").first
    bar.scroll_into_view_if_needed()
    spot = bar.bounding_box()
    assert spot is not None
    page.mouse.move(spot["x"] + spot["width"] / 2, spot["y"] + spot["height"] / 2)  # plotly's own layer
    hover = page.locator("#roadmap-chart .hoverlayer .hovertext")
    hover.wait_for()
    assert "Rp" in (hover.text_content() or "") and "20" in (hover.text_content() or "")

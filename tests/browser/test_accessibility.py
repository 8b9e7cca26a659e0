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
import re
from datetime import date, timedelta
from types import SimpleNamespace
from typing import Any

import pytest
from django.urls import reverse
from playwright.sync_api import expect

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
# How long a test waits for a page that follows a job (live-status.js) to show a change made in the
# database: the next beat comes 2-3 s after the previous fetch ended, and each fetch renders the whole
# page again, which takes seconds on a loaded 2-core machine (CI); 10 s was too short there.
BEAT_TIMEOUT = 30_000
# The jobs these tests hold "running" beat once, when they are set up. The pages sweep a job whose beat is
# older than JOB_STALE_AFTER_SECONDS (180 s) as abandoned (failed), and the page then reloads itself: on a
# slow machine that happened in the middle of a test. No beat of these goes stale while a test runs.
NEVER_STALE = 24 * 3600


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


def body_fits(page) -> bool:  # type: ignore[no-untyped-def]
    """The page itself does not scroll sideways (a wide table scrolls inside its .table-wrap)."""
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def walk(page, paths: list[str]) -> dict[str, list[str]]:  # type: ignore[no-untyped-def]
    """axe on each page at a laptop's width and at a phone's (390 px), and the phone's page width."""
    found: dict[str, list[str]] = {}
    for width in (1366, 390):
        page.set_viewport_size({"width": width, "height": 844})
        for path in paths:
            response = page.goto(page.base_url + path)
            assert response is not None and response.status == 200, path
            problems = violations(page)
            if not body_fits(page):
                problems.append(f"the page scrolls sideways at {width} px")
            found[f"{path} @{width}"] = problems
    return found


@pytest.fixture
def demo(ayu):  # type: ignore[no-untyped-def]
    """The whole demo (kotacerdas/demo.py), its personas given the tests' password."""
    from conftest import PASSWORD
    from kotacerdas.accounts.models import User
    from kotacerdas.demo import load_demo

    load_demo()
    for user in User.objects.filter(username__in=["ayu", "budi"]):
        user.set_password(PASSWORD)
        user.save()


def test_the_states_added_with_the_2026_publication(page, demo) -> None:  # type: ignore[no-untyped-def]
    """What came with closing, KPI-target findings and Quick Win progress, on the demo's records:
    Salatiga's closed 2026 self-assessment (its banner), the KPI targets the adopted roadmap moved
    away from (the finding and Budi's 'Geser target IKU' buttons on the masterplan, initiatives and
    roadmap pages), the monitoring page's per-year Quick Win table, the outcome indicators page and
    the portal's Quick Win progress — at a laptop's width and a phone's."""
    from kotacerdas.assessment.models import Assessment
    from tests.browser.conftest import log_in

    closed = Assessment.objects.filter(region__code=REGION_A, state="closed").first()
    assert closed is not None
    code = REGION_A
    paths = [
        reverse("assessment:detail", kwargs={"code": code, "assessment_id": closed.pk}),
        reverse("assessment:assign", kwargs={"code": code, "assessment_id": closed.pk}),
        reverse("assessment:import", kwargs={"code": code, "assessment_id": closed.pk}),
        reverse("planning:overview", kwargs={"code": code}),
        reverse("planning:initiatives", kwargs={"code": code}),
        reverse("planning:roadmap", kwargs={"code": code}),
        reverse("monitoring:region", kwargs={"code": code}),
        reverse("monitoring:outcomes", kwargs={"code": code}),
        reverse("portal:region", kwargs={"code": code}),
    ]
    log_in(page, "budi")
    page.goto(page.base_url + paths[0])
    assert "Ditutup karena siklus evaluasi" in page.get_by_test_id("closed-banner").inner_text()
    page.goto(page.base_url + paths[3])
    assert page.get_by_role("button", name=re.compile("Geser target IKU")).count() > 0
    page.goto(page.base_url + paths[6])
    assert page.locator("#quick-wins tbody tr").count() > 0
    assert walk(page, paths) == {f"{path} @{width}": [] for width in (1366, 390) for path in paths}


def test_the_cycle_page_with_its_letters_pdf_progress(page, demo, monkeypatch, settings) -> None:  # type: ignore[no-untyped-def]
    """Ayu's published 2026 cycle: the 'Siapkan PDF surat' form, then its job at work (n of m ready,
    the status that refreshes itself), and the national monitoring page with its Quick Win column."""
    from kotacerdas.accounts.models import User
    from kotacerdas.evaluation import letter_pdfs
    from kotacerdas.evaluation.models import LetterJob, Publication
    from tests.browser.conftest import log_in

    settings.JOB_STALE_AFTER_SECONDS = NEVER_STALE  # the letters' job below never beats
    publication = Publication.objects.get()
    cycle_path = reverse("evaluation:cycle", kwargs={"cycle_id": publication.cycle_id})
    national = reverse("monitoring:national")
    log_in(page, "ayu")
    page.goto(page.base_url + cycle_path)
    assert page.get_by_role("button", name="Siapkan PDF surat").count() == 1
    assert walk(page, [cycle_path, national]) == {
        f"{path} @{width}": [] for width in (1366, 390) for path in (cycle_path, national)
    }
    # a worker has taken the job and converted 2 of the letters
    monkeypatch.setattr(letter_pdfs, "prepare_letter_pdfs", SimpleNamespace(enqueue=lambda job_id: None))
    assert letter_pdfs.queue_letter_pdfs(publication, User.objects.get(username="ayu"))
    jobs = LetterJob.objects.filter(publication=publication)
    jobs.update(status="running", prepared=2, total=5)
    assert walk(page, [cycle_path]) == {f"{cycle_path} @{width}": [] for width in (1366, 390)}
    # the status changes in its polite live region alone: no reload (which would move the focus to
    # the top and make a screen reader read the whole page again every few seconds)
    status = page.locator("#letter-pdfs-live")
    assert status.get_attribute("aria-live") == "polite" and "2 dari 5 siap" in status.inner_text()
    letter = page.get_by_role("link", name="DOCX").last
    letter.focus()
    page.evaluate("window.kcSamePage = true")
    jobs.update(prepared=4)
    expect(status).to_contain_text("4 dari 5 siap", timeout=BEAT_TIMEOUT)
    jobs.update(status="done", prepared=5)
    expect(status).to_contain_text("5 dari 5 surat siap", timeout=BEAT_TIMEOUT)
    assert page.evaluate("window.kcSamePage === true")  # never reloaded
    assert letter.evaluate("link => link === document.activeElement")
    assert status.get_attribute("data-refresh") is None  # the job ended: no more fetching


def test_the_pages_of_a_job_at_work_refresh_their_status_alone(page, demo, settings) -> None:  # type: ignore[no-untyped-def]
    """A books version being generated, a running roadmap run and a running composite-index run (each
    held in the database, a worker's beat just now): no violation at 1366 and 390 px (a page that reloads
    itself is a critical one), and on the books page the progress changes in its polite live region alone,
    the focus kept, until the books are ready: then the page loads once and shows them."""
    from django.utils import timezone

    from kotacerdas.accounts.models import User
    from kotacerdas.documents.models import BookVersion
    from kotacerdas.evaluation.index_actions import do_create_index_run
    from kotacerdas.evaluation.index_models import IndexRun
    from kotacerdas.evaluation.tests.index_helpers import choices, example_uploads
    from kotacerdas.planning.models import RoadmapRun
    from kotacerdas.regions.models import Region
    from tests.browser.conftest import log_in

    settings.JOB_STALE_AFTER_SECONDS = NEVER_STALE  # each job's beat below is its only one
    now = timezone.now()
    budi, ayu = User.objects.get(username="budi"), User.objects.get(username="ayu")
    region = Region.objects.get(code=REGION_A)
    books = BookVersion.objects.create(region=region, number=99, programme_year=2026)  # queued
    roadmap = RoadmapRun.objects.create(
        region=region, created_by=budi, state="running", instance={}, inputs_hash="0" * 64, time_limit=60
    )
    RoadmapRun.objects.filter(pk=roadmap.pk).update(heartbeat_at=now, running_since=now)
    index = do_create_index_run(ayu, title="ASEM (contoh)", choices=choices(), **example_uploads())
    IndexRun.objects.filter(pk=index.pk).update(status="running", progress=42, heartbeat_at=now)
    budi_paths = [books.get_absolute_url(), roadmap.get_absolute_url()]
    index_path = reverse("evaluation:index_run", args=[index.pk])

    log_in(page, "ayu")
    assert walk(page, [index_path]) == {f"{index_path} @{width}": [] for width in (1366, 390)}
    assert "Berjalan (42%)" in page.locator("#index-status-live").inner_text()
    # the session ends while the page is open: the next beat is answered by the login page, which is not
    # the job's end; the page stays as it is instead of reloading into a login form, and its status line
    # says the session ended instead of showing a status that is no longer followed
    page.evaluate("window.kcSamePage = true")
    page.context.clear_cookies()
    expect(page.locator("#index-status-live")).to_have_text(
        "Sesi Anda telah berakhir: muat ulang halaman untuk melihat status.", timeout=BEAT_TIMEOUT
    )
    assert page.evaluate("window.kcSamePage === true") and page.url.endswith(index_path)
    log_in(page, "budi")
    assert walk(page, budi_paths) == {f"{path} @{width}": [] for width in (1366, 390) for path in budi_paths}
    # the roadmap run's state and its seconds count are facts refreshed from one fetch per beat; its end
    # (state failed) loads the page once
    state, seconds = page.locator("#roadmap-run-live"), page.locator("#roadmap-progress-live")
    assert state.inner_text().strip() == "Berjalan" and state.get_attribute("aria-live") == "polite"
    assert seconds.get_attribute("aria-live") is None  # not read out every 2 s
    page.evaluate("window.kcSamePage = true")
    RoadmapRun.objects.filter(pk=roadmap.pk).update(
        heartbeat_at=timezone.now(), running_since=timezone.now() - timedelta(seconds=42)
    )
    expect(seconds).to_contain_text(
        re.compile(r"\b(4[2-9]|5[0-9]|60) dari paling lama 60 detik"), timeout=BEAT_TIMEOUT
    )
    assert page.evaluate("window.kcSamePage === true")
    RoadmapRun.objects.filter(pk=roadmap.pk).update(state="failed", error="gagal (contoh)")
    # loaded once
    expect(page.locator(".error-summary")).to_contain_text("gagal (contoh)", timeout=BEAT_TIMEOUT)
    assert page.evaluate("window.kcSamePage === undefined") and seconds.count() == 0
    assert state.inner_text().strip() == "Gagal"

    page.goto(page.base_url + books.get_absolute_url())
    # the version's Status fact is its live region: the state and the progress, nowhere else on the page
    status = page.locator(".facts div", has=page.get_by_text("Status", exact=True)).locator("dd")
    facts = page.locator(".facts")
    assert status.get_attribute("id") == "books-status-live" and status.get_attribute("aria-live") == "polite"
    assert "dalam antrean" in status.inner_text() and "0%" in status.inner_text()
    link = page.locator(".breadcrumb a").last  # "Buku"
    link.focus()
    page.evaluate("window.kcSamePage = true")
    BookVersion.objects.filter(pk=books.pk).update(status="running", progress=40, heartbeat_at=timezone.now())
    expect(status).to_contain_text(re.compile(r"berjalan · .*40%"), timeout=BEAT_TIMEOUT)
    BookVersion.objects.filter(pk=books.pk).update(progress=74, heartbeat_at=timezone.now())
    expect(status).to_contain_text("74%", timeout=BEAT_TIMEOUT)
    text = facts.inner_text()
    assert "antrean" not in text and text.count("berjalan") == 1 and "40%" not in text  # no stale fact
    assert page.evaluate("window.kcSamePage === true")  # never reloaded
    assert link.evaluate("link => link === document.activeElement")
    BookVersion.objects.filter(pk=books.pk).update(status="done", progress=100)
    expect(page.get_by_role("heading", name="Berkas")).to_be_visible(timeout=BEAT_TIMEOUT)  # loaded once
    assert page.evaluate("window.kcSamePage === undefined") and status.get_attribute("data-refresh") is None
    assert status.inner_text() == "selesai"

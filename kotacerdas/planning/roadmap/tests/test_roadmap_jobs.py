"""A roadmap run never stays "running" for ever: its page and the roadmap page sweep a dead run."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from kotacerdas.planning.models import RoadmapRun
from kotacerdas.planning.roadmap import actions

pytestmark = pytest.mark.django_db

ABANDONED = "Optimasi terhenti karena proses pekerja berhenti; silakan jalankan ulang."


def a_running_run(budi, region) -> RoadmapRun:  # type: ignore[no-untyped-def]
    run = RoadmapRun.objects.create(
        region=region, created_by=budi, state="running", instance={}, inputs_hash="0" * 64, time_limit=60
    )
    RoadmapRun.objects.filter(pk=run.pk).update(created_at=timezone.now() - timedelta(hours=1))
    return run


def test_a_run_whose_worker_died_is_shown_failed_on_its_page(as_budi, budi, region_a, masterplan_a) -> None:
    run = a_running_run(budi, region_a)
    page = as_budi.get(run.get_absolute_url()).content.decode()
    assert ABANDONED in page
    assert "Status diperbarui otomatis" not in page and "data-refresh" not in page
    run.refresh_from_db()
    assert (run.state, run.error) == ("failed", ABANDONED)


def test_the_roadmap_page_lists_a_dead_run_as_failed(as_budi, budi, region_a, masterplan_a) -> None:
    run = a_running_run(budi, region_a)
    page = as_budi.get(reverse("planning:roadmap", args=[region_a.code])).content.decode()
    assert f"#{run.pk}" in page
    assert RoadmapRun.objects.get(pk=run.pk).state == "failed"


def test_a_run_beats_while_it_runs_and_ends_done(
    budi, region_a, plan_a, django_capture_on_commit_callbacks
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = actions.do_start_roadmap_run(budi, region_a, time_limit=2)
    run.refresh_from_db()
    assert run.state == "done" and run.result["status"] in ("optimal", "feasible")
    assert run.heartbeat_at is not None and run.heartbeat_at >= run.created_at
    assert run.running_since is not None and run.created_at <= run.running_since <= run.heartbeat_at


def test_a_running_run_shows_how_far_it_is_against_its_time_limit(
    as_budi, budi, region_a, masterplan_a
) -> None:
    """The optimiser stops at its time limit, so the seconds since a worker took the run are its progress."""
    now = timezone.now()
    run = RoadmapRun.objects.create(
        region=region_a, created_by=budi, state="running", instance={}, inputs_hash="0" * 64, time_limit=10
    )
    RoadmapRun.objects.filter(pk=run.pk).update(heartbeat_at=now, running_since=now - timedelta(seconds=4.4))
    page = as_budi.get(run.get_absolute_url()).content.decode()
    assert '<progress max="10" value="4"></progress> 4 dari paling lama 10 detik' in page
    RoadmapRun.objects.filter(pk=run.pk).update(running_since=now - timedelta(seconds=25))
    assert "10 dari paling lama 10 detik" in as_budi.get(run.get_absolute_url()).content.decode()  # capped
    RoadmapRun.objects.filter(pk=run.pk).update(state="queued", running_since=None)
    assert "<progress" not in as_budi.get(run.get_absolute_url()).content.decode()  # not taken yet


def test_a_running_run_refreshes_its_status_alone_not_the_page(as_budi, budi, region_a, masterplan_a) -> None:
    """The state and the seconds count are facts that refresh in their own regions (live-status.js), the
    state in a polite live region, the page loaded once when the run ends: no meta refresh (it moved the
    focus to the top and had a screen reader read the whole page every 2 s), except for a browser without
    JavaScript. No other fact keeps the state the page was opened with."""
    run = RoadmapRun.objects.create(
        region=region_a, created_by=budi, instance={}, inputs_hash="0" * 64, time_limit=10
    )
    page = as_budi.get(run.get_absolute_url()).content.decode()
    live = '<dd id="roadmap-run-live" aria-live="polite" data-refresh="2" data-refresh-end="reload">'
    assert f"{live}Dalam antrean" in page
    assert '<dd id="roadmap-progress-live" data-refresh="2">belum dimulai</dd>' in page
    assert page.count('http-equiv="refresh"') == 1
    assert '<noscript><meta http-equiv="refresh" content="2"></noscript>' in page
    assert "Status diperbarui otomatis." in page and "memuat ulang" not in page
    # a worker takes it: the next beat's page has the new state in the same regions, and it alone
    now = timezone.now()
    RoadmapRun.objects.filter(pk=run.pk).update(
        state="running", heartbeat_at=now, running_since=now - timedelta(seconds=3)
    )
    page = as_budi.get(run.get_absolute_url()).content.decode()
    assert f"{live}Berjalan" in page
    assert '<dd id="roadmap-progress-live" data-refresh="2"><span id="roadmap-progress"><progress' in page
    assert "Dalam antrean" not in page and page.count("Berjalan") == 1
    RoadmapRun.objects.filter(pk=run.pk).update(state="failed", error="gagal (contoh)")
    page = as_budi.get(run.get_absolute_url()).content.decode()
    assert "data-refresh" not in page and 'http-equiv="refresh"' not in page
    assert "Status diperbarui otomatis." not in page

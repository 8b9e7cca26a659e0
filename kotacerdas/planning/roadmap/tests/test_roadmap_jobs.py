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
    assert "Optimasi masih berjalan" not in page
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

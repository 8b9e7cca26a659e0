"""Daily chores: each runs once a day whoever ticks, a failed one is tried again, the ticker ticks."""

from __future__ import annotations

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command

from kotacerdas.jobs import chores
from kotacerdas.jobs.models import ChoreRun

pytestmark = pytest.mark.django_db


@pytest.fixture
def counted():
    calls: list[date] = []

    def chore(today: date) -> int:
        calls.append(today)
        return 3

    chores.register("test.counted", chore)
    yield calls
    chores.unregister("test.counted")


def test_a_chore_runs_once_a_day_however_often_it_is_ticked(counted) -> None:
    assert chores.run_due(date(2027, 3, 1))["test.counted"] == "done: 3"
    assert chores.run_due(date(2027, 3, 1))["test.counted"] == chores.SKIPPED
    assert chores.run_due(date(2027, 3, 2))["test.counted"] == "done: 3"
    assert counted == [date(2027, 3, 1), date(2027, 3, 2)]
    run = ChoreRun.objects.get(chore="test.counted", day=date(2027, 3, 1))
    assert run.result == "done: 3" and run.finished_at is not None


def test_a_failed_chore_gives_its_claim_back_and_runs_on_the_next_tick() -> None:
    attempts: list[int] = []

    def flaky(today: date) -> int:
        attempts.append(1)
        if len(attempts) == 1:
            raise RuntimeError("database away")
        return 0

    chores.register("test.flaky", flaky)
    try:
        assert chores.run_due(date(2027, 3, 1))["test.flaky"] == "failed: RuntimeError"
        assert not ChoreRun.objects.filter(chore="test.flaky").exists()
        assert chores.run_due(date(2027, 3, 1))["test.flaky"] == "done: 0"
        assert chores.run_due(date(2027, 3, 1))["test.flaky"] == chores.SKIPPED
    finally:
        chores.unregister("test.flaky")
    assert len(attempts) == 2


def test_a_chore_whose_process_died_midway_runs_again_after_a_while(counted) -> None:
    """A worker killed during a chore leaves its claim unfinished; the day's work must still be done."""
    from datetime import timedelta

    from django.utils import timezone

    day = date(2027, 3, 1)
    claim = ChoreRun.objects.create(chore="test.counted", day=day)  # as the killed process left it
    assert chores.run_due(day)["test.counted"] == chores.SKIPPED  # it may still be running
    ChoreRun.objects.filter(pk=claim.pk).update(started_at=timezone.now() - timedelta(hours=2))
    assert chores.run_due(day)["test.counted"] == "done: 3"
    assert chores.run_due(day)["test.counted"] == chores.SKIPPED
    assert counted == [day]
    assert ChoreRun.objects.get(chore="test.counted", day=day).finished_at is not None


def test_the_command_prints_what_ran(counted) -> None:
    out = StringIO()
    call_command("run_chores", "--today", "2027-03-01", stdout=out)
    assert "test.counted: done: 3" in out.getvalue()
    assert "monitoring.reminders: done: 0" in out.getvalue()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_ticker_runs_the_chores_at_once_and_stops(counted, committed_world) -> None:
    ticker = chores.Ticker(every=3600)
    ticker.start()
    ticker.stop()
    ticker.join(timeout=30)
    assert not ticker.is_alive()
    assert len(counted) == 1

"""The staleness rule of background jobs: when a running job counts as abandoned."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kotacerdas.core.jobs import beat_interval, is_stale, stale_cutoff

NOW = datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
CREATED = NOW - timedelta(hours=1)


def test_a_heartbeat_within_the_limit_is_alive_and_one_beyond_it_is_stale() -> None:
    assert not is_stale(NOW - timedelta(seconds=179), CREATED, NOW, 180)
    assert not is_stale(NOW - timedelta(seconds=180), CREATED, NOW, 180)
    assert is_stale(NOW - timedelta(seconds=181), CREATED, NOW, 180)


def test_a_job_that_never_beat_counts_from_its_creation() -> None:
    assert is_stale(None, CREATED, NOW, 180)
    assert not is_stale(None, NOW - timedelta(seconds=5), NOW, 180)


def test_the_cutoff_is_the_limit_before_now() -> None:
    assert stale_cutoff(NOW, 3) == NOW - timedelta(seconds=3)


def test_a_live_job_beats_four_times_per_limit_within_bounds() -> None:
    assert beat_interval(180) == 30
    assert beat_interval(3) == 0.75
    assert beat_interval(1) == 0.5
    assert beat_interval(3600) == 30


def test_the_limit_must_be_positive() -> None:
    with pytest.raises(ValueError):
        is_stale(None, CREATED, NOW, 0)

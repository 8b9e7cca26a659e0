"""When a background job counts as abandoned: the pure rule behind the heartbeat sweep.

A running job shows it is alive by its *heartbeat*, a timestamp it renews with every progress
step and at least every :func:`beat_interval` seconds while a long step runs (LibreOffice, the
solver). A job whose last sign of life — its heartbeat, or its creation when it never beat — is
older than ``stale_after`` seconds has lost its worker (killed, crashed, machine restarted):
nobody will finish it, so the sweep marks it failed. ``kotacerdas.jobs`` applies this rule to
the database; this module only compares timestamps.
"""

from __future__ import annotations

from datetime import datetime, timedelta

MIN_BEAT_SECONDS = 0.5
MAX_BEAT_SECONDS = 30.0


def beat_interval(stale_after: float) -> float:
    """How often a live job renews its heartbeat: four beats fit into the staleness limit."""
    return max(MIN_BEAT_SECONDS, min(MAX_BEAT_SECONDS, stale_after / 4))


def stale_cutoff(now: datetime, stale_after: float) -> datetime:
    """A last sign of life before this moment means the job is abandoned."""
    return now - timedelta(seconds=stale_after)


def last_sign_of_life(heartbeat: datetime | None, created: datetime) -> datetime:
    return heartbeat if heartbeat is not None else created


def is_stale(heartbeat: datetime | None, created: datetime, now: datetime, stale_after: float) -> bool:
    """True when a running job has shown no sign of life for more than ``stale_after`` seconds."""
    if stale_after <= 0:
        raise ValueError("stale_after must be positive")
    return last_sign_of_life(heartbeat, created) < stale_cutoff(now, stale_after)

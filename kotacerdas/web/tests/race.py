"""Two (or a few) things released at the same instant on real threads, each on its own connection.

Used by the concurrency tests of every app (double submits, review races). They need a database
with real row locks and concurrent connections: PostgreSQL. On SQLite (one writer at a time, an
in-memory test database per connection) they are skipped.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.conf import settings
from django.db import connections

TIMEOUT = 60  # seconds: a deadlock or a lost wake-up fails the test instead of hanging the run

on_postgresql = pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="concurrency needs PostgreSQL (row locks, concurrent connections); set DATABASE_URL",
)

# transaction=True: each thread's request commits for real, as in production; the migrated reference
# data (the 552 regions) is restored around each test by serialized rollback.
concurrent_db = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def race(*calls: Callable[[], Any]) -> list[Any]:
    """Run each call on its own thread, all released together by a barrier; their results in order.

    An exception raised by a call is returned in its place (a 500 from the test client raises), so the
    test can assert on every outcome. Each thread closes its database connection when done."""
    barrier = threading.Barrier(len(calls))
    results: list[Any] = [None] * len(calls)

    def run(index: int, call: Callable[[], Any]) -> None:
        try:
            barrier.wait(TIMEOUT)
            results[index] = call()
        except BaseException as error:  # handed to the test to assert on
            results[index] = error
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run, args=(i, call), daemon=True) for i, call in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(TIMEOUT)
    assert not any(thread.is_alive() for thread in threads), f"a racer is still running after {TIMEOUT} s"
    return results


def statuses(results: list[Any]) -> list[int]:
    """The HTTP status of each result; a raised exception fails here with its text."""
    for result in results:
        if isinstance(result, BaseException):
            raise AssertionError(f"a racer raised {result!r}") from result
    return sorted(result.status_code for result in results)

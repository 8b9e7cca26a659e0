"""Saves released together in real threads, for the concurrency tests (PostgreSQL only)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.utils import translation

ON_POSTGRESQL = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="SQLite has no row locks (select_for_update) and one writer at a time; "
    "concurrent saves are tested on PostgreSQL",
)


def together(*saves: Callable[[], Any]) -> list[Any]:
    """Run the saves in threads released at once by a barrier: each one's result or its exception."""
    barrier = threading.Barrier(len(saves), timeout=20)
    results: list[Any] = [None] * len(saves)

    def run(index: int, save: Callable[[], Any]) -> None:
        translation.activate("id")
        try:
            barrier.wait()
            results[index] = save()
        except Exception as error:  # the refusal is what the test looks at
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i, save)) for i, save in enumerate(saves)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a save hung"
    return results


def stale(result: Any) -> bool:
    """Whether a save was refused as started from an older version."""
    return isinstance(result, ValidationError) and "sudah diubah oleh" in " ".join(result.messages)

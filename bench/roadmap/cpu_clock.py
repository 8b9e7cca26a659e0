"""Run the roadmap optimiser as if on an idle 2-core machine, whatever the load (``bench.py --cpu-clock``).

On a shared machine a 10 s wall-clock limit measures the load, not the optimiser: at load 4 a run
gets 5-10 of the 20 CPU-seconds an idle 2-core machine gives it. With :func:`install`, every
clock the optimiser reads becomes the CPU time of the thread reading it (the main HiGHS solve and
each search thread as if each had a core of its own) and HiGHS' time limits are enforced on that
clock by interrupt callbacks. A 10 s run then gets about 20 CPU-seconds however long it takes on
the wall, so figures measured at different loads compare, and with ``nice -n 19`` the
benchmark takes only the CPU nobody else wants.

What it cannot emulate: a HiGHS call stops at its next callback after its limit (a few tens of
milliseconds late), and memory/cache contention from other processes still slows the work done
per CPU-second a little. It patches module globals of ``kotacerdas.core.roadmap`` (``time`` in
``optimise`` and ``lns``, ``highspy.Highs`` as seen by ``solver``, the search thread starter and
the stall watch's clock), so it is for benchmarks only; call :func:`install` before the first run.
"""

from __future__ import annotations

import threading
import time
import types
from typing import Any

import highspy

from kotacerdas.core.roadmap import lns, optimise, solver

_local = threading.local()
# A wall-clock guard in case a HiGHS call never reaches a callback: this many times its limit.
WALL_GUARD = 20.0


def now() -> float:
    """The calling thread's clock: CPU seconds since it started, plus its parent's clock at that point."""
    base = getattr(_local, "base", None)
    if base is None:
        base = _local.base = (0.0, time.thread_time())
    return float(base[0] + time.thread_time() - base[1])


class CpuClockHighs(highspy.Highs):  # type: ignore[misc]
    """``time_limit`` counted on :func:`now` (interrupt callback), with a generous wall-clock guard."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._limit = float("inf")
        self._deadline = float("inf")

        def interrupt(event: Any) -> None:
            # Also clears an interrupt left set by an earlier run of this object.
            event.interrupt(now() >= self._deadline)

        # Subscribed first, so callbacks subscribed later (the stall watch) can still interrupt.
        self.cbMipInterrupt.subscribe(interrupt)

    def setOptionValue(self, name: str, value: Any) -> Any:
        if name == "time_limit":
            self._limit = float(value)
            return super().setOptionValue(name, WALL_GUARD * float(value) + 10.0)
        return super().setOptionValue(name, value)

    def run(self) -> Any:
        self._deadline = now() + self._limit
        return super().run()


def install() -> None:
    """Switch the optimiser to per-thread CPU clocks (idempotent)."""
    if getattr(install, "done", False):
        return
    clock = types.SimpleNamespace(perf_counter=now, thread_time=now, sleep=time.sleep)
    optimise.time = clock  # type: ignore[assignment]
    lns.time = clock  # type: ignore[assignment]
    names = [name for name in dir(highspy) if not name.startswith("__")]
    patched = types.SimpleNamespace(**{name: getattr(highspy, name) for name in names})
    patched.Highs = CpuClockHighs
    solver.highspy = patched  # type: ignore[assignment]

    def start_search(model: Any, shared: Any, deadline: float, seed: int) -> threading.Thread:
        spawned = now()

        def target() -> None:
            _local.base = (spawned, time.thread_time())
            lns.run_lns(model, shared, deadline, seed)

        searcher = threading.Thread(target=target, daemon=True)
        searcher.start()
        return searcher

    optimise._start_search = start_search  # type: ignore[assignment]
    install.done = True  # type: ignore[attr-defined]

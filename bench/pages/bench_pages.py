"""Query counts and server CPU per request of the pages people open most, as ratios to a trivial view.

    .venv/bin/python bench/pages/bench_pages.py [--repeat 30] [--before /path/to/old/checkout]

For each of two data sizes (small: 12 initiatives, 10 members, 10 programme regions; large: 60
initiatives, 150 problems, 200 members, 60 programme regions) a fresh SQLite database in a temporary
directory is migrated and seeded (initiatives, problems, assessments and the programme cohort through
the real actions; members with the ORM, for speed). Then, through the Django test client, it requests
the region page ``/r/33.73/`` as its coordinator, the initiatives list, and the national dashboard and
national home as the national admin, and a trivial view (``HttpResponse("ok")`` behind the same
middleware) in the same process. It prints, per page: queries of one request, and the median CPU time
of the process (``time.process_time``, so other processes on a shared machine do not count; SQLite runs
in-process, so the database's work is included) and its ratio to the trivial view's.

Outside the national size it also measures the rest of bench/load's working day
(``working_day_pages``): the monitoring page, a KPI report of the open period and a draft assessment's
answer page, and the saves of both forms (POST only; the form is read again before each). Set
``BENCH_QUERIES="monitoring page,answer page"`` to print the SQL of one request of each named page.
With ``BENCH_PROFILE=<page>``, ``BENCH_TEMPLATES=1`` prints the CPU spent in each template itself.

``--before DIR`` runs the same workload against another checkout (e.g. a worktree of ``main``) first,
so before and after come from one run on the same machine. Each page is measured twice in the same
process: as is, and with ``gc.freeze()`` after its warm-up, as ``kotacerdas/gunicorn_conf.py`` does in
each gunicorn worker.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
SIZES = {
    "small": {"initiatives": 12, "problems": 12, "kpis": 12, "members": 10, "regions": 10},
    "large": {"initiatives": 60, "problems": 150, "kpis": 150, "members": 200, "regions": 60},
    # Every kab/kota in the programme: only the national pages are measured (the region page is the
    # demo's or the large one's).
    "national": {"initiatives": 0, "problems": 0, "kpis": 0, "members": 0, "regions": 514},
}
NATIONAL_ONLY = {"trivial view", "national dashboard", "national home"}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--before", help="a checkout of the code before the change, run first")
    parser.add_argument("--sizes", default="demo,small,large", help="demo, small, large, national")
    parser.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(*args.worker, repeat=args.repeat)
        return
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    for size in args.sizes.split(","):
        codes = ([("before", args.before)] if args.before else []) + [("after", str(ROOT))]
        for label, code in codes:
            with tempfile.TemporaryDirectory() as tmp:
                env = dict(
                    os.environ,
                    DATABASE_URL=f"sqlite:///{tmp}/bench.sqlite3",
                    KOTACERDAS_VAR_DIR=tmp,
                    MEDIA_ROOT=f"{tmp}/media",
                    DEBUG="false",
                    PYTHONPATH=code,
                )
                command = [sys.executable, __file__, "--repeat", str(args.repeat), "--worker", label, size]
                subprocess.run(command, env=env, cwd=code, check=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")


def worker(label: str, size: str, repeat: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["testserver"]
    _add_trivial_view()
    call_command("migrate", verbosity=0)
    from world import load_demo, seed, working_day_pages  # beside this script

    ayu, budi, region = load_demo() if size == "demo" else seed(SIZES[size])
    pages: dict[str, tuple[Any, ...]] = {
        "trivial view": (budi, "/bench-trivial/"),
        "region page": (budi, f"/r/{region.code}/"),
        COLD: (budi, f"/r/{region.code}/"),
        "initiatives list": (budi, f"/r/{region.code}/masterplan/inisiatif/"),
        "national dashboard": (ayu, "/program/dasbor/"),
        "national home": (ayu, "/"),
    }
    if size != "national":
        pages.update(working_day_pages(region))
    if os.environ.get("BENCH_PROFILE"):
        profile(*pages[os.environ["BENCH_PROFILE"]])
        return
    if os.environ.get("BENCH_QUERIES"):  # the SQL of one request of each named page
        for name in os.environ["BENCH_QUERIES"].split(","):
            print(f"== {name}")
            profile(*pages[name], queries=True)
        return
    if size == "national":
        pages = {name: page for name, page in pages.items() if name in NATIONAL_ONLY}
    for freeze in (False, True):
        results = {
            name: measure(*page, repeat=repeat, freeze=freeze, cold=name == COLD)
            for name, page in pages.items()
        }
        trivial = results["trivial view"][1]
        tag = f"{label:6} {size:5} {'gc.freeze' if freeze else 'no freeze':9}"
        for name, (queries, cpu) in results.items():
            ratio = cpu / trivial
            print(f"{tag}  {name:24} {queries:3} queries  CPU {cpu:6.2f} ms  = {ratio:5.1f} × trivial")


def measure(
    user: Any,
    url: str,
    field: str = "",
    button: str = "",
    pair: bool = False,
    *,
    repeat: int,
    freeze: bool,
    cold: bool = False,
) -> tuple[int, float]:
    """Queries of one request and median CPU (ms) of ``repeat`` GETs of ``url`` or, with ``field``, of
    ``repeat`` POSTs of the page's form with ``field`` changed each time (the save answers 302); with
    ``pair``, the form's GET and the POST together, as bench/load times a save (the GET after a save
    counts the navigation's inbox anew).
    ``cold``: the region page's kept cards are dropped before each request (a view after a change)."""
    import gc

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    # the pages are measured, not the two-factor step: the session counts as verified, as in the tests
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    for _ in range(3):  # warm-up: templates, translations, URL resolver
        assert client.get(url).status_code == 200, url
    request = _timed_get(client, url, cold) if not field else _save(client, url, field, button, pair)
    if field:
        request()  # the save's warm-up
    if freeze:
        gc.collect()
        gc.freeze()
    queries: list[str] = []

    def counter(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        queries.append(sql)
        return execute(sql, params, many, context)

    POSTED.clear()
    with connection.execute_wrapper(counter):
        request()
    if field and not pair:  # a save: only its POST's queries
        queries[:] = POSTED
    times = [request() * 1000 for _ in range(repeat)]
    if freeze:
        gc.unfreeze()
    return len(queries), statistics.median(times)


# The region page right after a change to the region: its cards built, not read from the cache.
COLD = "region page, cards built"


def _drop_region_cards() -> None:
    try:
        from kotacerdas.web.region_cache import CACHE_ALIAS
    except ImportError:  # a --before checkout older than the cache
        return
    from django.core.cache import caches

    caches[CACHE_ALIAS].clear()


POSTED: list[str] = []  # the SQL of the saves' POSTs (a save's GET of its form is not counted)


def _counting_posts(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
    POSTED.append(sql)
    return execute(sql, params, many, context)


def _timed_get(client: Any, url: str, cold: bool = False) -> Any:
    def get() -> float:
        if cold:
            _drop_region_cards()
        started = time.process_time()
        client.get(url)
        return time.process_time() - started

    return get


def _save(client: Any, url: str, field: str, button: str, pair: bool = False, profiler: Any = None) -> Any:
    """A save of the form on ``url`` that has ``field``, with a new value each call (a number for a
    report's value, a sentence for an answer's explanation). Each call reads the form again, as a browser
    does (each form carries a one-time submission token, and a repeated token is not saved again), and
    times only the POST (with ``pair``, the GET too); it must redirect, as a saved form does. The form's
    GET is the page's own row. A ``profiler`` (cProfile) is enabled around the POST alone."""
    import itertools

    from django.db import connection

    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "load"))
    from client import form_with  # bench/load's form reader: the same fields a browser would send

    counter = itertools.count()

    def post() -> float:
        started = time.process_time()
        page = client.get(url)
        read = time.process_time() - started if pair else 0.0  # the server's work, not the form's parsing
        fields = form_with(page.content.decode(), field)
        if button:
            fields[button] = ""
        n = next(counter)
        fields[field] = str(n % 90 + 5) if field == "value" else f"Penjelasan versi {n}"
        with connection.execute_wrapper(_counting_posts):
            if profiler is not None:
                profiler.enable()
            started = time.process_time()
            response = client.post(url, fields)
            spent = time.process_time() - started + read
            if profiler is not None:
                profiler.disable()
        assert response.status_code in (302, 303), (url, response.status_code)
        return spent

    return post


def profile(
    user: Any, url: str, field: str = "", button: str = "", pair: bool = False, queries: bool = False
) -> None:
    """The functions that cost most in 10 requests of one page (``BENCH_PROFILE="region page"``)."""
    import pstats

    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user, backend=settings.AUTHENTICATION_BACKENDS[-1])
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    device, _created = TOTPDevice.objects.get_or_create(user=user, name="bench", defaults={"confirmed": True})
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    import cProfile

    profiler = cProfile.Profile()
    posts_only = bool(field) and not pair  # a save's profile: its POST alone, not the form's GET
    request = _timed_get(client, url) if not field else _save(client, url, field, button, pair)
    for _ in range(3):
        request()
    if queries:
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            request()
        for n, query in enumerate(captured, 1):
            print(f"{n:3} {query['sql'][:400]}")
        return
    if os.environ.get("BENCH_TEMPLATES"):  # time per template, nested templates not counted twice
        return template_times(request)
    if posts_only:
        request = _save(client, url, field, button, profiler=profiler)
    else:
        profiler.enable()
    for _ in range(10):
        request()
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats(os.environ.get("BENCH_SORT", "cumulative"))
    if os.environ.get("BENCH_CALLERS"):  # who calls the functions matching it, e.g. "plan_scope.py"
        stats.print_callers(os.environ["BENCH_CALLERS"])
        return
    stats.print_stats(os.environ.get("BENCH_FILTER", ""), 80)


def template_times(request: Any, requests: int = 20) -> None:
    """CPU ms per request spent in each template itself, its includes and extended parents apart."""
    from collections import Counter

    from django.template.base import Template

    own: Counter[str] = Counter()
    stack: list[float] = []
    original = Template.render

    def timed(template: Any, context: Any) -> Any:
        started = time.process_time()
        stack.append(0.0)
        try:
            return original(template, context)
        finally:
            spent = time.process_time() - started
            nested = stack.pop()
            own[template.origin.template_name or template.name or "?"] += spent - nested
            if stack:
                stack[-1] += spent

    Template.render = timed  # type: ignore[method-assign]
    try:
        total = sum(request() for _ in range(requests))
    finally:
        Template.render = original  # type: ignore[method-assign]
    print(f"request {total / requests * 1000:6.2f} ms CPU, of which templates:")
    for name, spent in own.most_common():
        print(f"  {spent / requests * 1000:6.2f} ms  {name}")


def _add_trivial_view() -> None:
    from django.http import HttpResponse
    from django.urls import clear_url_caches, path

    from kotacerdas import urls

    urls.urlpatterns.append(path("bench-trivial/", lambda request: HttpResponse("ok")))
    clear_url_caches()


if __name__ == "__main__":
    main()

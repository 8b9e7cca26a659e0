"""Subcommands that run the web application and its management tasks."""

from __future__ import annotations

import argparse
import os
from typing import Any

from kotacerdas.cli import CommandError

DEFAULT_ADDRESS = "127.0.0.1:8000"


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    import django

    django.setup()


def call(command: str, *args: Any, **options: Any) -> None:
    from django.core.management import call_command

    call_command(command, *args, **options)


def prepare_storage() -> None:
    from django.conf import settings

    for folder in (settings.VAR_DIR, settings.MEDIA_ROOT):
        folder.mkdir(parents=True, exist_ok=True)


def run_migrate(args: argparse.Namespace) -> int:
    setup_django()
    prepare_storage()
    call("migrate", interactive=False, verbosity=args.verbosity)
    return 0


def run_demo(args: argparse.Namespace) -> int:
    setup_django()
    from kotacerdas.demo import load_demo, print_logins

    _say_held(load_demo())
    print_logins()
    return 0


def run_serve(args: argparse.Namespace) -> int:
    setup_django()
    call("runserver", args.address, use_reloader=False, skip_checks=False)
    return 0


def recover_jobs() -> None:
    """Fail the jobs a dead process left running and remove its temporary folders (see sweep_jobs)."""
    from kotacerdas.jobs.liveness import recover

    print(f"kotacerdas: {recover()}", flush=True)


def start_chores() -> None:
    """The daily chores (monitoring reminders, …) tick in this process: no cron needed."""
    from kotacerdas.jobs.chores import Ticker

    Ticker().start()


def _say_held(emails: int) -> None:
    if emails:
        print(f"kotacerdas: example data loaded; its {emails} example e-mails were not sent.", flush=True)


def run_up(args: argparse.Namespace) -> int:
    setup_django()
    prepare_storage()
    from kotacerdas.demo import load_demo, print_logins

    call("migrate", interactive=False, verbosity=0)
    recover_jobs()  # the embedded server runs jobs itself: a killed one leaves them to sweep
    _say_held(load_demo())
    start_chores()  # after the demo: a first tick during its loading saw half a record, once for the day
    print_logins(address=args.address)
    call("runserver", args.address, use_reloader=False)
    return 0


def require_database_queue() -> None:
    """The worker takes tasks from the database: with another backend there is nothing to take."""
    from django.conf import settings

    backend = settings.TASKS["default"]["BACKEND"]
    if backend != "django_tasks_db.DatabaseBackend":
        raise CommandError(
            f"the worker takes tasks from the database queue, but TASKS_BACKEND is {backend}. Set "
            "TASKS_BACKEND=django_tasks_db.DatabaseBackend for the web server and the worker alike "
            "(docs/how-to/deploy.md); with the default, tasks run in the web process and no worker is needed."
        )


def run_worker(args: argparse.Namespace) -> int:
    """Sweep what a dead worker left (stale jobs, temp folders), then take tasks from the queue.

    Meanwhile a ticker thread runs the daily chores (kotacerdas/jobs/chores.py), once a day each;
    ``--batch`` runs no ticker (it exits when the queue is empty).

    The autoreloader stays off (``--reload`` turns it on): it restarts the worker mid-task.
    """
    setup_django()
    require_database_queue()
    recover_jobs()
    if not args.batch:
        start_chores()
    options = ["--no-reload", "--interval", str(args.interval), "--queue-name", args.queue_name]
    if args.batch:
        options.append("--batch")
    if args.max_tasks:
        options += ["--max-tasks", str(args.max_tasks)]
    if not args.startup_delay:
        options.append("--no-startup-delay")
    call("db_worker", *options)
    return 0


def run_manage(args: argparse.Namespace) -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kotacerdas.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(["kotacerdas manage", *args.rest])
    return 0


def register(subparsers: Any) -> None:
    address_help = (
        f"[host:]port to listen on (default {DEFAULT_ADDRESS}), e.g. 127.0.0.1:8080 or 0.0.0.0:8000"
    )
    up = subparsers.add_parser(
        "up",
        help="migrate, load demo data and serve (the embedded default)",
        description="Creates or updates the database (SQLite under KOTACERDAS_VAR_DIR unless DATABASE_URL "
        "is set), loads the example data once, prints the demo logins and serves the app with Django's "
        "development server; background tasks run in this process (the default TASKS_BACKEND). For "
        "trying kotacerdas, not for production (docs/how-to/deploy.md).",
    )
    up.add_argument("address", nargs="?", default=DEFAULT_ADDRESS, help=address_help)
    up.set_defaults(func=run_up)

    serve = subparsers.add_parser(
        "serve",
        help="serve the app (development server)",
        description="Serves the app with Django's development server, without migrating or loading data. "
        "In production run gunicorn instead (docs/how-to/deploy.md).",
    )
    serve.add_argument("address", nargs="?", default=DEFAULT_ADDRESS, help=address_help)
    serve.set_defaults(func=run_serve)

    migrate = subparsers.add_parser("migrate", help="create or update the database tables")
    migrate.add_argument(
        "-v", "--verbosity", type=int, default=1, help="0 quiet, 1 normal (default), 2 and 3 more detail"
    )
    migrate.set_defaults(func=run_migrate)

    demo = subparsers.add_parser("demo", help="load the example data and print the demo logins")
    demo.set_defaults(func=run_demo)

    worker = subparsers.add_parser(
        "worker",
        help="sweep stale jobs, then run background tasks from the database queue",
        description="Marks failed the jobs a dead worker left running and removes its temporary folders, "
        "then runs django_tasks_db's db_worker (needs TASKS_BACKEND=django_tasks_db.DatabaseBackend). "
        "Beside it a ticker runs the daily chores (monitoring and overdue reminders) once a day, so no "
        "cron line is needed; --batch runs none. One SIGTERM lets the running task finish, a second "
        "stops it at once.",
    )
    worker.add_argument("--batch", action="store_true", help="run the queued tasks, then exit")
    worker.add_argument("--interval", type=float, default=1.0, help="seconds between polls (default 1)")
    worker.add_argument("--queue-name", default="default", help="queues to take, comma-separated, * for all")
    worker.add_argument("--max-tasks", type=int, default=0, help="exit after this many tasks")
    worker.add_argument(
        "--no-startup-delay", dest="startup_delay", action="store_false", help="start polling at once"
    )
    worker.set_defaults(func=run_worker)

    manage = subparsers.add_parser(
        "manage",
        help="run any Django management command",
        description="Runs a Django management command with kotacerdas's settings. 'kotacerdas manage help' "
        "lists them (kotacerdas's own: sweep_jobs, run_chores, send_inbox_digest, notify_overdue, "
        "apply_retention, ...); 'kotacerdas manage help COMMAND' explains one.",
    )
    manage.add_argument(
        "rest", nargs=argparse.REMAINDER, metavar="COMMAND [ARG ...]", help="the command and its arguments"
    )
    manage.set_defaults(func=run_manage)

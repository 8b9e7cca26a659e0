"""The `kotacerdas` console command, as installed by pip."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from kotacerdas.cli import main

ROOT = Path(__file__).resolve().parent.parent


def kotacerdas_executable() -> str:
    found = Path(sys.executable).with_name("kotacerdas")
    return str(found) if found.exists() else (shutil.which("kotacerdas") or "")


def test_the_installed_command_prints_help() -> None:
    executable = kotacerdas_executable()
    assert executable, "pip install -e . should provide the kotacerdas command"
    result = subprocess.run([executable, "--help"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0
    for command in ["up", "serve", "migrate", "demo", "worker", "manage"]:
        assert command in result.stdout


def test_without_a_command_it_prints_help(capsys: pytest.CaptureFixture[str]) -> None:
    assert main([]) == 0
    assert "usage: kotacerdas" in capsys.readouterr().out


@pytest.mark.django_db
def test_demo_loads_the_personas_and_prints_the_logins(capsys: pytest.CaptureFixture[str]) -> None:
    from kotacerdas.accounts.models import Membership, User

    assert main(["demo"]) == 0
    assert main(["demo"]) == 0  # idempotent
    out = capsys.readouterr().out
    assert "budi" in out and "kotacerdas-demo" in out
    budi = User.objects.get(username="budi")
    assert Membership.objects.get(user=budi).region.code == "33.73"
    assert User.objects.filter(username__in=["ayu", "budi", "sari", "tono", "rina", "dewi"]).count() == 6


def _parsers(
    parser: argparse.ArgumentParser, name: str = "kotacerdas"
) -> Iterator[tuple[str, argparse.ArgumentParser]]:
    """(name, parser) of the command and of every subcommand, at any depth."""
    yield name, parser
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub_name, sub in action.choices.items():
                yield from _parsers(sub, f"{name} {sub_name}")


def test_every_argument_of_every_command_says_what_it_is() -> None:
    from kotacerdas.cli import build_parser

    unexplained, markup = [], []
    for name, parser in _parsers(build_parser()):
        for action in parser._actions:
            if isinstance(action, argparse._HelpAction | argparse._SubParsersAction):
                continue
            if not action.help:
                unexplained.append(f"{name} {action.option_strings or action.dest}")
        if "``" in parser.format_help():
            markup.append(name)
    assert unexplained == []
    assert markup == []  # reST from a docstring reads as noise in a terminal


def test_up_and_serve_say_where_they_listen(capsys: pytest.CaptureFixture[str]) -> None:
    for command in ("up", "serve"):
        with pytest.raises(SystemExit):
            main([command, "--help"])
        assert "127.0.0.1:8000" in capsys.readouterr().out


def test_up_starts_the_daily_chores_after_the_demo_is_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    """A chore runs once a day: its first tick must see the whole demo, not the part loaded so far."""
    import kotacerdas.demo
    from kotacerdas.cli import app

    order: list[str] = []
    monkeypatch.setattr(app, "call", lambda command, *args, **options: order.append(command))
    monkeypatch.setattr(app, "recover_jobs", lambda: order.append("recover"))
    monkeypatch.setattr(app, "start_chores", lambda: order.append("chores"))
    monkeypatch.setattr(kotacerdas.demo, "load_demo", lambda: order.append("demo") or 0)
    monkeypatch.setattr(kotacerdas.demo, "print_logins", lambda **kwargs: None)
    assert main(["up", "127.0.0.1:8099"]) == 0
    assert order == ["migrate", "recover", "demo", "chores", "runserver"]


def test_worker_help_says_it_runs_the_daily_chores(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["worker", "--help"])
    text = " ".join(capsys.readouterr().out.split())
    assert "the daily chores" in text and "TASKS_BACKEND=django_tasks_db.DatabaseBackend" in text


def test_the_worker_without_the_database_queue_says_what_to_set(capsys: pytest.CaptureFixture[str]) -> None:
    """The embedded default runs tasks in the web process; db_worker then failed with a traceback."""
    assert main(["worker", "--batch"]) == 2
    err = capsys.readouterr().err
    assert "TASKS_BACKEND=django_tasks_db.DatabaseBackend" in err and "Traceback" not in err


def test_manage_help_points_to_the_django_commands(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["manage", "--help"])
    assert "'kotacerdas manage help' lists them" in " ".join(capsys.readouterr().out.split())

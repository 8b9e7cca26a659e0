"""The `kotacerdas` console command, as installed by pip."""

from __future__ import annotations

import shutil
import subprocess
import sys
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

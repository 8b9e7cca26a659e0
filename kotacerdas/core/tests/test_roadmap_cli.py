"""`kotacerdas roadmap` through kotacerdas.cli.main and once as a real process."""

from __future__ import annotations

import copy
import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kotacerdas.cli import main
from kotacerdas.core.roadmap import check_schedule, parse_instance

KOTACERDAS = Path(sys.executable).parent / "kotacerdas"
EXAMPLE = Path(__file__).parent / "data" / "roadmap" / "kota-contoh.json"


def example() -> dict[str, Any]:
    return dict(json.loads(EXAMPLE.read_text(encoding="utf-8")))


def write(tmp_path: Path, document: Any) -> Path:
    path = tmp_path / "instance.json"
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def test_it_prints_an_optimal_schedule(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roadmap", str(EXAMPLE), "--time-limit", "2"]) == 0
    output = json.loads(capsys.readouterr().out)
    assert output["status"] == "optimal"
    assert output["gap"] == 0
    assert output["objective"] == pytest.approx(output["bound"])
    assert output["objective"] >= output["greedy_objective"]
    assert output["schedule"]["satu-data"] == 0  # mandatory, and everything hangs on it
    assert output["schedule"]["e-planning"] == 1  # pinned
    assert output["schedule_years"]["e-planning"] == 2027
    assert check_schedule(parse_instance(example()), output["schedule"]) == []
    for entry in output["deferred"] + output["dropped"]:
        assert entry["reasons"], entry
    assert output["recipe"]["time_limit"] == 2
    assert output["recipe"]["solver"].startswith("HiGHS ")
    assert len(output["recipe"]["instance_sha256"]) == 64


def test_an_infeasible_instance_prints_why_and_exits_1(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    document = example()
    document["initiatives"][7]["mandatory"] = True  # wifi-publik: 1500 in one year
    document["budget"] = [1000] * 5
    assert main(["roadmap", str(write(tmp_path, document)), "--time-limit", "2"]) == 1
    output = json.loads(capsys.readouterr().out)
    assert output["status"] == "infeasible"
    assert output["schedule"] == {}
    assert output["infeasible_because"][0]["constraint"] == "budget"


def bad(path: str, value: Any) -> dict[str, Any]:
    document = copy.deepcopy(example())
    *parents, last = path.split(".")
    target: Any = document
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    target[int(last) if last.isdigit() else last] = value
    return document


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ("{oops", "invalid JSON at line 1"),
        ([], "the instance must be a JSON object"),
        (bad("horizon_years", -1), "horizon_years: must be at least 1"),
        (bad("budget", [1, 2]), "budget: has 2 values, expected 5"),
        (bad("initiatives.3.cost_profile", [1, 2]), "initiative 'telemedis': cost_profile: has 2 values"),
        (bad("initiatives.3.agency", "DISPORA"), "initiative 'telemedis': agency: 'DISPORA'"),
        (bad("initiatives.3.predecessors", ["ghost"]), "initiative 'telemedis': predecessors: unknown"),
        (bad("initiatives.3.earliest_start", 9), "initiative 'telemedis': earliest_start: 9 is outside"),
        (bad("agencies.0.max_concurrent", "two"), "agency 'DISKOMINFO': max_concurrent: must be an integer"),
    ],
)
def test_bad_instances_are_clear_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: Any, message: str
) -> None:
    assert main(["roadmap", str(write(tmp_path, document))]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("error: ")
    assert re.search(message, captured.err), captured.err
    assert "Traceback" not in captured.err


def test_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["roadmap", str(tmp_path / "nope.json")]) == 2
    assert "nope.json: no such file" in capsys.readouterr().err


@pytest.mark.parametrize("limit", ["0", "-3", "soon"])
def test_a_bad_time_limit_is_refused(capsys: pytest.CaptureFixture[str], limit: str) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["roadmap", str(EXAMPLE), "--time-limit", limit])
    assert raised.value.code == 2
    assert "--time-limit" in capsys.readouterr().err


def test_it_runs_as_a_console_command() -> None:
    done = subprocess.run(
        [str(KOTACERDAS), "roadmap", str(EXAMPLE), "--time-limit", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    output = json.loads(done.stdout)
    assert output["status"] == "optimal"
    assert set(output) >= {"status", "objective", "bound", "schedule", "gap", "deferred", "dropped"}

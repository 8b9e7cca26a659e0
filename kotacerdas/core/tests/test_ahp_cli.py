"""`kotacerdas ahp` through kotacerdas.cli.main and once as a real process."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from kotacerdas.cli import main

KOTACERDAS = Path(sys.executable).parent / "kotacerdas"

LEADER = {
    "labels": ["experience", "education", "charisma", "age"],
    "matrix": [[1, 4, 3, 7], ["1/4", 1, "1/3", 3], ["1/3", 3, 1, 5], ["1/7", "1/3", "1/5", 1]],
}


def write(tmp_path: Path, document: Any, name: str = "matrix.json") -> Path:
    path = tmp_path / name
    path.write_text(document if isinstance(document, str) else json.dumps(document), encoding="utf-8")
    return path


def run_ok(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[dict[str, Any], str]:
    assert main(["ahp", *argv]) == 0
    captured = capsys.readouterr()
    return json.loads(captured.out), captured.err


def run_error(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(["ahp", *argv]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "Traceback" not in captured.err
    return captured.err


def test_it_prints_priorities_and_consistency(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, err = run_ok(capsys, str(write(tmp_path, LEADER)))
    assert [round(p, 3) for p in result["priorities"]] == [0.548, 0.127, 0.27, 0.056]
    assert result["lambda_max"] == pytest.approx(4.1184, abs=1e-4)
    assert result["CI"] == pytest.approx(0.0395, abs=1e-4)
    assert result["CR"] == pytest.approx(0.0439, abs=1e-4)
    assert result["RI"] == 0.9
    assert result["consistent"] is True
    assert err == ""


def test_geometric_method_is_selectable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    result, _ = run_ok(capsys, str(write(tmp_path, LEADER)), "--method", "geometric")
    assert result["method"] == "geometric"
    assert result["priorities"][0] == pytest.approx(0.5462, abs=1e-4)


def test_an_inconsistent_matrix_warns_on_stderr(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cyclic = {"labels": ["a", "b", "c"], "matrix": [[1, 5, "1/5"], ["1/5", 1, 5], [5, "1/5", 1]]}
    result, err = run_ok(capsys, str(write(tmp_path, cyclic)))
    assert result["CR"] > 0.1
    assert result["consistent"] is False
    assert err.startswith("warning: consistency ratio")
    assert "a vs b: given 5" in err
    assert result["most_inconsistent"][0]["row"] in {"a", "b"}


def test_a_group_is_aggregated_by_geometric_mean(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    group = {
        "labels": ["a", "b"],
        "matrices": [[[1, 9], ["1/9", 1]], [[1, 1], [1, 1]]],
    }
    result, _ = run_ok(capsys, str(write(tmp_path, group)))
    assert result["experts"] == 2
    assert result["priorities"] == pytest.approx([0.75, 0.25])  # geometric mean 3 → 3:1


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"labels": ["a", "b"], "matrix": [[1, 3], [3, 1]]}, "not reciprocal: a vs b"),
        ({"labels": ["a", "b"], "matrix": [[1, -2], [-0.5, 1]]}, "a vs b: -2 must be a positive number"),
        ({"labels": ["a", "b", "c"], "matrix": [[1, 3], ["1/3", 1]]}, "2 rows but there are 3 labels"),
        ({"labels": ["a", "b"], "matrix": [[1, 3, 2], ["1/3", 1]]}, "row 1 \\(a\\) has 3 values"),
        ({"labels": ["a", "b"], "matrix": [[1, "one third"], [3, 1]]}, "'one third' is not a number"),
        ({"labels": ["a", "b"], "matrix": [[1, "3/0"], [0, 1]]}, "divides by zero"),
        ({"labels": "a,b", "matrix": [[1]]}, '"labels" must be a list'),
        ({"labels": ["a", "b"]}, 'exactly one of "matrix"'),
        ({"labels": ["a", "b"], "matrices": [[[1, 2], ["1/2", 1]], [[1, 2], [2, 1]]]}, "matrices\\[1\\]"),
        ({"labels": ["a", "b"], "matrices": []}, "non-empty list"),
        (
            {"labels": ["a", "b"], "matrices": [[[1, 2], ["1/2", 1]]], "expert_weights": ["x"]},
            "expert weights",
        ),
        ([1, 2], "expected a JSON object"),
        ("{not json", "invalid JSON at line 1"),
    ],
)
def test_bad_input_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], document: Any, message: str
) -> None:
    err = run_error(capsys, str(write(tmp_path, document)))
    assert err.startswith("error: ")
    assert re.search(message, err), err


def test_a_missing_file_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = run_error(capsys, str(tmp_path / "nope.json"))
    assert "nope.json: no such file" in err


def test_it_runs_as_a_console_command(tmp_path: Path) -> None:
    path = write(tmp_path, LEADER)
    done = subprocess.run(
        [str(KOTACERDAS), "ahp", str(path)], capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["RI"] == 0.9
    bad = write(tmp_path, {"labels": ["a", "b"], "matrix": [[1, 3], [3, 1]]}, "bad.json")
    failed = subprocess.run(
        [str(KOTACERDAS), "ahp", str(bad)], capture_output=True, text=True, timeout=60, check=False
    )
    assert failed.returncode == 2
    assert failed.stderr.startswith("error: ") and "Traceback" not in failed.stderr

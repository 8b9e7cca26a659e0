"""`kotacerdas score`: JSON on success; a clear message naming the row and exit 2 on bad input."""

import io
import json
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from kotacerdas.cli import main
from kotacerdas.core.instruments import Instrument
from kotacerdas.core.instruments import load_instrument as load_fresh

SCORING = [
    "ikci-2018",
    "kominfo-sc-2017",
    "monev-2022",
    "monev-sleman",
    "readiness-2019",
    "spbe-2018",
    "spbe-2020",
]
KOTACERDAS = Path(sys.executable).parent / "kotacerdas"


@cache
def load_instrument(instrument_id: str) -> Instrument:
    return load_fresh(instrument_id)


def valid_value(instrument_id: str, code: str) -> str:
    """A valid answer for any indicator: the top level, "yes", the first option, or the upper goalpost."""
    indicator = next(i for i in load_instrument(instrument_id).indicators() if i.code == code)
    answer = indicator.answer
    if answer.type == "maturity":
        return str(max(answer.level_values()))  # type: ignore[union-attr]
    if answer.type == "yes_no":
        return "yes"
    if answer.type == "choice":
        return answer.options[0].code  # type: ignore[union-attr]
    return str(answer.upper)  # type: ignore[union-attr]


def write_answers(path: Path, instrument_id: str, regions: list[str] | None = None) -> Path:
    codes = [indicator.code for indicator in load_instrument(instrument_id).indicators()]
    if regions is None:
        lines = ["indicator,value", *(f"{code},{valid_value(instrument_id, code)}" for code in codes)]
    else:
        lines = ["region,indicator,value"]
        lines += [
            f"{region},{code},{valid_value(instrument_id, code)}" for region in regions for code in codes
        ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(["score", *args])
    out, err = capsys.readouterr()
    return status, out, err


def spbe_answers(tmp_path: Path, *lines: str, header: str = "indicator,value") -> Path:
    path = tmp_path / "answers.csv"
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    return path


ALL_AT_3 = [f"{number},3" for number in range(1, 48)]


@pytest.mark.parametrize("instrument_id", SCORING)
def test_every_scoring_instrument_scores_one_region(
    instrument_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status, out, err = run(capsys, instrument_id, str(write_answers(tmp_path / "a.csv", instrument_id)))
    assert (status, err) == (0, "")
    document = json.loads(out)
    assert set(document) == {"instrument", "total", "band", "groups"}
    instrument = load_instrument(instrument_id)
    assert document["instrument"] == instrument_id
    assert instrument.scale_min <= document["total"] <= instrument.scale_max
    assert set(document["groups"]) >= {child.code for child in instrument.children}


@pytest.mark.parametrize("instrument_id", SCORING)
def test_every_scoring_instrument_scores_a_batch(
    instrument_id: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = write_answers(tmp_path / "b.csv", instrument_id, regions=["3471", "3404"])
    status, out, _ = run(capsys, instrument_id, str(path))
    assert status == 0
    documents = json.loads(out)
    assert [document["region"] for document in documents] == ["3471", "3404"]
    assert documents[0]["total"] == documents[1]["total"]


def test_spbe_all_at_3_prints_3_baik(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3)))
    document = json.loads(out)
    assert (status, document["total"], document["band"]) == (0, 3.0, "Baik")
    assert document["groups"]["D4"] == 3.0


def test_full_output_carries_the_recipe_and_gaps(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(
        capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3)), "--full", "--target", "4"
    )
    document = json.loads(out)
    assert status == 0
    assert document["recipe"]["instrument_id"] == "spbe-2020"
    assert document["gap"] == 1.0


def test_an_unknown_instrument(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "spbe-2099", str(spbe_answers(tmp_path, *ALL_AT_3)))
    assert (status, out) == (2, "")
    assert "no instrument 'spbe-2099'" in err
    assert "Traceback" not in err


def test_a_framework_is_not_scorable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "giffinger-2007", str(spbe_answers(tmp_path, "economy,1")))
    assert status == 2
    assert "framework" in err


def test_an_unknown_indicator_code_names_its_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3, "48,3")))
    assert status == 2
    assert "row 49: unknown indicator code '48'" in err


def test_an_out_of_range_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [*ALL_AT_3[:4], "5,6", *ALL_AT_3[5:]]
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *lines)))
    assert status == 2
    assert "row 6: '5': 6 is outside 1..5" in err
    assert "has no answer" not in err  # a refused value is not also reported as missing


def test_a_missing_required_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3[:-1])))
    assert status == 2
    assert "1 problem" in err
    assert "indicator '47' has no answer" in err


def test_a_bad_header(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3, header="code,level")))
    assert status == 2
    assert "row 1: the header must be indicator,value or region,indicator,value, got code,level" in err


def test_a_non_numeric_value(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    lines = [*ALL_AT_3[:9], "10,tiga", *ALL_AT_3[10:]]
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *lines)))
    assert status == 2
    assert "row 11: '10': 'tiga' is not a number" in err


def test_duplicate_indicator_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3, "7,4")))
    assert status == 2
    assert "row 49: indicator '7' is answered more than once (first at row 8)" in err


def test_duplicate_rows_in_a_batch_name_the_region(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [f"kota-a,{line}" for line in ALL_AT_3] + [f"kota-b,{line}" for line in ALL_AT_3] + ["kota-b,1,2"]
    status, _, err = run(
        capsys, "spbe-2020", str(spbe_answers(tmp_path, *lines, header="region,indicator,value"))
    )
    assert status == 2
    assert "region kota-b, row 96: indicator '1' is answered more than once (first at row 49)" in err


def test_an_empty_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n", encoding="utf-8")
    status, _, err = run(capsys, "spbe-2020", str(empty))
    assert status == 2
    assert "the file is empty" in err


def test_a_file_that_does_not_exist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(tmp_path / "nope.csv"))
    assert status == 2
    assert "nope.csv: file not found" in err


def test_a_row_with_too_many_columns(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "spbe-2020", str(spbe_answers(tmp_path, *ALL_AT_3, "1,3,extra")))
    assert status == 2
    assert "row 49: expected 2 columns, got 3" in err


def test_answers_can_come_from_standard_input(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("indicator,value\n" + "\n".join(ALL_AT_3) + "\n"))
    status, out, _ = run(capsys, "spbe-2020", "-")
    assert (status, json.loads(out)["total"]) == (0, 3.0)


def test_the_installed_command_runs(tmp_path: Path) -> None:
    answers = spbe_answers(tmp_path, *ALL_AT_3)
    done = subprocess.run(
        [str(KOTACERDAS), "score", "spbe-2020", str(answers)], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["band"] == "Baik"
    failed = subprocess.run(
        [str(KOTACERDAS), "score", "spbe-2020", str(tmp_path / "x.csv")],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert failed.returncode == 2
    assert failed.stderr.startswith("error: ")
    assert "Traceback" not in failed.stderr

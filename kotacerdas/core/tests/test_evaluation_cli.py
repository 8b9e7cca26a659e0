"""`kotacerdas evaluate RESULTS.csv` through the real command-line entry point."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from kotacerdas.cli import main

HEADER = "region_code,population,baseline,output,outcome,impact,quick_win,previous_total,verified\n"
GOOD = HEADER + (
    "15.71,649656,3.84,3.18,3.53,3.63,3.35,,true\n"  # Kota Jambi (2024 letter): 3.475
    "35.71,301424,3.60,3.21,3.23,3.07,3.65,3.06,\n"  # Kota Kediri 2022: 3.315, +0.255
    "33.73,198971,3.5,3.0,3.5,3.0,3.5,,true\n"  # 3.3 (sedang, Jawa Tengah)
    "34.71,415605,3.3,3.3,3.3,3.3,3.3,,true\n"  # 3.3: ties with Salatiga
    "33.74,1702379,4,4,4,4,4,,false\n"  # not verified: excluded
)


def run(tmp_path: Path, text: str, *extra: str) -> tuple[int, Path]:
    tmp_path.mkdir(parents=True, exist_ok=True)
    results = tmp_path / "results.csv"
    results.write_text(text, encoding="utf-8")
    out = tmp_path / "out"
    options = ["--instrument", "monev-2022", "--scheme", "pp26-2008", "--out", str(out), *extra]
    code = main(["evaluate", str(results), *options])
    return code, out


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_it_writes_exact_totals_improvement_and_the_three_ranks(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out = run(tmp_path, GOOD)
    assert code == 0
    with (out / "ranks.csv").open(encoding="utf-8") as handle:
        assert handle.readline().strip() == (
            "region_code,total,improvement,size_class,rank_national,rank_province,rank_in_class"
        )
    rows = {row["region_code"]: row for row in read(out / "ranks.csv")}
    assert rows["15.71"] == {
        "region_code": "15.71",
        "total": "3.475",
        "improvement": "",
        "size_class": "besar",
        "rank_national": "1",
        "rank_province": "1",
        "rank_in_class": "1",
    }
    assert (rows["35.71"]["total"], rows["35.71"]["improvement"], rows["35.71"]["rank_national"]) == (
        "3.315",
        "0.255",
        "2",
    )
    # Salatiga and Yogyakarta tie at exactly 3.3: both 3rd nationally, both 2nd of "sedang" after Kediri.
    assert [rows[c]["rank_national"] for c in ("33.73", "34.71")] == ["3", "3"]
    assert [rows[c]["rank_in_class"] for c in ("35.71", "33.73", "34.71")] == ["1", "2", "2"]
    assert rows["33.74"]["rank_national"] == "" and rows["33.74"]["total"] == "4"
    recipe = json.loads((out / "recipe.json").read_text(encoding="utf-8"))
    assert recipe["excluded"] == ["33.74"]
    assert recipe["size_classes"]["id"] == "pp26-2008"
    assert recipe["instrument"]["weights"] == {
        "baseline": "10",
        "output": "20",
        "outcome": "30",
        "impact": "20",
        "quick_win": "20",
    }
    assert "excluded (not verified): 33.74" in capsys.readouterr().out


def test_uncertainty_adds_the_band_columns_and_a_seed_reproduces_them(tmp_path: Path) -> None:
    code, out = run(tmp_path, GOOD, "--uncertainty", "60", "--seed", "5")
    assert code == 0
    first = (out / "ranks.csv").read_bytes()
    header = first.decode().splitlines()[0]
    assert header.endswith(",rank_in_class_q05,rank_in_class_median,rank_in_class_q95")
    hash_first = json.loads((out / "recipe.json").read_text())["input_hash"]
    code, again = run(tmp_path / "again", GOOD, "--uncertainty", "60", "--seed", "5")
    assert (again / "ranks.csv").read_bytes() == first
    assert json.loads((again / "recipe.json").read_text())["input_hash"] == hash_first
    bands = {row["region_code"]: row for row in read(out / "bands.csv")}
    assert bands["15.71"]["robust"] == "true"  # alone in "besar"


def test_bad_rows_exit_non_zero_with_one_line_each_and_write_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = HEADER + (
        "15.71,649656,3.84,3.18,3.53,3.63,3.35,,\n"
        "33.73,198971,3.5,,3.5,3.0,6,,\n"  # a missing part and one above 5
        "33.99,1000,3,3,3,3,3,,\n"  # no such kota
        "34.71,-1,3,3,3,3,3,,\n"  # negative population
    )
    code, out = run(tmp_path, bad)
    assert code == 2
    assert capsys.readouterr().err.splitlines() == [
        f"error: {tmp_path / 'results.csv'}: 3 rows refused, nothing written",
        "  row 3 (33.73): output is missing; quick_win 6 is outside 0–5",
        "  row 4 (33.99): unknown region code 33.99",
        "  row 5 (34.71): population -1 is negative",
    ]
    assert not out.exists()


def test_an_instrument_that_is_not_monev_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    results = tmp_path / "results.csv"
    results.write_text(GOOD, encoding="utf-8")
    code = main(
        [
            "evaluate",
            str(results),
            "--instrument",
            "spbe-2020",
            "--scheme",
            "pp26-2008",
            "--out",
            str(tmp_path / "o"),
        ]
    )
    assert code == 2
    assert "not a monev instrument" in capsys.readouterr().err
    assert not (tmp_path / "o").exists()


SHIPPED_SCHEME = Path(__file__).parents[2] / "frameworks" / "size-classes" / "pp26-2008.yaml"


def test_a_scheme_files_own_class_codes_are_written_and_numbers_stay_numbers(tmp_path: Path) -> None:
    (tmp_path / "scheme.yaml").write_text(
        SHIPPED_SCHEME.read_text(encoding="utf-8").replace("code: sedang", "code: menengah_2"),
        encoding="utf-8",
    )
    text = GOOD.replace(",3.06,", ",3.5,")  # Kediri falls from 3.5 to 3.315
    code, out = run(
        tmp_path / "b", text, "--uncertainty", "60", "--seed", "5", "--scheme", str(tmp_path / "scheme.yaml")
    )
    assert code == 0
    ranks = {row["region_code"]: row for row in read(out / "ranks.csv")}
    assert ranks["35.71"]["size_class"] == "menengah_2"
    assert ranks["35.71"]["improvement"] == "-0.185"  # a negative number stays a number, not escaped text
    bands = {row["region_code"]: row for row in read(out / "bands.csv")}
    assert bands["35.71"]["size_class"] == "menengah_2"
    assert bands["15.71"]["size_class"] == "besar"


def test_a_scheme_with_malformed_repeated_or_unknown_entries_is_refused_line_by_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Size-class codes are checked as region codes are: each problem named with its line, exit 2,
    nothing written (a formula, a capital letter, a repeat and a misspelt key were taken as given)."""
    scheme = tmp_path / "scheme.yaml"
    scheme.write_text(
        "id: mine\n"
        "name: {id: Skema saya, en: My scheme}\n"
        "colour: red\n"
        "bands:\n"
        "  - {code: kecil, name: {id: Kecil, en: Small}, max: 100000}\n"
        "  - {code: '=HYPERLINK(\"x\")', max: 500000}\n"
        "  - {code: kecil, max: 700000}\n"
        "  - code: Besar\n"
        "    maks: 1000000\n"
        "  - {code: '', max: 2000000}\n"
        "  - {code: metropolitan, max: null}\n",
        encoding="utf-8",
    )
    code, out = run(tmp_path, GOOD, "--scheme", str(scheme))
    assert code == 2
    malformed = (
        "is malformed: lowercase letters, digits, - or _, starting with a letter, at most 20 characters"
    )
    assert capsys.readouterr().err.splitlines() == [
        f"error: --scheme {scheme}: 6 problems, nothing written",
        "  unknown key 'colour' (line 3); a scheme has id, name, status, sources, bands",
        f"  band 2 (line 6): size-class code '=HYPERLINK(\"x\")' {malformed}",
        "  band 3 (line 7): size-class code 'kecil' is repeated; band 1 (line 5) has it",
        "  band 4 (line 8): unknown key 'maks'; a band has code, name, max",
        f"  band 4 (line 8): size-class code 'Besar' {malformed}",
        "  band 5 (line 10): the size-class code is missing",
    ]
    assert not out.exists()

"""`kotacerdas index build|uncertainty` through the real command-line entry point."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import pytest

from kotacerdas.cli import main

ASEM = Path(__file__).parent / "data" / "index"
DATA, META = str(ASEM / "asem_iData.csv"), str(ASEM / "asem_iMeta.csv")
COINR = Path(__file__).parent / "data" / "coinr"
EXAMPLE_RECIPE = """\
denominate: {method: denominate, params: {}}
impute: {method: i_mean_grp, params: {use_group: EurAsia_group}}
screen: {method: byNA, params: {dat_thresh: 0.9}}
treat: {method: winsorise, params: {winmax: 5}}
normalise: {method: n_minmax, params: {l_u: [0, 100]}}
aggregate: {method: a_amean, params: {}}
"""
UA_RECIPE = (
    EXAMPLE_RECIPE
    + """\
uncertainty:
  weights: {noise: {2: 0.25, 3: 0.25}, sets: 50}
  normalise: [{method: n_minmax, params: {l_u: [1, 100]}}, {method: n_zscore, params: {m_sd: [10, 2]}}]
  aggregate: [{method: a_amean}, {method: a_gmean}]
"""
)


def read(path: Path) -> list[dict[str, str]]:
    with path.open(newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture
def recipe(tmp_path: Path) -> Path:
    path = tmp_path / "recipe.yaml"
    path.write_text(EXAMPLE_RECIPE)
    return path


def test_build_writes_coinr_aggregated_scores_ranks_and_full_recipe(tmp_path: Path, recipe: Path) -> None:
    out = tmp_path / "out"
    assert main(["index", "build", DATA, META, "--recipe", str(recipe), "--out", str(out)]) == 0
    scores, ranks = read(out / "scores.csv"), read(out / "ranks.csv")
    assert len(scores) == 51 and list(scores[0])[:3] == ["uCode", "LPI", "Flights"]
    assert list(scores[0])[-1] == "Index" and list(ranks[0]) == list(scores[0])
    expected = {r["uCode"]: r for r in read(COINR / "example_aggregated.csv")}
    expected_ranks = {r["uCode"]: r for r in read(COINR / "example_ranks.csv")}
    for row, rank_row in zip(scores, ranks, strict=True):
        theirs = expected[row["uCode"]]
        for code in ("Flights", "Physical", "Conn", "Index"):
            assert float(row[code]) == pytest.approx(float(theirs[code]), rel=1e-9)
        assert rank_row["Index"] == expected_ranks[row["uCode"]]["Index"]
    stored = json.loads((out / "recipe.json").read_text())
    assert list(stored) == ["denominate", "impute", "screen", "treat", "normalise", "aggregate"]
    assert stored["treat"]["params"]["skew_thresh"] == 2  # defaults are filled in


def test_the_written_recipe_rebuilds_the_same_scores(tmp_path: Path, recipe: Path) -> None:
    main(["index", "build", DATA, META, "--recipe", str(recipe), "--out", str(tmp_path / "a")])
    main(
        [
            "index",
            "build",
            DATA,
            META,
            "--recipe",
            str(tmp_path / "a" / "recipe.json"),
            "--out",
            str(tmp_path / "b"),
        ]
    )
    assert (tmp_path / "a" / "scores.csv").read_bytes() == (tmp_path / "b" / "scores.csv").read_bytes()


def test_uncertainty_writes_rank_intervals_and_sobol_indices(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    recipe = tmp_path / "ua.yaml"
    recipe.write_text(UA_RECIPE)
    args = ["index", "uncertainty", DATA, META, "--recipe", str(recipe), "--n", "64", "--seed", "4"]
    assert main([*args, "--out", str(tmp_path / "ua1"), "--sensitivity"]) == 0
    assert "320 runs over 3 uncertain input(s)" in capsys.readouterr().out
    stats = read(tmp_path / "ua1" / "rank_stats.csv")
    assert list(stats[0]) == ["uCode", "nominal", "median", "q05", "q95", "mean"]
    assert all(float(s["q05"]) <= float(s["median"]) <= float(s["q95"]) for s in stats)
    sobol = read(tmp_path / "ua1" / "sensitivity.csv")
    assert [s["input"] for s in sobol] == ["weights", "normalise", "aggregate"]
    assert main([*args, "--out", str(tmp_path / "ua2"), "--sensitivity"]) == 0
    assert (tmp_path / "ua1" / "rank_stats.csv").read_bytes() == (
        tmp_path / "ua2" / "rank_stats.csv"
    ).read_bytes()


@pytest.mark.parametrize(
    ("meta_edit", "message"),
    [
        (("LPI", "Physical", "Nowhere"), "error: iMeta row 2 (iCode 'LPI'): Parent 'Nowhere' is not"),
        (None, "error: file not found"),
    ],
)
def test_bad_inputs_exit_with_a_message_not_a_traceback(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], meta_edit: tuple[str, str, str] | None, message: str
) -> None:
    meta = tmp_path / "meta.csv"
    if meta_edit:
        code, old, new = meta_edit
        lines = Path(META).read_text().splitlines()
        meta.write_text(
            "\n".join(line.replace(f'"{old}"', f'"{new}"') if f'"{code}"' in line else line for line in lines)
        )
    code = main(["index", "build", DATA, str(meta), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 2
    assert err.startswith(message) and "Traceback" not in err


def test_the_installed_command_runs_and_reports_errors(tmp_path: Path) -> None:
    kotacerdas = Path(sys.executable).parent / "kotacerdas"
    bad = tmp_path / "recipe.yaml"
    bad.write_text("normalise: {method: n_minimax}\n")
    done = subprocess.run(
        [str(kotacerdas), "index", "build", DATA, META, "--recipe", str(bad), "--out", str(tmp_path / "o")],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr.startswith("error: recipe.normalise: method 'n_minimax' is not one of")
    assert "Traceback" not in done.stderr


def _write_xlsx(path: Path, rows: list[list[object]]) -> None:
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    book.save(path)


def test_the_how_to_example_from_excel_workbooks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """docs/how-to/build-an-index.md, step by step."""
    _write_xlsx(
        tmp_path / "regions.xlsx",
        [
            ["uCode", "uName", "size_class", "population", "broadband", "egov_services", "open_data"],
            [3171, "Kota Jakarta Pusat", "large", 1056, 92.5, 41, 120],
            [3273, "Kota Bandung", "large", 2452, 88.1, 35, None],
            [5271, "Kota Mataram", "medium", 429, 71.0, 22, 15],
        ],
    )
    header = ["iCode", "iName", "Level", "Parent", "Direction", "Weight", "Type", "Denominator"]
    _write_xlsx(
        tmp_path / "meta.xlsx",
        [
            header,
            ["broadband", "Households with broadband (%)", 1, "Infra", 1, 1, "Indicator", None],
            ["egov_services", "Online public services", 1, "Services", 1, 1, "Indicator", None],
            ["open_data", "Open datasets published", 1, "Services", 1, 1, "Indicator", "population"],
            ["Infra", "Infrastructure", 2, "Index", 1, 1, "Aggregate", None],
            ["Services", "Digital services", 2, "Index", 1, 2, "Aggregate", None],
            ["Index", "Smart city readiness", 3, None, 1, 1, "Aggregate", None],
            ["size_class", "Size class", None, None, None, None, "Group", None],
            ["population", "Population (thousands)", None, None, None, None, "Denominator", None],
        ],
    )
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        "denominate: {method: denominate}\n"
        "impute:     {method: i_mean_grp, params: {use_group: size_class}}\n"
        "treat:      {method: winsorise, params: {winmax: 5}}\n"
        "normalise:  {method: n_minmax, params: {l_u: [0, 100]}}\n"
        "aggregate:  {method: a_amean}\n"
    )
    files = [str(tmp_path / "regions.xlsx"), str(tmp_path / "meta.xlsx"), "--recipe", str(recipe)]
    assert main(["index", "build", *files, "--out", str(tmp_path / "result")]) == 0
    scores = {r["uCode"]: r for r in read(tmp_path / "result" / "scores.csv")}
    # Jakarta Pusat is best on everything; Bandung's open data is imputed from the large-city mean
    assert float(scores["3171"]["Index"]) == pytest.approx(100.0, rel=1e-12)
    assert float(scores["3273"]["open_data"]) == 100.0
    ranks = {r["uCode"]: r["Index"] for r in read(tmp_path / "result" / "ranks.csv")}
    assert ranks == {"3171": "1", "3273": "2", "5271": "3"}
    with recipe.open("a") as handle:
        handle.write(
            "uncertainty:\n"
            "  weights:   {noise: {2: 0.25}}\n"
            "  normalise:\n"
            "    - {method: n_minmax, params: {l_u: [1, 100]}}\n"
            "    - {method: n_zscore, params: {m_sd: [10, 2]}}\n"
            "  aggregate: [{method: a_amean}, {method: a_gmean}]\n"
        )
    assert (
        main(["index", "uncertainty", *files, "--n", "200", "--seed", "1", "--out", str(tmp_path / "ua")])
        == 0
    )
    assert "(0 failed)" in capsys.readouterr().out
    stats = {r["uCode"]: r for r in read(tmp_path / "ua" / "rank_stats.csv")}
    assert stats["3171"]["nominal"] == "1"


def test_ranks_within_a_size_class(tmp_path: Path, recipe: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    args = ["index", "build", DATA, META, "--recipe", str(recipe), "--out", str(out)]
    assert main([*args, "--rank-by", "GDP_group"]) == 0
    overall = {r["uCode"]: r for r in read(out / "scores.csv")}
    by_group = read(out / "ranks_by_GDP_group.csv")
    for group in {r["GDP_group"] for r in by_group}:
        members = [r for r in by_group if r["GDP_group"] == group]
        best = min(members, key=lambda r: int(r["Index"]))
        assert best["Index"] == "1"
        assert float(overall[best["uCode"]]["Index"]) == max(
            float(overall[m["uCode"]]["Index"]) for m in members
        )
    assert main([*args, "--rank-by", "Province"]) == 2
    assert "error: --rank-by: 'Province' is not a Group column" in capsys.readouterr().err


def test_a_formula_like_unit_code_is_escaped_and_negative_scores_stay_numbers(tmp_path: Path) -> None:
    data = tmp_path / "data.csv"
    data.write_text(Path(DATA).read_text().replace('"AUT"', '"=HYPERLINK(""x"")"', 1))
    recipe = tmp_path / "recipe.yaml"
    recipe.write_text(
        EXAMPLE_RECIPE.replace("n_minmax, params: {l_u: [0, 100]}", "n_zscore, params: {m_sd: [0, 1]}")
    )
    out = tmp_path / "out"
    assert main(["index", "build", str(data), META, "--recipe", str(recipe), "--out", str(out)]) == 0
    for name in ("scores.csv", "ranks.csv"):
        codes = [row["uCode"] for row in read(out / name)]
        assert '\'=HYPERLINK("x")' in codes and '=HYPERLINK("x")' not in codes
    indices = [row["Index"] for row in read(out / "scores.csv")]
    assert any(value.startswith("-") for value in indices)  # z-scores below the mean: plain numbers
    assert not any(value.startswith("'") for value in indices)

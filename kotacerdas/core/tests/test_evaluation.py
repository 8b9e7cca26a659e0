"""Worked examples of the yearly evaluation: exact totals, improvement, ranks, size classes, bad rows."""

from __future__ import annotations

from fractions import Fraction

import pytest

from kotacerdas.core.evaluation import (
    EntriesError,
    Entry,
    check_rows,
    competition_ranks,
    evaluate,
    exact_decimal,
    monev_total,
    read_results_csv,
)
from kotacerdas.core.evaluation.entries import read_number
from kotacerdas.core.instruments import load_instrument
from kotacerdas.core.regions import PP_26_2008, RKCI_2017, load_size_scheme, size_scheme_to_dict

MONEV_2022 = load_instrument("monev-2022")
SLEMAN = load_instrument("monev-sleman")


def parts(*values: str) -> dict[str, Fraction]:
    return dict(
        zip(("baseline", "output", "outcome", "impact", "quick_win"), map(Fraction, values), strict=True)
    )


def entry(code: str, total_parts: tuple[str, ...], population: int = 200_000, **extra: object) -> Entry:
    return Entry(code, population, parts(*total_parts), **extra)  # type: ignore[arg-type]


def test_jambi_published_total_is_reproduced_by_the_10_20_30_20_20_weights_not_by_sleman_s() -> None:
    # Kota Jambi, Dirjen Aptika letter B-1478/DJAI/AI.01.02/11/2024 (jambikota.go.id/content/931):
    # baseline 3.84, output 3.18, outcome 3.53, impact 3.63, quick win 3.35, final 3.48.
    jambi = parts("3.84", "3.18", "3.53", "3.63", "3.35")
    assert monev_total(MONEV_2022, jambi) == Fraction("3.475")  # published to two decimals: 3.48
    assert monev_total(SLEMAN, jambi) == Fraction("3.503")  # 3.50: not the published 3.48


def test_kediri_2022_total_and_improvement_from_its_letter() -> None:
    # Kota Kediri 2022, letter B-1003/DJAI/AI.01.04/12/2022 (bangsaonline.com 113379): parts 3.60, 3.21,
    # 3.23, 3.07, 3.65; total 3.31; improvement 0.25 over 3.06 (the parts themselves are rounded).
    kediri = entry("35.71", ("3.60", "3.21", "3.23", "3.07", "3.65"), previous_total=Fraction("3.06"))
    result = evaluate([kediri], MONEV_2022, PP_26_2008)
    scored = result.ranking.get("35.71")
    assert scored.total == Fraction("3.315")
    assert scored.improvement == Fraction("0.255")
    assert abs(scored.total - Fraction("3.31")) <= Fraction(1, 200)


def test_the_sleman_set_weighs_impact_30_and_quick_win_10() -> None:
    only_impact = parts("0", "0", "0", "5", "0")
    only_quick_win = parts("0", "0", "0", "0", "5")
    assert monev_total(SLEMAN, only_impact) == Fraction("1.5")
    assert monev_total(SLEMAN, only_quick_win) == Fraction("0.5")
    assert monev_total(MONEV_2022, only_impact) == monev_total(MONEV_2022, only_quick_win) == 1


def test_ties_share_the_best_rank_and_the_next_rank_skips() -> None:
    ranks = competition_ranks(
        {"a": Fraction(35, 10), "b": Fraction(13, 4), "c": Fraction(13, 4), "d": Fraction(3)}
    )
    assert ranks == {"a": 1, "b": 2, "c": 2, "d": 4}


def test_ties_are_decided_on_exact_totals() -> None:
    # Equal totals from different parts (0.5+0.6+0.9+0.6+0.6 and 0.3+0.8+0.9+0.6+0.6 differ in floats).
    same_a = entry("33.71", ("5", "3", "3", "3", "3"))
    same_b = entry("33.72", ("3", "4", "3", "3", "3"))
    # 3.2000000001 is not 3.2: one ten-billionth apart is still a different rank.
    above = entry("33.73", ("3.000000001", "4", "3", "3", "3"))
    ranked = evaluate([same_a, same_b, above], MONEV_2022, PP_26_2008).ranking
    assert [(item.region_code, item.rank_national) for item in ranked.ranked] == [
        ("33.73", 1),
        ("33.71", 2),
        ("33.72", 2),
    ]
    assert exact_decimal(ranked.get("33.73").total) == "3.2000000001"


@pytest.mark.parametrize(
    ("population", "size_class"),
    [
        (100_000, "kecil"),
        (100_001, "sedang"),
        (500_000, "sedang"),
        (500_001, "besar"),
        (1_000_000, "besar"),
        (1_000_001, "metropolitan"),
    ],
)
def test_pp26_2008_ceilings_are_inclusive(population: int, size_class: str) -> None:
    result = evaluate([entry("33.71", ("3", "3", "3", "3", "3"), population)], MONEV_2022, PP_26_2008)
    assert result.ranking.get("33.71").size_class == size_class


def test_ranks_national_per_province_and_per_size_class() -> None:
    entries = [
        entry("33.73", ("4", "4", "4", "4", "4"), 100_000),  # Salatiga-like: kecil, Jawa Tengah
        entry("33.01", ("3", "3", "3", "3", "3"), 100_001),  # sedang, Jawa Tengah
        entry("34.71", ("5", "5", "5", "5", "5"), 1_000_000),  # besar, DI Yogyakarta
        entry("34.02", ("2", "2", "2", "2", "2"), 100_000),  # kecil, DI Yogyakarta
    ]
    ranked = evaluate(entries, MONEV_2022, PP_26_2008).ranking
    rows = {
        item.region_code: (item.rank_national, item.rank_province, item.rank_in_class)
        for item in ranked.ranked
    }
    assert rows == {"34.71": (1, 1, 1), "33.73": (2, 1, 1), "33.01": (3, 2, 1), "34.02": (4, 2, 2)}


def test_unverified_entries_are_excluded_from_every_ranking_and_listed() -> None:
    entries = [
        entry("33.71", ("5", "5", "5", "5", "5"), verified=False),
        entry("33.72", ("3", "3", "3", "3", "3")),
        entry("33.73", ("2", "2", "2", "2", "2")),
    ]
    result = evaluate(entries, MONEV_2022, PP_26_2008)
    assert [item.region_code for item in result.ranking.excluded] == ["33.71"]
    assert result.ranking.get("33.72").rank_national == 1
    rows = {row["region_code"]: row for row in result.rows()}
    assert rows["33.71"]["total"] == "5" and rows["33.71"]["rank_national"] == ""
    assert result.recipe()["excluded"] == ["33.71"]


def test_the_scheme_is_frozen_with_the_result() -> None:
    entries = [
        entry("33.71", ("3", "3", "3", "3", "3"), 150_000),
        entry("33.72", ("4", "3", "3", "3", "3"), 90_000),
    ]
    published = evaluate(entries, MONEV_2022, PP_26_2008)
    assert published.scheme == size_scheme_to_dict(load_size_scheme("pp26-2008"))
    # Re-ranking later from the stored scheme gives the same rows and hash, whatever the files say then.
    again = evaluate(entries, MONEV_2022, published.scheme)
    assert again.rows() == published.rows() and again.input_hash == published.input_hash
    # Under another scheme 150,000 is "kecil" with 90,000, so the classes, ranks and hash change.
    other = evaluate(entries, MONEV_2022, RKCI_2017)
    assert other.ranking.get("33.71").rank_in_class == 2
    assert published.ranking.get("33.71").rank_in_class == 1
    assert other.input_hash != published.input_hash


def test_input_hash_ignores_row_order_and_number_spelling() -> None:
    one = [entry("33.71", ("3.5", "3", "3", "3", "3")), entry("33.72", ("4", "3", "3", "3", "3"))]
    two = [entry("33.72", ("4.00", "3", "3", "3", "3")), entry("33.71", ("3.50", "3", "3", "3", "3"))]
    assert (
        evaluate(one, MONEV_2022, PP_26_2008).input_hash == evaluate(two, MONEV_2022, PP_26_2008).input_hash
    )


def test_a_total_that_does_not_end_is_written_to_twelve_places() -> None:
    assert exact_decimal(Fraction(1, 3)) == "0.333333333333"
    assert exact_decimal(Fraction("3.475")) == "3.475"


def test_bad_rows_are_refused_one_line_per_row_naming_every_problem() -> None:
    rows = [
        {
            "region_code": "33.73",
            "population": "192322",
            **dict.fromkeys(("baseline", "output", "outcome"), "3"),
        }
        | {"impact": "5.5", "quick_win": "3"},
        {
            "region_code": "33.99",
            "population": "-5",
            "baseline": "3",
            "output": "3",
            "outcome": "3",
            "impact": "3",
        }
        | {"quick_win": ""},
        {"region_code": "33.72", "population": "1000", "baseline": "3", "output": "3", "outcome": "3"}
        | {"impact": "3", "quick_win": "3"},
    ]
    with pytest.raises(EntriesError) as refused:
        check_rows(rows, known_codes={"33.73", "33.72"})
    assert [problem.line() for problem in refused.value.problems] == [
        "row 2 (33.73): impact 5.5 is outside 0–5",
        "row 3 (33.99): unknown region code 33.99; population -5 is negative; quick_win is missing",
    ]


def test_a_province_code_and_a_repeated_region_are_refused() -> None:
    good = {
        "population": "1000",
        "baseline": "3",
        "output": "3",
        "outcome": "3",
        "impact": "3",
        "quick_win": "3",
    }
    with pytest.raises(EntriesError) as refused:
        check_rows(
            [{"region_code": "33"} | good, {"region_code": "33.71"} | good, {"region_code": "33.71"} | good]
        )
    assert [problem.line() for problem in refused.value.problems] == [
        "row 2 (33): region code 33 is a province, not a kabupaten/kota",
        "row 4 (33.71): region 33.71 already given in row 3",
    ]


def test_results_csv_needs_its_columns_and_reads_verified_and_previous_total() -> None:
    with pytest.raises(EntriesError, match="missing column"):
        read_results_csv("region_code,population,baseline\n33.71,1,3\n")
    text = (
        "region_code,population,baseline,output,outcome,impact,quick_win,previous_total,verified\n"
        "33.71,120000,3,3,3,3,3,2.5,false\n"
        "33.72,90000,4,4,4,4,4,,\n"
    )
    first, second = read_results_csv(text, known_codes={"33.71", "33.72"})
    assert (first.verified, first.previous_total) == (False, Fraction("2.5"))
    assert (second.verified, second.previous_total) == (True, None)


def test_results_csv_from_excel_with_indonesian_settings_reads_semicolons_and_decimal_commas() -> None:
    text = (
        "region_code;population;baseline;output;outcome;impact;quick_win;previous_total;verified\r\n"
        "33.71;120000;3,5;1.234;3;10/3;0,25;3,12;ya\r\n"
    )
    (read,) = read_results_csv(text, known_codes={"33.71"})
    assert read.parts == parts("3.5", "1.234", "3", "10/3", "0.25")
    assert read.previous_total == Fraction("3.12")


@pytest.mark.parametrize(
    ("written", "exact"),
    [("3,5", "3.5"), ("3.5", "3.5"), ("1.234", "1.234"), ("1.234,5", "1234.5"), ("1234,5", "1234.5")],
)
def test_a_decimal_comma_or_point_reads_one_way_only(written: str, exact: str) -> None:
    assert read_number(written) == Fraction(exact)


@pytest.mark.parametrize("ambiguous", ["1,234.5", "1.234.567", "3,5,1", "12.34,5", ",5"])
def test_a_number_that_could_be_read_two_ways_is_refused(ambiguous: str) -> None:
    with pytest.raises(ValueError):
        read_number(ambiguous)

"""Permendagri 90/2019 codes: levels, parts and the errors that name the wrong part."""

import pytest

from kotacerdas.core.budget_codes import (
    BudgetCodeError,
    is_valid_budget_code,
    load_nomenclature,
    lookup_budget_code,
    parse_budget_code,
)


def test_it_reads_a_sub_kegiatan_code() -> None:
    code = parse_budget_code(" 2.16.03.2.02.0014 ")
    assert (code.urusan, code.bidang, code.program, code.kegiatan, code.sub_kegiatan) == (
        "2",
        "16",
        "03",
        "2.02",
        "0014",
    )
    assert code.level == "sub_kegiatan"
    assert str(code) == "2.16.03.2.02.0014"
    assert code.program_code == "2.16.03"


@pytest.mark.parametrize(
    ("text", "level"),
    [("2", "urusan"), ("2.16", "bidang"), ("2.16.03", "program"), ("2.16.03.2.02", "kegiatan")],
)
def test_it_knows_each_level(text, level) -> None:
    assert parse_budget_code(text).level == level


def test_a_sub_kegiatan_lies_within_its_program() -> None:
    sub = parse_budget_code("2.16.03.2.02.0014")
    assert sub.is_within(parse_budget_code("2.16.03"))
    assert not sub.is_within(parse_budget_code("2.16.02"))
    assert not parse_budget_code("2.16.03").is_within(sub)


@pytest.mark.parametrize(
    ("text", "reason", "part"),
    [
        ("", "empty", ""),
        ("2.16.O3", "characters", ""),
        ("2.16.03.2", "parts", ""),
        ("2.16.03.2.02.0014.1", "parts", ""),
        ("2.16.3.2.02.0014", "digits", "program"),
        ("2.16.03.2.02.014", "digits", "sub_kegiatan"),
        ("0.16.03", "zero", "urusan"),
    ],
)
def test_it_names_what_is_wrong(text, reason, part) -> None:
    with pytest.raises(BudgetCodeError) as error:
        parse_budget_code(text)
    assert (error.value.reason, error.value.part) == (reason, part)


def test_it_can_require_a_level() -> None:
    with pytest.raises(BudgetCodeError) as error:
        parse_budget_code("2.16.03", require="sub_kegiatan")
    assert error.value.reason == "level"
    assert is_valid_budget_code("2.16.03.2.02.0014", require="sub_kegiatan")
    assert not is_valid_budget_code("2.16.03.2.02", require="sub_kegiatan")


def test_the_nomenclature_names_a_listed_code() -> None:
    found = lookup_budget_code(parse_budget_code("2.16.03.2.02.0014"))
    assert found.exists is True
    assert found.name == "Penyelenggaraan Jaringan Intra Pemerintah Daerah Kabupaten/Kota"
    assert lookup_budget_code(parse_budget_code("2.16.03")).name == "PROGRAM APLIKASI INFORMATIKA"
    assert lookup_budget_code(parse_budget_code("1.02.02.2.01")).name.startswith("Penyediaan Fasilitas")


@pytest.mark.parametrize(
    ("code", "missing"),
    [
        ("2.33", "2.33"),  # urusan 2 has bidang 2.07-2.24 only
        ("2.16.09", "2.16.09"),  # bidang 2.16 has programs 01-03
        ("2.16.03.2.09", "2.16.03.2.09"),  # program 2.16.03 has kab/kota kegiatan 2.01 and 2.02
        ("2.16.07.2.01.0001", "2.16.07"),  # the first missing part is named
    ],
)
def test_a_well_formed_code_that_does_not_exist_names_the_missing_part(code: str, missing: str) -> None:
    found = lookup_budget_code(parse_budget_code(code))
    assert (found.exists, found.missing, found.name) == (False, missing, "")


@pytest.mark.parametrize(
    "code",
    [
        "5.01.02",  # urusan 5 (penunjang) is not covered
        "2.16.03.1.01",  # province-level kegiatan are not listed
        "2.16.03.2.02.0099",  # sub-kegiatan lists are not complete (numbering changed after 2021)
        "1.03.02",  # bidang 1.03 is named, its programs are not listed
    ],
)
def test_an_uncovered_code_is_neither_known_nor_missing(code: str) -> None:
    assert lookup_budget_code(parse_budget_code(code)).exists is None


def test_the_nomenclature_file_states_its_source_and_only_complete_codes_it_lists() -> None:
    book = load_nomenclature()
    assert "050-5889" in book.source
    assert all(c in book.names or c.count(".") == 3 for c in book.complete)
    for code in book.names:
        assert parse_budget_code(code) is not None

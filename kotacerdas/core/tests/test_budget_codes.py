"""Permendagri 90/2019 codes: levels, parts and the errors that name the wrong part."""

import pytest

from kotacerdas.core.budget_codes import BudgetCodeError, is_valid_budget_code, parse_budget_code


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

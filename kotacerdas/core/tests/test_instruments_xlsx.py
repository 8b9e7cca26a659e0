"""XLSX: what is exported imports back identically, and bad cells are reported by sheet and row."""

import io
from fractions import Fraction
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from kotacerdas.core.instruments import (
    AnswersError,
    Instrument,
    InstrumentError,
    available_instruments,
    export_answers_xlsx,
    export_instrument_xlsx,
    import_answers_xlsx,
    import_instrument_xlsx,
    load_instrument,
    score,
)

TOY = load_instrument(Path(__file__).parent / "data" / "instruments" / "toy.yaml")


def edited(workbook_bytes: bytes, sheet: str, cells: dict[str, object]) -> bytes:
    """The workbook after a person typed ``cells`` into ``sheet``."""
    workbook = load_workbook(io.BytesIO(workbook_bytes))
    for address, value in cells.items():
        workbook[sheet][address] = value
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def one_of_each(instrument: Instrument) -> dict[str, object]:
    answers: dict[str, object] = {}
    for indicator in instrument.indicators():
        answer = indicator.answer
        if answer.type == "maturity":
            answers[indicator.code] = answer.level_values()[1]  # type: ignore[union-attr]
        elif answer.type == "yes_no":
            answers[indicator.code] = False
        elif answer.type == "choice":
            answers[indicator.code] = answer.options[-1].code  # type: ignore[union-attr]
        else:
            answers[indicator.code] = Fraction("3.25")
    return answers


@pytest.mark.parametrize("instrument_id", available_instruments())
def test_an_exported_instrument_imports_back_identically(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    assert import_instrument_xlsx(export_instrument_xlsx(instrument)) == instrument


def test_inline_levels_and_options_survive_the_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "toy.xlsx"
    path.write_bytes(export_instrument_xlsx(TOY))
    assert import_instrument_xlsx(path) == TOY
    assert import_instrument_xlsx(str(path)) == TOY


def test_the_instrument_sheets_are_what_a_person_edits() -> None:
    workbook = load_workbook(io.BytesIO(export_instrument_xlsx(load_instrument("spbe-2020"))))
    assert workbook.sheetnames == [
        "instrument",
        "hierarchy",
        "sources",
        "bands",
        "level_sets",
        "nodes",
        "options",
    ]
    nodes = list(workbook["nodes"].iter_rows(values_only=True))
    assert nodes[0][:5] == ("code", "parent", "name_id", "name_en", "weight")
    first_indicator = next(row for row in nodes if row[0] == "1")
    assert (first_indicator[1], first_indicator[4], first_indicator[11]) == ("A1", 1.3, "maturity")


def test_a_weight_edited_in_the_sheet_changes_the_instrument() -> None:
    changed = edited(export_instrument_xlsx(load_instrument("monev-2022")), "nodes", {"E2": 15, "E6": 15})
    weights = {child.code: child.weight for child in import_instrument_xlsx(changed).children}
    assert (weights["baseline"], weights["quick_win"]) == (15, 15)


def test_every_bad_cell_is_reported_with_its_sheet_and_row() -> None:
    workbook = export_instrument_xlsx(load_instrument("spbe-2020"))
    # nodes row 5 is indicator "2" (rows: header, D1, A1, 1, 2, …); row 7 is indicator "4"
    broken = edited(workbook, "nodes", {"E5": "abc", "B7": "ZZ", "L9": "slider", "A10": "1"})
    broken = edited(broken, "options", {"A2": "nope", "B2": "x", "E2": 1})
    with pytest.raises(InstrumentError) as caught:
        import_instrument_xlsx(broken)
    found = {(problem.code, problem.path, problem.row) for problem in caught.value.problems}
    assert {
        ("not_a_number", "nodes", 5),
        ("unknown_parent", "nodes", 7),
        ("invalid_value", "nodes", 9),
        ("duplicate_code", "nodes", 10),
        ("unknown_reference", "options", 2),
    } <= found


def test_a_mistyped_field_on_the_instrument_sheet_is_reported() -> None:
    # instrument sheet: row 1 header, row 2 id, …, row 12 "rule"
    typo = edited(export_instrument_xlsx(load_instrument("monev-2022")), "instrument", {"A12": "rules"})
    with pytest.raises(InstrumentError) as caught:
        import_instrument_xlsx(typo)
    assert [(problem.code, problem.row) for problem in caught.value.problems] == [("unknown_field", 12)]


def test_a_workbook_without_the_needed_sheets_or_not_a_workbook_at_all(tmp_path: Path) -> None:
    only_answers = export_answers_xlsx(TOY, {None: {}})
    with pytest.raises(InstrumentError) as caught:
        import_instrument_xlsx(only_answers)
    assert {problem.params["sheet"] for problem in caught.value.problems} == {"instrument", "nodes"}
    with pytest.raises(InstrumentError) as caught:
        import_instrument_xlsx(b"not a zip file")
    assert caught.value.problems[0].code == "unreadable_file"
    with pytest.raises(InstrumentError):
        import_instrument_xlsx(tmp_path / "missing.xlsx")


@pytest.mark.parametrize("instrument_id", ["kominfo-sc-2017", "spbe-2020", "monev-2022", "readiness-2019"])
def test_exported_answers_import_back_the_same(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    answers = one_of_each(instrument)
    partial = dict(list(answers.items())[:3])
    exported = export_answers_xlsx(instrument, {"3471": answers, "3404": partial})
    assert import_answers_xlsx(exported, instrument) == {"3471": answers, "3404": partial}


def test_single_region_answers_and_the_blank_form() -> None:
    answers = {"core.level": 2, "core.flag": True, "measures.share": Fraction(1, 3), "measures.kind": "full"}
    assert import_answers_xlsx(export_answers_xlsx(TOY, {None: answers}), TOY) == {None: answers}
    blank = export_answers_xlsx(TOY, {None: {}})
    rows = list(load_workbook(io.BytesIO(blank))["answers"].iter_rows(values_only=True))
    assert [row[0] for row in rows[1:]] == [indicator.code for indicator in TOY.indicators()]
    assert rows[2][4] == "yes/no"
    assert import_answers_xlsx(blank, TOY) == {}


def test_answers_typed_into_the_form_score_like_the_csv() -> None:
    filled = edited(
        export_answers_xlsx(TOY, {None: {}}),
        "answers",
        {"B2": 3, "B3": "ya", "B4": 25, "B5": 4, "B6": "some"},
    )
    answers = import_answers_xlsx(filled, TOY)[None]
    assert score(TOY, answers).total == Fraction("3.125")  # the worked example of test_instruments_scoring


def test_bad_answers_in_the_form_name_their_rows() -> None:
    filled = edited(
        export_answers_xlsx(TOY, {None: {}}), "answers", {"B2": 7, "B3": "maybe", "A4": "nope", "B4": 1}
    )
    with pytest.raises(AnswersError) as caught:
        import_answers_xlsx(filled, TOY)
    found = [(problem.code, problem.path, problem.row) for problem in caught.value.problems]
    assert found == [
        ("out_of_range", "answers", 2),
        ("not_yes_no", "answers", 3),
        ("unknown_indicator", "answers", 4),
    ]


def test_a_hand_made_workbook_needs_only_the_columns_it_uses() -> None:
    workbook = Workbook()
    about = workbook.active
    assert about is not None
    about.title = "instrument"
    for row in (["field", "value"], ["id", "mini"], ["version", "1"], ["name_id", "Mini"], ["scale_max", 5]):
        about.append(row)
    nodes = workbook.create_sheet("nodes")
    nodes.append(["code", "parent", "name_id", "weight", "answer_type", "lower", "upper"])
    nodes.append(["G", None, "Grup", None, None, None, None])
    nodes.append([1, "G", "Satu", 2, "yes_no", None, None])  # a code typed as a number is still "1"
    nodes.append([2, "G", "Dua", 1, "number", 0, 10])
    buffer = io.BytesIO()
    workbook.save(buffer)
    mini = import_instrument_xlsx(buffer.getvalue())
    assert [indicator.code for indicator in mini.indicators()] == ["1", "2"]
    # G = (2 × 5 + 1 × (5/10 × 5)) / 3 = 12.5 / 3
    assert score(mini, {"1": "ya", "2": 5}).total == Fraction(25, 6)

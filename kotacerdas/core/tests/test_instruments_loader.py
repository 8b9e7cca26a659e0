"""Loading and validating instrument files: the shipped ones, and a broken one with every mistake."""

from fractions import Fraction
from pathlib import Path

import pytest
import yaml

from kotacerdas.core.instruments import (
    FRAMEWORKS_DIR,
    InstrumentError,
    available_instruments,
    instrument_hash,
    instrument_to_dict,
    load_instrument,
    parse_instrument,
)

DATA = Path(__file__).parent / "data" / "instruments"
SHIPPED = [
    "giffinger-2007",
    "ikci-2018",
    "kominfo-sc-2017",
    "monev-2022",
    "monev-sleman",
    "readiness-2019",
    "spbe-2018",
    "spbe-2020",
    "u4ssc-2017",
]


def test_the_shipped_instruments_are_all_there() -> None:
    assert available_instruments() == SHIPPED


@pytest.mark.parametrize("instrument_id", SHIPPED)
def test_every_shipped_instrument_loads_and_survives_its_data_form(instrument_id: str) -> None:
    instrument = load_instrument(instrument_id)
    assert instrument.id == instrument_id
    assert instrument.sources, "every shipped instrument names its sources"
    assert parse_instrument(instrument_to_dict(instrument)) == instrument


def test_an_explicit_path_loads_too() -> None:
    by_path = load_instrument(FRAMEWORKS_DIR / "spbe-2020.yaml")
    assert by_path == load_instrument("spbe-2020")
    assert load_instrument(str(DATA / "toy.yaml")).id == "toy"


def test_an_unknown_id_is_a_problem_not_a_traceback() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument("spbe-2099")
    assert [problem.code for problem in caught.value.problems] == ["instrument_not_found"]
    with pytest.raises(InstrumentError):
        load_instrument("../../etc/passwd")


def test_every_mistake_is_reported_with_its_path() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(DATA / "broken.yaml")
    found = {(problem.code, problem.path.removeprefix("broken.yaml: ")) for problem in caught.value.problems}
    assert found == {
        ("unknown_field", "instrument.colour"),
        ("duplicate_band", "bands[1].min"),
        ("duplicate_level", "level_sets.five[1].level"),
        ("level_out_of_scale", "level_sets.five[2].level"),
        ("duplicate_code", "components[0].children[1].code"),
        ("weight_mismatch", "components[0].weight"),
        ("negative_weight", "components[1].weight"),
        ("missing_field", "components[1].name"),
        ("unknown_level_set", "components[1].children[0].answer.levels"),
        ("empty_group", "components[2].children"),
        ("not_a_number", "components[3].weight"),
        ("bad_goalposts", "components[4].answer"),
        ("invalid_value", "components[5].answer.type"),
    }


def test_yaml_problems_carry_the_line_to_fix() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(DATA / "broken.yaml")
    lines = (DATA / "broken.yaml").read_text(encoding="utf-8").splitlines()
    for problem in caught.value.problems:
        assert problem.row is not None
        assert "BAD" in lines[problem.row - 1] or problem.code in {"missing_field", "duplicate_code"}, problem
    unknown = next(problem for problem in caught.value.problems if problem.code == "unknown_field")
    assert lines[unknown.row - 1].startswith("colour:")  # type: ignore[operator]


def test_problems_render_as_stable_codes_with_params() -> None:
    with pytest.raises(InstrumentError) as caught:
        load_instrument(DATA / "broken.yaml")
    mismatch = next(problem for problem in caught.value.problems if problem.code == "weight_mismatch")
    assert mismatch.to_dict() == {
        "code": "weight_mismatch",
        "path": "broken.yaml: components[0].weight",
        "row": 20,
        "params": {"group": "A", "weight": "5", "children": "3"},
        "message": "weight of 'A' is 5 but its children's weights sum to 3",
    }


def test_a_file_whose_id_differs_from_its_name_is_refused(tmp_path: Path) -> None:
    (tmp_path / "copy.yaml").write_text((DATA / "toy.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument("copy", folder=tmp_path)
    assert caught.value.problems[0].params["value"] == "toy"


def test_a_yaml_syntax_error_is_a_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: [unclosed\n", encoding="utf-8")
    with pytest.raises(InstrumentError) as caught:
        load_instrument(bad)
    assert caught.value.problems[0].code == "unreadable_file"


def test_a_framework_holds_no_indicators() -> None:
    data = yaml.safe_load((FRAMEWORKS_DIR / "giffinger-2007.yaml").read_text(encoding="utf-8"))
    data["components"][0]["answer"] = {"type": "yes_no"}
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(data)
    assert [problem.code for problem in caught.value.problems] == ["framework_has_indicator"]


def test_the_hash_changes_when_a_weight_changes() -> None:
    data = instrument_to_dict(load_instrument("monev-2022"))
    before = instrument_hash(parse_instrument(data))
    data["components"][0]["weight"] = "11"
    assert instrument_hash(parse_instrument(data)) != before


def test_kominfo_has_six_dimensions_of_three_elements_with_example_indicators() -> None:
    kominfo = load_instrument("kominfo-sc-2017")
    dimensions = [child.code for child in kominfo.children]
    assert dimensions == ["governance", "branding", "economy", "living", "society", "environment"]
    assert all(len(child.children) == 3 for child in kominfo.children)  # type: ignore[union-attr]
    assert {indicator.answer.type for indicator in kominfo.indicators()} == {
        "maturity",
        "yes_no",
        "number",
        "choice",
    }
    assert all(indicator.example for indicator in kominfo.indicators())
    assert kominfo.status == "example"


def test_readiness_has_three_core_and_two_optional_elements() -> None:
    readiness = load_instrument("readiness-2019")
    elements = {child.code: child.optional for child in readiness.children}
    assert elements == {
        "struktur": False,
        "infrastruktur": False,
        "suprastruktur": False,
        "alam": True,
        "budaya": True,
    }


def test_ikci_pillar_weights_and_people_weighs_most() -> None:
    ikci = load_instrument("ikci-2018")
    weights = {child.code: child.weight for child in ikci.children}
    assert sum(weights.values()) == 1
    assert max(weights, key=lambda code: weights[code]) == "people"
    assert weights["environment"] == Fraction("0.16")


def test_u4ssc_has_3_dimensions_7_sub_dimensions_and_22_categories() -> None:
    u4ssc = load_instrument("u4ssc-2017")
    assert len(u4ssc.children) == 3
    sub_dimensions = [group for group in u4ssc.groups() if group.code.count(".") == 1]
    assert len(sub_dimensions) == 7
    categories = {group.name.en for group in u4ssc.groups() if group.code.count(".") == 2}
    assert len(categories) == 22
    assert load_instrument("giffinger-2007").kind == "framework"


@pytest.mark.parametrize("instrument_id", ["spbe-2020", "kominfo-sc-2017", "readiness-2019"])
def test_the_data_form_dumped_as_yaml_is_a_valid_instrument_file(instrument_id: str, tmp_path: Path) -> None:
    # the how-to's spreadsheet route writes instrument_to_dict() as YAML: it must load back identically
    instrument = load_instrument(instrument_id)
    text = yaml.safe_dump(instrument_to_dict(instrument), allow_unicode=True, sort_keys=False)
    (tmp_path / f"{instrument_id}.yaml").write_text(text, encoding="utf-8")
    assert load_instrument(instrument_id, folder=tmp_path) == instrument


def test_evidence_required_is_read_on_an_indicator_and_refused_on_a_group() -> None:
    data = yaml.safe_load((DATA / "toy.yaml").read_text(encoding="utf-8"))
    plain_hash = instrument_hash(parse_instrument(data))
    data["components"][0]["children"][1]["evidence_required"] = True
    instrument = parse_instrument(data)
    assert [i.code for i in instrument.indicators() if i.evidence_required] == ["core.flag"]
    assert instrument_hash(instrument) != plain_hash  # the requirement is part of the content
    data["components"][0]["children"][1]["evidence_required"] = "ya"
    data["components"][0]["evidence_required"] = True
    with pytest.raises(InstrumentError) as caught:
        parse_instrument(data)
    fields = [problem.params.get("field") for problem in caught.value.problems]
    assert fields == ["evidence_required", "evidence_required"]

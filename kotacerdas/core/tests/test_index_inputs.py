"""Bad inputs are refused up front, with a message naming the row, column or code at fault."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kotacerdas.core.index import (
    CompositeIndexError,
    build,
    dataset_from_rows,
    framework_from_rows,
    load,
    load_recipe,
    make_recipe,
)
from kotacerdas.core.index.inputs import Row, read_table

ASEM = Path(__file__).parent / "data" / "index"

META = [
    {"iCode": "i1", "Level": "1", "Parent": "Index", "Direction": "1", "Weight": "1", "Type": "Indicator"},
    {"iCode": "i2", "Level": "1", "Parent": "Index", "Direction": "-1", "Weight": "1", "Type": "Indicator"},
    {"iCode": "Index", "Level": "2", "Parent": "", "Direction": "1", "Weight": "1", "Type": "Aggregate"},
]
DATA = [
    {"uCode": "KOTA_A", "i1": "1", "i2": "5"},
    {"uCode": "KOTA_B", "i1": "2", "i2": "4"},
    {"uCode": "KOTA_C", "i1": "4", "i2": "1"},
]


def edited(rows: list[dict[str, str]], index: int, **changes: str) -> list[Row]:
    copy: list[Row] = [dict(r) for r in rows]
    copy[index] = {**copy[index], **changes}
    return copy


def test_the_valid_example_builds() -> None:
    framework = framework_from_rows(META)
    result = build(framework, dataset_from_rows(DATA, framework), make_recipe({"normalise": {}}))
    # i2 has direction -1, so KOTA_C (highest i1, lowest i2) scores 100 on both
    assert result.column("Index") == pytest.approx([0.0, (100 / 3 + 25) / 2, 100.0], rel=1e-15)
    assert result.ranks[:, result.codes.index("Index")].tolist() == [3, 2, 1]


def test_an_unknown_parent_is_named() -> None:
    with pytest.raises(CompositeIndexError, match=r"iMeta row 3 \(iCode 'i2'\): Parent 'Pillar9' is not"):
        framework_from_rows(edited(META, 1, Parent="Pillar9"))


def test_a_parent_cycle_is_named() -> None:
    meta = [
        {"iCode": "i1", "Level": "1", "Parent": "P", "Direction": "1", "Weight": "1", "Type": "Indicator"},
        {"iCode": "P", "Level": "2", "Parent": "Q", "Direction": "1", "Weight": "1", "Type": "Aggregate"},
        {"iCode": "Q", "Level": "3", "Parent": "P", "Direction": "1", "Weight": "1", "Type": "Aggregate"},
    ]
    with pytest.raises(CompositeIndexError, match="cycle: P -> Q -> P"):
        framework_from_rows(meta)


def test_a_parent_on_the_wrong_level_is_named() -> None:
    meta = [*META[:2], {**META[2], "Level": "3"}]
    with pytest.raises(CompositeIndexError, match="Parent 'Index' is at Level 3, expected Level 2"):
        framework_from_rows(meta)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"Type": "Indikator"}, "Type 'Indikator' is not one of"),
        ({"Direction": "2"}, r"iCode 'i1'\): Direction must be 1 or -1"),
        ({"Weight": "berat"}, r"iCode 'i1'\) Weight: 'berat' is not a number"),
        ({"Level": "2"}, "an Indicator must have Level 1"),
        ({"iCode": "i2"}, "iCode 'i2' is duplicated"),
    ],
)
def test_bad_meta_cells_are_named(change: dict[str, str], message: str) -> None:
    with pytest.raises(CompositeIndexError, match=message):
        framework_from_rows(edited(META, 0, **change))


def test_an_aggregate_without_children_is_named() -> None:
    meta = [
        *META,
        {"iCode": "Empty", "Level": "2", "Parent": "", "Direction": "1", "Weight": "1", "Type": "Aggregate"},
    ]
    with pytest.raises(CompositeIndexError, match="Aggregate 'Empty' has no children"):
        framework_from_rows(meta)


def test_a_non_numeric_cell_is_named_by_row_unit_and_column() -> None:
    framework = framework_from_rows(META)
    with pytest.raises(
        CompositeIndexError, match=r"iData row 3 \(uCode 'KOTA_B'\), column 'i2': 'n/a' is not"
    ):
        dataset_from_rows(edited(DATA, 1, i2="n/a"), framework)


def test_an_all_missing_indicator_is_named() -> None:
    framework = framework_from_rows(META)
    rows = [{**r, "i2": ""} for r in DATA]
    with pytest.raises(CompositeIndexError, match="iData column 'i2' is all missing"):
        dataset_from_rows(rows, framework)


def test_missing_columns_and_duplicate_units_are_named() -> None:
    framework = framework_from_rows(META)
    with pytest.raises(CompositeIndexError, match=r"iData lacks column.*i2"):
        dataset_from_rows([{"uCode": "A", "i1": "1"}], framework)
    with pytest.raises(CompositeIndexError, match="uCode 'KOTA_A' is duplicated"):
        dataset_from_rows(edited(DATA, 2, uCode="KOTA_A"), framework)


def test_zero_variance_with_zscore_is_named() -> None:
    framework = framework_from_rows(META)
    dataset = dataset_from_rows([{**r, "i1": "7"} for r in DATA], framework)
    with pytest.raises(CompositeIndexError, match="n_zscore: indicator 'i1' has zero variance"):
        build(framework, dataset, make_recipe({"normalise": {"method": "n_zscore"}}))


def test_geometric_mean_of_non_positive_values_is_refused_naming_the_unit() -> None:
    framework = framework_from_rows(META)
    dataset = dataset_from_rows(DATA, framework)
    recipe = make_recipe({"normalise": {"method": "n_zscore"}, "aggregate": {"method": "a_gmean"}})
    with pytest.raises(CompositeIndexError, match="a_gmean: 'Index' needs positive values but unit 'KOTA_A'"):
        build(framework, dataset, recipe)


@pytest.mark.parametrize(
    ("recipe", "message"),
    [
        ({"normalise": {"method": "n_minimax"}}, "method 'n_minimax' is not one of"),
        ({"normalise": {"method": "n_minmax", "params": {"lu": [0, 1]}}}, "unknown param.*lu.*known: l_u"),
        ({"aggregate": {"method": "a_genmean"}}, "a_genmean needs a number params.p, got None"),
        ({"aggregate": {"method": "a_amean"}, "treat": {}}, "'aggregate' must be the last step"),
        ({"weigths": {}}, "unknown key.*weigths"),
        ({"impute": {"method": "i_mean_grp"}}, "needs params.use_group"),
        ({"aggregate": {"w": "expert"}}, "'expert' is not 'equal', 'pca' or a name in weight_sets"),
        ({"normalise": {"params": {"l_u": "0-100"}}}, r"normalise.params.l_u: expected a list of 2 numbers"),
        ({"treat": {"params": {"winmax": "five"}}}, "treat.params.winmax: expected a number, got 'five'"),
        ({"aggregate": {"method": "a_genmean", "params": {"p": "2"}}}, "params.p"),
        ({"aggregate": {"w": {"i1": "heavy"}}}, "weights must be numbers"),
        ({"aggregate": {"w": {"i9": 1}}}, "weight given for unknown iCode.*i9"),
    ],
)
def test_recipe_mistakes_are_named(recipe: dict[str, object], message: str) -> None:
    framework = framework_from_rows(META)
    with pytest.raises(CompositeIndexError, match=message):
        build(framework, dataset_from_rows(DATA, framework), make_recipe(recipe))


def test_recipe_files_in_yaml_and_json_read_the_same(tmp_path: Path) -> None:
    (tmp_path / "r.yaml").write_text("normalise: {method: n_zscore, params: {m_sd: [10, 2]}}\n")
    (tmp_path / "r.json").write_text('{"normalise": {"method": "n_zscore", "params": {"m_sd": [10, 2]}}}')
    assert load_recipe(tmp_path / "r.yaml") == load_recipe(tmp_path / "r.json")
    (tmp_path / "bad.yaml").write_text("normalise: [unclosed\n")
    with pytest.raises(CompositeIndexError, match="not valid YAML/JSON"):
        load_recipe(tmp_path / "bad.yaml")


def test_asem_files_load_with_groups_denominators_and_missing_cells() -> None:
    framework, dataset = load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    assert framework.n_levels == 4 and len(framework.indicators) == 49
    assert framework.levels[-1] == ("Index",)
    assert framework.denominator["Flights"] == "Population"
    assert set(dataset.groups) == {"GDP_group", "GDPpc_group", "Pop_group", "EurAsia_group"}
    assert int(np.isnan(dataset.values).sum()) == 63
    assert len(read_table(ASEM / "asem_iMeta.csv")) == 68


def test_panel_data_needs_a_period_and_each_period_builds() -> None:
    with pytest.raises(
        CompositeIndexError, match=r"uCode 'AUT' is duplicated.*select one period with --time"
    ):
        load(ASEM / "asem_iData_panel.csv", ASEM / "asem_iMeta.csv")
    with pytest.raises(CompositeIndexError, match=r"no rows with Time = 1999 \(available: 2018, 2019"):
        load(ASEM / "asem_iData_panel.csv", ASEM / "asem_iMeta.csv", time="1999")
    _, panel_2018 = load(ASEM / "asem_iData_panel.csv", ASEM / "asem_iMeta.csv", time="2018")
    _, single = load(ASEM / "asem_iData.csv", ASEM / "asem_iMeta.csv")
    assert panel_2018.units == single.units
    np.testing.assert_array_equal(panel_2018.values, single.values)
    _, panel_2022 = load(ASEM / "asem_iData_panel.csv", ASEM / "asem_iMeta.csv", time="2022")
    assert len(panel_2022.units) == 51 and not np.array_equal(
        panel_2022.values, single.values, equal_nan=True
    )

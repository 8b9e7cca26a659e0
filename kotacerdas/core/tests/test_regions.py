import pytest

from kotacerdas.core.regions import (
    PP_26_2008,
    RKCI_2017,
    InvalidRegionCode,
    RegionKind,
    SizeBand,
    SizeClassScheme,
    kind_of_code,
    province_code_of,
)


@pytest.mark.parametrize(
    ("code", "kind"),
    [
        ("33", RegionKind.PROVINCE),
        ("33.01", RegionKind.KABUPATEN),
        ("33.69", RegionKind.KABUPATEN),
        ("33.71", RegionKind.KOTA),
        ("33.73", RegionKind.KOTA),
        ("96.71", RegionKind.KOTA),
    ],
)
def test_it_tells_the_kind_from_the_code(code: str, kind: RegionKind) -> None:
    assert kind_of_code(code) is kind


@pytest.mark.parametrize("code", ["", "3", "333", "33.70", "33.00", "33-73", "33.7", "00", "33.73.04"])
def test_it_rejects_malformed_codes(code: str) -> None:
    with pytest.raises(InvalidRegionCode):
        kind_of_code(code)


def test_it_finds_the_province_of_a_kota() -> None:
    assert province_code_of("33.73") == "33"
    assert province_code_of("33") is None


@pytest.mark.parametrize(
    ("population", "size_class"),
    [
        (0, "kecil"),
        (100_000, "kecil"),
        (100_001, "sedang"),
        (500_000, "sedang"),
        (500_001, "besar"),
        (1_000_000, "besar"),
        (1_000_001, "metropolitan"),
        (None, None),
    ],
)
def test_pp26_2008_boundaries(population: int | None, size_class: str | None) -> None:
    assert PP_26_2008.classify(population) == size_class


def test_rkci_2017_boundaries() -> None:
    assert RKCI_2017.classify(199_999) == "kecil"
    assert RKCI_2017.classify(200_000) == "sedang"
    assert RKCI_2017.classify(1_000_001) == "besar"


def test_a_scheme_must_cover_every_population() -> None:
    with pytest.raises(ValueError, match="no ceiling"):
        SizeClassScheme("bad", (SizeBand("kecil", 10),))
    with pytest.raises(ValueError, match="increasing"):
        SizeClassScheme("bad", (SizeBand("a", 10), SizeBand("b", 5), SizeBand("c", None)))


def test_size_schemes_are_data_files_read_back_identically() -> None:
    from kotacerdas.core.regions import (
        available_size_schemes,
        load_size_scheme,
        size_scheme_from_dict,
        size_scheme_to_dict,
    )

    assert available_size_schemes() == ["pp26-2008", "rkci-2017"]
    scheme = load_size_scheme("pp26-2008")
    assert [(b.size_class, b.upper_bound) for b in scheme.bands] == [
        ("kecil", 100_000),
        ("sedang", 500_000),
        ("besar", 1_000_000),
        ("metropolitan", None),
    ]
    assert size_scheme_from_dict(size_scheme_to_dict(scheme)) == scheme


def test_an_unknown_or_malformed_size_scheme_is_refused() -> None:
    from kotacerdas.core.regions import load_size_scheme, size_scheme_from_dict

    with pytest.raises(ValueError, match="unknown size-class scheme 'pp99'"):
        load_size_scheme("pp99")
    with pytest.raises(ValueError, match="whole-number max"):
        size_scheme_from_dict({"id": "x", "bands": [{"code": "a", "max": -1}, {"code": "b", "max": None}]})


def test_a_size_class_code_is_checked_like_a_region_code() -> None:
    """Malformed (not lowercase letters, digits, - or _ from a letter, or longer than a region's
    size_class column), missing or repeated codes are all named at once; the shipped schemes pass."""
    from kotacerdas.core.regions import (
        SizeSchemeError,
        available_size_schemes,
        load_size_scheme,
        read_size_scheme,
    )

    for code in available_size_schemes():
        load_size_scheme(code)
    text = (
        "id: x\n"
        "bands:\n"
        "  - {code: kecil, max: 10}\n"
        "  - {code: kecil, max: 20}\n"
        f"  - {{code: {'x' * 21}, max: 30}}\n"
        "  - {code: 7, max: 40}\n"
        "  - {code: besar, max: null}\n"
    )
    with pytest.raises(SizeSchemeError) as refused:
        read_size_scheme(text)
    assert [problem.split(":")[0] for problem in refused.value.problems] == [
        "band 2 (line 4)",
        "band 3 (line 5)",
        "band 4 (line 6)",
    ]
    assert "'kecil' is repeated; band 1 (line 3) has it" in refused.value.problems[0]
    assert "is malformed" in refused.value.problems[1]
    assert "7 is malformed" in refused.value.problems[2]

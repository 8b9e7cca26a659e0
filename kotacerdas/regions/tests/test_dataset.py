"""The shipped region data: Kepmendagri 300.2.2-2138/2025 counts (domain.md §6.1)."""

import re

import pytest

from kotacerdas.core.regions import kind_of_code
from kotacerdas.regions.dataset import read_region_rows
from kotacerdas.regions.models import Region

pytestmark = pytest.mark.django_db


def test_it_has_every_province_and_kab_kota() -> None:
    assert Region.objects.filter(kind=Region.Kind.PROVINCE).count() == 38
    assert Region.objects.filter(kind=Region.Kind.KABUPATEN).count() == 416
    assert Region.objects.filter(kind=Region.Kind.KOTA).count() == 98


def test_every_code_is_valid_and_matches_its_kind_and_province() -> None:
    for region in Region.objects.select_related("province"):
        assert re.fullmatch(r"\d{2}(\.\d{2})?", region.code)
        assert kind_of_code(region.code).value == region.kind
        if region.kind == Region.Kind.PROVINCE:
            assert region.province is None
        else:
            assert region.province is not None
            assert region.code.startswith(region.province.code + ".")


def test_new_papua_provinces_are_there() -> None:
    assert set(Region.objects.filter(code__in=["93", "94", "95", "96"]).values_list("code", flat=True)) == {
        "93",
        "94",
        "95",
        "96",
    }


def test_population_is_known_for_every_kab_kota_with_year_and_source() -> None:
    regencies = Region.objects.exclude(kind=Region.Kind.PROVINCE)
    assert not regencies.filter(population__isnull=True).exists()
    assert set(regencies.values_list("population_year", flat=True)) == {2024}
    assert all("Dukcapil" in source for source in regencies.values_list("population_source", flat=True))


def test_provinces_add_up_to_the_national_population() -> None:
    # Dukcapil, December 2024: 284,973,643 (domain.md §6.1).
    provinces = Region.objects.filter(kind=Region.Kind.PROVINCE)
    assert sum(provinces.values_list("population", flat=True)) == 284_973_643


def test_a_known_kota_is_classified_by_pp_26_2008() -> None:
    salatiga = Region.objects.get(code="33.73")
    assert salatiga.name == "Kota Salatiga"
    assert salatiga.kind == Region.Kind.KOTA
    assert 100_000 < salatiga.population <= 500_000
    assert salatiga.size_class == "sedang"
    assert Region.objects.get(code="31.74").size_class == "metropolitan"  # Jakarta Selatan
    assert Region.objects.get(code="33").size_class == ""  # provinces have none


def test_the_csv_has_no_duplicate_codes() -> None:
    codes = [row.code for row in read_region_rows()]
    assert len(codes) == len(set(codes)) == 552
